"""The facets a search can be narrowed by, and their counts over a set of matched documents.

Counts are aggregated over the matched document numbers from the cached stored columns
(``search.columns``): at 1,000 replies 2.1 ms p50 against 21.8 ms for Whoosh's own ``groupedby``.
"""

from collections import Counter
from collections.abc import Iterable
from itertools import chain

from whoosh.searching import Searcher

from archive.models import Body, Person, Reply
from archive.places import PROVINCE, division
from search.columns import stored_columns

# The only fields a request may filter on (openparliament's ALLOWABLE_FILTERS), with their Chinese names.
FACETS: dict[str, str] = {
    "body": "人大/政协",
    "agency": "答复单位",
    "place": "地区",
    "year": "年份",
    "proposer": "提出人",
    "result": "办理结果",
    "session": "会议",
}
FILTERS: dict[str, str] = {**FACETS, "role": "身份"}
MULTI_VALUED = {"proposer", "place"}
# Values shown per facet before the rest are left out (an active value is always shown).
FACET_LIMIT = 12

_VALUE_LABELS = {
    "result": dict(Reply.ResultClass.choices),
    "role": dict(Person.Role.choices),
    "body": dict(Body.choices),
}


def index_field(name: str) -> str:
    return f"{name}_exact"


def value_label(field: str, value: str) -> str:
    """How a facet value is shown: 已解决 → 已解决/基本解决, 2024 → 2024年, 440115 → 南沙区."""
    if field == "year":
        return f"{value}年"
    if field == "place":
        place = division(value)  # the gazetteer every Place row is made from: no query
        return place.name if place else value
    return _VALUE_LABELS.get(field, {}).get(value, value)


def place_level_shown(code: str, active: list[str]) -> bool:
    """The place facet shows one level: the children of a chosen place, or the provinces when none is chosen."""
    place = division(code)
    if place is None:
        return False
    if not active:
        return place.level == PROVINCE
    return place.parent is not None and place.parent.code in active


def count_facets(
    searcher: Searcher, docnums: Iterable[int], fields: tuple[str, ...] = tuple(FACETS)
) -> dict[str, Counter]:
    """Counts of each facet value among the matched documents."""
    columns = stored_columns(searcher)
    docnums = list(docnums)
    counts = {}
    for field in fields:
        column = columns[index_field(field)]
        values = map(column.__getitem__, docnums)
        counter = Counter(chain.from_iterable(values)) if field in MULTI_VALUED else Counter(values)
        counter.pop("", None)
        counts[field] = counter
    return counts
