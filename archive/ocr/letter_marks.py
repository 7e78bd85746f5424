"""What recognition gets wrong in the marks a letter's fields hang on, put right by the genre's own shapes.

The engine reads a colon as a semicolon (公开方式；主动公开), drops the colon after a salutation (朱蓉代表),
reads a document number's 〔〕 as 【] or [], a result class C as 《, a subsection's （ as 《, and misreads one
character of a place name (枇溪市 for 慈溪市).
The parser finds its fields by these marks; each fix here is narrow: a label the parser knows, a line
alone before the body that names a deputy, brackets around a year before a number and 号, a place the
gazetteer does not know, standing where a place's name does, that is one character from one the letter
names elsewhere. Pure functions on the whole text.
"""

from __future__ import annotations

import re
from functools import cache

from archive.parsing.vocabulary import DISCLOSURE_FIELDS, RESULT_FIELDS
from archive.places import Division, named, place_names

_LABELS = (*RESULT_FIELDS, *DISCLOSURE_FIELDS, "联系人", "联系电话", "电话", "签发人", "抄送", "抄报", "主送", "附件")
_LABEL_SEMICOLON = re.compile(rf"(?<![\u4e00-\u9fff])({'|'.join(sorted(_LABELS, key=len, reverse=True))})\s*[；;]")
# A salutation is a paragraph of its own: a name or names and a role, maybe with a misread mark after them.
# A party writes as its committee of a place (九三学社市委员会, 德州市民盟委员会, 民进市委会); a bare 委员会 is
# an agency's name as often (宜宾市卫生健康委员会, 发展和改革委员会), which heads and signs the letter.
_SALUTATION = re.compile(
    r"(?P<who>[^\n，。；：:;,]{1,40}?(?:代表|委员|同志|[省市州盟区县旗]委员会|[省市州区县]委会))[：:；;，,.。]{0,2}"
)
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_SENTENCE_END = re.compile(r"[。！？!?]$")
# The salutation comes after the heading's lines (agency, document number, disclosure, title), each a paragraph
# of its own as read: the corpus has at most 14 before it (a web page's header, 001).
_SALUTATION_WITHIN = 15
# 资教体函【2024] 70号, 信民提！（2024] 8号, and the same with 号 left out at the line's end (as web pages copy it).
_DOC_NUMBER = re.compile(
    r"(?m)(?<=[\u4e00-\u9fff])\s*[！!|]?[【\[(（〔{]\s*((?:19|20)\d{2})\s*[】\])）〕}]\s*(\d{1,5})\s*(号|$)"
)
_RESULT_LETTER = re.compile(r"[【\[]([A-DＡ-Ｄ])[】\]]")
# A lone Latin letter in Chinese type: after a result label the engine reads C as 《 or (, B as 8.
_RESULT_AFTER_LABEL = re.compile(rf"(?m)((?:{'|'.join(RESULT_FIELDS)})：\s*)([《〈(（cＣ8])$")
_LOOKS_LIKE = {"《": "C", "〈": "C", "(": "C", "（": "C", "c": "C", "Ｃ": "C", "8": "B"}
# A subsection's number in brackets, its opening bracket read as 《: 《一）.
_SUBSECTION = re.compile(r"(?m)^[《〈]([一二三四五六七八九十]{1,3}|\d{1,2})([）)])")
# A place is repaired only where a place's name stands: at a line's start, an agency's name (枇溪市教育局,
# 慈溪市人力资源和社会保障局), or right after the place it lies in (湖州市吴星区, 浙江省枇溪市). In running text
# three characters ending in 区 or 市 are words as often (推进主城区老旧小区改造, 全市城区道路); 本市 is no place.
_PLACE_OF_AGENCY = re.compile(
    r"(?m)^[ \t\u3000]*(?P<name>[\u4e00-\u9fff]{2}[市县区旗])(?=[\u4e00-\u9fff]{0,10}?(?:局|委|办|厅|政府))"
)
_PLACE_QUALIFIED = re.compile(r"(?<=[省市州盟区])(?=(?P<name>[\u4e00-\u9fff]{2}[市县区旗]))")
_QUALIFIER_LONGEST = 12  # 黔东南苗族侗族自治州


