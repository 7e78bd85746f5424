"""Find and read the session (届次) a proposal was submitted at.

In: a line or paragraph of a letter. Out: the session as written ("市政协五届四次会议",
"政协长春市第十四届委员会第二次会议", "区政协第四届二次会议", "市十七届人大三次会议"), and
its parts: body (人大/政协), region, term (届), meeting (次) and year when the text says one.
五届四次 and 第五届…第四次会议 give the same parts, so they are the same session.
"""

import re
from dataclasses import dataclass

from .numerals import NUMERAL, to_int

# A character that can be part of a place name before 政协/人大. The excluded characters are the
# words that stand right before a session in letters ("对市政协…", "您在政协长春市…", "关于对区政协…",
# "您提出的…"), so the place name starts after them.
_NOT_PLACE = "对在于的您你上向将为和与及是经届次第会议号提案建议函答复办理提出关我本贵该此其各委员年月日"
_PLACE_CHAR = rf"(?!政协|人大|人民代表|中国人民)[^\W\d_A-Za-z{_NOT_PLACE}]"
# A place: 长春市, 广州市南沙区, or just 市/区/县 as in 市政协, 区政协; 全国 for the national bodies.
REGION = rf"(?:全国|(?:{_PLACE_CHAR}{{0,8}}?(?:自治区|自治州|自治县|特别行政区|省|市|州|地区|区|县|旗|盟)){{1,2}})"

# The session phrase. Orders seen: 市政协五届四次会议, 区政协第四届二次会议, 市十七届人大三次会议,
# 政协长春市第十四届委员会第二次会议, 资阳市第五届人民代表大会第四次会议, 十四届全国人大二次会议,
# and 全会 for 会议 (市政协十四届二次全会).
_SESSION = re.compile(
    rf"(?P<prefix>中国人民政治协商会议|政协)?\s*(?P<region1>{REGION})?\s*(?P<body1>政协|人大|人民代表大会)?\s*"
    rf"第?\s*(?P<term>{NUMERAL})\s*届\s*(?P<region2>{REGION})?\s*"
    r"(?P<body2>全国人民代表大会|全国人大|全国委员会|人民代表大会|人大|政协|委员会)?\s*(?P<standing>常务委员会|常委会)?\s*"
    rf"第?\s*(?P<meeting>{NUMERAL})\s*次\s*(?:(?:全体)?\s*会议|全会)"
)

# Words that name the body in a session or a letter.
_CPPCC = re.compile(r"政协|政治协商")
_NPC = re.compile(r"人大|人民代表大会")
# A year the session text states, as in "2024年市两会" or "市政协五届四次会议（2024年）".
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass(frozen=True)
class SessionParts:
    body: str | None = None  # 人大 / 政协
    region: str | None = None  # as written: "资阳市", "市", "区", "长春市"
    term: int | None = None  # 届
    meeting: int | None = None  # 次
    year: int | None = None  # only when the text says it


def find_session(text: str) -> str | None:
    """The first session named in the text, as written; None when it names none."""
    for match in _SESSION.finditer(text):
        phrase = re.sub(r"\s+", "", match.group(0))  # spaces inside a session are layout ("市政协十 届二 次会议")
        if match["standing"]:
            continue  # a standing committee's meeting (市人大常委会第十次会议) is no session proposals come from
        if _CPPCC.search(phrase) or _NPC.search(phrase) or match["body2"] == "委员会":
            return phrase
    return None


def body_of(text: str) -> str | None:
    """人大 or 政协 when the text names exactly one of them."""
    cppcc, npc = bool(_CPPCC.search(text)), bool(_NPC.search(text))
    if cppcc != npc:
        return "政协" if cppcc else "人大"
    return None


def read_session(text: str) -> SessionParts:
    """The parts of a session phrase; fields the text does not give are None."""
    year_match = _YEAR.search(text)
    year = int(year_match.group(1)) if year_match else None
    match = _SESSION.search(text)
    if match is None:
        return SessionParts(body=body_of(text), year=year)
    phrase = match.group(0)
    body = body_of(phrase)
    if body is None and match["body2"] in ("委员会", "全国委员会") and not match["standing"]:
        body = "政协"  # "第十四届委员会第二次会议" is how a CPPCC names its plenary sessions
    region = match["region1"] or match["region2"]
    return SessionParts(
        body=body or body_of(text),
        region=region.strip() if region else None,
        term=to_int(match["term"]),
        meeting=to_int(match["meeting"]),
        year=year,
    )
