"""The facets a search can be narrowed by, and their counts over a set of matched documents.

Counts are aggregated over the matched document numbers from each segment's stored values,
read once per segment and cached: Whoosh segments never change (deletions only hide documents),
so after the indexer commits only its new small segment is read. The benchmark compares this
with Whoosh's own ``groupedby`` faceting (``count_facets_whoosh``); see README "Search".
"""

from collections import Counter
from collections.abc import Iterable
from itertools import chain

from whoosh import sorting
from whoosh.searching import Searcher

from archive.models import Body, Person, Reply

# The only fields a request may filter on (openparliament's ALLOWABLE_FILTERS), with their Chinese names.
FACETS: dict[str, str] = {
    "body": "人大/政协",
    "agency": "答复单位",
    "region": "地区",
    "year": "年份",
    "proposer": "提出人",
    "result": "办理结果",
    "session": "会议",
}
FILTERS: dict[str, str] = {**FACETS, "role": "身份"}
MULTI_VALUED = {"proposer"}
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
    """How a facet value is shown: 已解决 → 已解决/基本解决, 2024 → 2024年."""
    if field == "year":
        return f"{value}年"
    return _VALUE_LABELS.get(field, {}).get(value, value)


# segment key → {field: [value per document number in the segment]}
_segment_cache: dict[tuple, dict[str, list]] = {}
# reader key → {field: [value per global document number]}
_reader_cache: dict[tuple, dict[str, list]] = {}


def _segment_values(reader, fields: tuple[str, ...]) -> dict[str, list]:
    segment = reader.segment()
    key = (segment.segment_id(), fields)  # random per segment, so unique across index generations too
    values = _segment_cache.get(key)
    if values is None:
        values = {field: [] for field in fields}
        for docnum in range(reader.doc_count_all()):
            stored = reader.stored_fields(docnum)
            for field in fields:
                value = stored.get(index_field(field), "")
                if field in MULTI_VALUED:
                    value = tuple(v for v in value.split(",") if v) if value else ()
                values[field].append(value)
        _segment_cache[key] = values
    return values


def facet_columns(searcher: Searcher, fields: tuple[str, ...] = tuple(FACETS)) -> dict[str, list]:
    """Each facet field's value for every document number of this searcher's index state."""
    # An empty index has one reader without a segment: nothing to read.
    leaves = [(leaf, offset) for leaf, offset in searcher.reader().leaf_readers() if leaf.segment() is not None]
    key = tuple((leaf.segment().segment_id(), offset) for leaf, offset in leaves) + (fields,)
    columns = _reader_cache.get(key)
    if columns is None:
        per_segment = [_segment_values(leaf, fields) for leaf, _ in leaves]
        columns = {field: list(chain.from_iterable(values[field] for values in per_segment)) for field in fields}
        live = {k[0] for k in key[:-1]}
        for old in [k for k in _segment_cache if k[0] not in live]:
            del _segment_cache[old]
        _reader_cache.clear()  # only the newest state is ever asked for again
        _reader_cache[key] = columns
    return columns


def count_facets(searcher: Searcher, docnums: Iterable[int], fields: tuple[str, ...] = tuple(FACETS)) -> dict[str, Counter]:
    """Counts of each facet value among the matched documents."""
    columns = facet_columns(searcher, fields)
    docnums = list(docnums)
    counts = {}
    for field in fields:
        column = columns[field]
        values = map(column.__getitem__, docnums)
        counter = Counter(chain.from_iterable(values)) if field in MULTI_VALUED else Counter(values)
        counter.pop("", None)
        counts[field] = counter
    return counts


def count_facets_whoosh(searcher: Searcher, query, filter_query, fields: tuple[str, ...] = tuple(FACETS)) -> dict[str, Counter]:
    """The same counts through Whoosh's own ``groupedby`` faceting (kept for the benchmark's comparison)."""
    facets = {
        field: sorting.FieldFacet(index_field(field), allow_overlap=field in MULTI_VALUED, maptype=sorting.Count)
        for field in fields
    }
    results = searcher.search(query, filter=filter_query, groupedby=facets, limit=1)
    counts = {}
    for field in fields:
        counter = Counter({value: n for value, n in results.groups(field).items() if value})
        counts[field] = counter
    return counts