def letter_marks(text: str) -> str:
    """The text with its field marks as a typed letter has them, and misread place names put right."""
    text = _LABEL_SEMICOLON.sub(r"\1：", text)
    text = _salutation_put_right(text)
    text = _DOC_NUMBER.sub(r"〔\1〕\2\3", text)
    text = _RESULT_LETTER.sub(r"【\1】", text)
    text = _RESULT_AFTER_LABEL.sub(lambda match: match[1] + _LOOKS_LIKE[match[2]], text)
    text = _SUBSECTION.sub(r"（\1\2", text)
    return _places_put_right(text)


def _salutation_put_right(text: str) -> str:
    """The salutation with its colon, where one stands: the first paragraph shaped like one, among the first few
    and before the first that ends a sentence (the body). Further down a paragraph alone is a signature."""
    for paragraph in list(_PARAGRAPH.finditer(text))[:_SALUTATION_WITHIN]:
        match = _SALUTATION.fullmatch(paragraph.group())
        if match:
            return text[: paragraph.start()] + match["who"] + "：" + text[paragraph.end() :]
        if _SENTENCE_END.search(paragraph.group()):
            break
    return text


def _places_put_right(text: str) -> str:
    """枇溪市 → 慈溪市 where 枇溪市 is no place, 慈溪市 differs in one character and 慈溪 stands elsewhere in the text,
    and 枇溪市 stands where a place's name does: heading an agency's name, or after a place (within which 慈溪市 lies).

    Several places one character away (慈溪, 兰溪, 贵溪) are told apart only by the letter itself; when it
    names none of them, or more than one, the word is left as read.
    """
    spans: dict[int, tuple[Division, ...]] = {}
    for match in _PLACE_QUALIFIED.finditer(text):
        if qualifiers := _place_ending_at(text, match.start("name")):
            spans[match.start("name")] = qualifiers
    for match in _PLACE_OF_AGENCY.finditer(text):
        spans.setdefault(match.start("name"), ())
    repaired = text
    for start, qualifiers in sorted(spans.items()):
        name = text[start : start + 3]
        if named(name):
            continue
        rest = text[:start] + "\n" + text[start + 3 :]
        near = {known for position in range(2) for known in _one_apart().get(_wildcard(name, position), ())}
        named_elsewhere = [
            known for known in near if known[:2] in rest and (not qualifiers or _lies_within(known, qualifiers))
        ]
        if len(named_elsewhere) == 1:
            repaired = repaired[:start] + named_elsewhere[0] + repaired[start + 3 :]
    return repaired


def _place_ending_at(text: str, end: int) -> tuple[Division, ...]:
    """The places a name ending right before ``end`` may be (湖州市 before 吴星区), the longest name's."""
    for size in range(min(_QUALIFIER_LONGEST, end), 1, -1):
        if places := named(text[end - size : end]):
            return places
    return ()


def _lies_within(name: str, places: tuple[Division, ...]) -> bool:
    return any(place.within(qualifier) for place in named(name) for qualifier in places)


def _wildcard(name: str, position: int) -> str:
    return name[:position] + "?" + name[position + 1:]


@cache
def _one_apart() -> dict[str, tuple[str, ...]]:
    """Three-character place names (慈溪市, 东城区) by each pattern with one of their first two characters unknown."""
    index: dict[str, list[str]] = {}
    for name in place_names():
        if len(name) == 3 and name[-1] in "市县区旗":
            for position in range(2):
                index.setdefault(_wildcard(name, position), []).append(name)
    return {pattern: tuple(names) for pattern, names in index.items()}
