"""Read the two numbers of a reply letter: the proposal's number and the letter's document number.

In: the letter's heading text and the sentence that names the proposal, or single lines.
Out: the proposal number as written without 第 and 号 ("0070", "D022", "2025D048", "2024175"),
in digits where it is written in Chinese numerals (第三十五号 → "35"),
the kind word written beside it (提案/建议/议案), and a document number such as
资教体函〔2024〕70号 (brackets 〔〕 [] () （） 【】), or None where a line only has a broken one.
"""

import re
from dataclasses import dataclass

from .numerals import CHINESE_NUMERAL, fold_width, to_int

# The kind written right after a number: 提案, 委员建议, 党派提案.
_KIND_AFTER = r"\s*(?:的)?(?:委员|代表|党派|集体)?(?:提案|建议|议案)"
# 第0070号提案, 第 257 号委员建议, 第D022号, 第2025D048号, 第2024-0158号. Not after 〕]） or 年 (that is a
# document number such as 〔2024〕第70号) and not a decree or notice number (第1号令).
_NUMBER_IN_WORDS = re.compile(
    r"(?<![〕\]］】）)年令告])第\s*(?P<number>[A-Za-z]{0,4}\s*\d[\d \-－]*(?:[A-Za-z]{1,3}\s*\d[\d ]*)?)\s*号"
    r"(?!令|文|公告|通知)(?P<after>" + _KIND_AFTER + ")?"
)
# A number in Chinese numerals, "第三十五号提案", "会议第一百零八号": taken beside the kind or after
# the session's 会议 only, since 第一号 elsewhere may be anything; given as digits ("35", "108").
_NUMBER_IN_CHINESE = re.compile(
    rf"(?:(?<=会议)|(?<=会议\s))第\s*(?P<numeral>[{CHINESE_NUMERAL}]{{1,6}})\s*号(?!令|文|公告|通知)(?P<after>{_KIND_AFTER})?"
    rf"|第\s*(?P<numeral2>[{CHINESE_NUMERAL}]{{1,6}})\s*号(?P<after2>{_KIND_AFTER})"
)
# The first of a list of numbers under one 第…号 ("第35、42号提案"), which the other forms miss.
_NUMBER_IN_LIST = re.compile(
    r"(?<![〕\]］】）)年令告\d])第\s*(?P<number>[A-Za-z]{0,4}\d{1,10})\s*[、，,及和](?=\s*(?:第\s*)?[A-Za-z]{0,4}\d{1,10}\s*(?:[、，,及和]|号))"
)
# A number without 第 right before the kind: "您提出的15号提案", "（123号建议）".
_NUMBER_BEFORE_KIND = re.compile(
    r"(?<![\d〕\]］】）)年月])(?P<number>[A-Za-z]{0,4}\d{1,10})\s*号\s*(?P<after>(?:委员|代表)?(?:提案|建议|议案))"
)
# Numbers given by a label: "提案号：123", "建议编号：D022", "编号：2025D048" (not 索引号, 文号).
_NUMBER_BY_LABEL = re.compile(
    r"(?:(?P<kind>提案|建议|议案)(?:编号|号)|(?<![索文息件])编号|案号)\s*(?:[:：]\s*|\s)第?\s*(?P<number>[A-Za-z]{0,4}\d[\dA-Za-z\-]*)"
)

# A document number: issuer abbreviation, year in brackets, serial, 号. The bracket pairs are
# the ones letters use: 〔〕 (the standard), [] and 【】 (typed on keyboards), () and （）.
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fa5]{1,12}\s*(?:〔\s*(?:19|20)\d{2}\s*〕|[\[［]\s*(?:19|20)\d{2}\s*[\]］]|【\s*(?:19|20)\d{2}\s*】"
    r"|[(（]\s*(?:19|20)\d{2}\s*[)）])\s*第?\s*\d{1,5}\s*号"
)
# The start of a document number whose closing bracket or serial was lost ("资教体函〔202470", seed 001).
_BROKEN_DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,12}\s*[〔\[［【]\s*(?:19|20)\d{2,}")
# A document number that lost only its closing bracket and 号: the year has four digits, so the
# digits after it can only be the serial ("资教体函〔202470" is 资教体函〔2024〕70号).
_LOST_BRACKET = re.compile(
    r"(?P<issuer>[\u4e00-\u9fa5]{1,12})\s*(?P<open>[〔\[［【])\s*(?P<year>(?:19|20)\d{2})\s*(?P<serial>\d{1,5})\s*号?"
)
_CLOSE = {"〔": "〕", "[": "]", "［": "］", "【": "】"}


@dataclass(frozen=True)
class NumberMention:
    number: str  # as written, without 第/号 and spaces
    kind: str | None  # 提案 / 建议 / 议案 when written right after it


def _kind_in(after: str) -> str | None:
    return next((word for word in ("提案", "建议", "议案") if word in after), None)


def find_proposal_numbers(text: str) -> list[NumberMention]:
    """Every proposal number the text gives, in order."""
    found: list[tuple[int, NumberMention]] = []
    for match in _NUMBER_IN_WORDS.finditer(text):
        number = re.sub(r"\s+", "", match["number"])
        found.append((match.start(), NumberMention(number, _kind_in(match["after"] or ""))))
    for match in _NUMBER_IN_CHINESE.finditer(text):
        value = to_int(match["numeral"] or match["numeral2"])
        if value:
            found.append((match.start(), NumberMention(str(value), _kind_in(match["after"] or match["after2"] or ""))))
    if not found:
        for match in _NUMBER_BEFORE_KIND.finditer(text):
            kind = next(word for word in ("提案", "建议", "议案") if word in match["after"])
            found.append((match.start(), NumberMention(match["number"], kind)))
    for match in _NUMBER_IN_LIST.finditer(text):
        found.append((match.start(), NumberMention(match["number"], None)))  # 第35、42号: one letter, two proposals
    for match in _NUMBER_BY_LABEL.finditer(text):
        found.append((match.start(), NumberMention(re.sub(r"\s+", "", match["number"]), match["kind"])))
    return [mention for _, mention in sorted(found, key=lambda item: item[0])]


def normalize_proposal_number(raw: str) -> str:
    """The comparable form of a proposal number: 第0070号, 00070 and 70 all give "70"; "" without digits."""
    text = re.sub(r"[^0-9A-Z\-]", "", fold_width(raw).upper())
    if not re.search(r"\d", text):
        return ""
    return re.sub(r"\d+", lambda digits: digits.group(0).lstrip("0") or "0", text)


def find_doc_number(line: str) -> str | None:
    """The document number in a line, as written without inner spaces; None if it has none."""
    match = _DOC_NUMBER.search(line)
    return re.sub(r"\s+", "", match.group(0)) if match else None


def repair_doc_number(broken: str) -> str | None:
    """The one reading of a document number that lost its closing bracket, or None if there are several."""
    match = _LOST_BRACKET.fullmatch(broken.strip())
    if match is None:
        return None
    return f"{match['issuer']}{match['open']}{match['year']}{_CLOSE[match['open']]}{match['serial']}号"


def broken_doc_number(line: str) -> str | None:
    """The start of a document number that lost characters, as written; None if there is none."""
    if _DOC_NUMBER.search(line):
        return None
    match = _BROKEN_DOC_NUMBER.search(line)
    if match is None:
        return None
    rest = line[match.end() :].strip()
    return match.group(0) + ("号" if rest.startswith("号") else "")
