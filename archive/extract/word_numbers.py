"""Word's automatic list labels (一、 （一） 1.), which live in numbering.xml, not in a paragraph's runs.

Letters number their sections this way, and the parser finds sections by these labels. A start value
beyond Word's own maximum is refused: far beyond it, a label is a bomb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import docx
from lxml import etree

from archive.extract.budgets import ExtractError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_VAL = f"{W}val"


@dataclass(frozen=True)
class _Level:
    start: int
    format: str
    text: str
    suffix: str
    legal: bool


class ListNumbers:
    """Word's automatic list labels (一、 （一） 1.), which live in numbering.xml, not in the runs.

    Letters number their sections this way, and the parser finds sections by these labels.
    """

    def __init__(self, document: docx.document.Document) -> None:
        self._levels: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._style_numbering: dict[str, tuple[str, int]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._used: set[str] = set()
        try:
            numbering = document.part.numbering_part.element
            styles = document.styles.element
        except (KeyError, NotImplementedError, ValueError):
            return
        for abstract in numbering.iterchildren(f"{W}abstractNum"):
            self._levels[abstract.get(f"{W}abstractNumId")] = {
                _int(level.get(f"{W}ilvl")): _read_level(level) for level in abstract.iterchildren(f"{W}lvl")
            }
        for num in numbering.iterchildren(f"{W}num"):
            abstract_id = _child_val(num, "abstractNumId")
            overrides = {
                _int(override.get(f"{W}ilvl")): _list_start(_child_val(override, "startOverride"))
                for override in num.iterchildren(f"{W}lvlOverride")
                if _child_val(override, "startOverride") is not None
            }
            if abstract_id is not None:
                self._nums[num.get(f"{W}numId")] = (abstract_id, overrides)
        self._read_style_numbering(styles)

    def _read_style_numbering(self, styles: etree._Element) -> None:
        by_id = {style.get(f"{W}styleId"): style for style in styles.iterchildren(f"{W}style")}
        for style_id, style in by_id.items():
            for _ in range(10):  # follow basedOn, but never round a cycle
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    num_id = _child_val(num_pr, "numId")
                    if num_id:
                        self._style_numbering[style_id] = (num_id, _int(_child_val(num_pr, "ilvl")))
                    break
                style = by_id.get(_child_val(style, "basedOn"))
                if style is None:
                    break

    def label(self, paragraph: etree._Element) -> str:
        """The label Word shows before this paragraph; counts it, so call once per paragraph in order."""
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            num_id, level_index = _child_val(num_pr, "numId"), _int(_child_val(num_pr, "ilvl"))
        else:
            style = paragraph.find(f"{W}pPr/{W}pStyle")
            num_id, level_index = self._style_numbering.get(style.get(_W_VAL) if style is not None else None, (None, 0))
        if num_id not in self._nums:
            return ""  # numId 0 switches numbering off
        abstract_id, overrides = self._nums[num_id]
        levels = self._levels.get(abstract_id, {})
        level = levels.get(level_index)
        if level is None:
            return ""
        counts = self._counters.setdefault(abstract_id, {})
        # Lists sharing an abstract definition continue each other, unless a num restarts a level.
        if num_id not in self._used:
            self._used.add(num_id)
            for index, start in overrides.items():
                counts[index] = start - 1
        counts[level_index] = counts[level_index] + 1 if level_index in counts else level.start
        for deeper in [index for index in counts if index > level_index]:
            del counts[deeper]
        if level.format == "bullet":
            return ""  # bullet glyphs sit in symbol fonts and mean nothing as text

        def number(match: re.Match[str]) -> str:
            index = int(match[1]) - 1
            shown = levels.get(index, level)
            value = counts.get(index, shown.start)
            return _format_number(value, "decimal" if level.legal else shown.format)

        text = re.sub(r"%([1-9])", number, level.text)
        if not text or level.suffix == "nothing":
            return text
        # Word puts a tab after the label; after 、 or ） a space would only get in the way.
        return text + " " if text[-1].isalnum() else text


def _int(value: str | None) -> int:
    """An integer attribute; other programs write documents too, so a bad one counts as 0."""
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _child_val(element: etree._Element, name: str) -> str | None:
    child = element.find(f"{W}{name}")
    return child.get(_W_VAL) if child is not None else None


# Word accepts list numbers from 0 to 32767. Far beyond, a label is a bomb: 10^8 in letters is
# "a" written 3.8 million times, and every later paragraph of the list counts on from there.
MAX_LIST_NUMBER = 32767
_LIST_NUMBER_BOMB = (
    f"Word 文档的自动编号起始值超出范围（Word 最多为 {MAX_LIST_NUMBER}），文件可能已损坏或被改动过，"
    "为安全起见不予处理。请在 Word 中检查编号后重新另存再上传。"
)


def _list_start(value: str | None) -> int:
    start = _int(value)
    if start > MAX_LIST_NUMBER:
        raise ExtractError(_LIST_NUMBER_BOMB)
    return start


def _read_level(level: etree._Element) -> _Level:
    start = _child_val(level, "start")  # absent means 0, as the standard says
    return _Level(
        start=_list_start(start),
        format=_child_val(level, "numFmt") or "decimal",
        text=_child_val(level, "lvlText") or "",
        suffix=_child_val(level, "suff") or "tab",
        legal=level.find(f"{W}isLgl") is not None,
    )


_CHINESE_DIGITS = "〇一二三四五六七八九"
_CAPITAL_DIGITS = str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰")
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _chinese_number(value: int) -> str:
    if not 0 < value < 1000:
        return str(value)
    hundreds, tens, ones = value // 100, value // 10 % 10, value % 10
    text = f"{_CHINESE_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else _CHINESE_DIGITS[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    return text + (_CHINESE_DIGITS[ones] if ones else "")


def _roman(value: int) -> str:
    if not 0 < value < 4000:
        return str(value)
    text = ""
    for amount, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, value = divmod(value, amount)
        text += letters * count
    return text


def _format_number(value: int, number_format: str) -> str:
    """One counter value in one of Word's numFmt styles; unknown styles fall back to 1, 2, 3."""
    # LibreOffice writes Chinese counting (一、二) as taiwaneseCountingThousand when it saves a .docx.
    if number_format in (
        "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return _chinese_number(value)
    if number_format == "chineseLegalSimplified":
        return _chinese_number(value).translate(_CAPITAL_DIGITS)
    if number_format == "ideographTraditional" and 0 < value <= 10:
        return _HEAVENLY_STEMS[value - 1]
    if number_format in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < value <= 20:
        return chr(0x2460 + value - 1)  # ①
    if number_format == "decimalEnclosedParen" and 0 < value <= 20:
        return chr(0x2474 + value - 1)  # ⑴
    if number_format == "decimalEnclosedFullstop" and 0 < value <= 20:
        return chr(0x2488 + value - 1)  # ⒈
    if number_format in ("decimalFullWidth", "decimalFullWidth2"):
        return str(value).translate(_FULL_WIDTH_DIGITS)
    if number_format == "decimalZero":
        return f"{value:02d}"
    if number_format in ("lowerLetter", "upperLetter") and value > 0:
        letter = "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26] * ((value - 1) // 26 + 1)
        return letter if number_format == "lowerLetter" else letter.upper()
    if number_format in ("lowerRoman", "upperRoman"):
        return _roman(value).lower() if number_format == "lowerRoman" else _roman(value)
    if number_format == "none":
        return ""
    return str(value)
