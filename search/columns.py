"""Stored fields as columns by document number: facet values, the reply id, the date.

Read once per segment and cached: Whoosh segments never change (deletions only hide documents),
so after the indexer commits only its new small segment is read. Facet counts, the date order
and the ids of a page of hits are then list lookups over the matched document numbers, instead
of Whoosh's per-document sorting and stored-field reads (10× slower for facets at 10,000 replies).
"""

from array import array
from itertools import chain

from whoosh.fields import KEYWORD
from whoosh.searching import Searcher

# segment id → {stored field: [value per document number in the segment]}
_segment_cache: dict[str, dict[str, list]] = {}
# an index state (_state) → {stored field: [value per global document number]}
_reader_cache: dict[tuple, dict[str, list]] = {}


def _parsers(schema) -> dict:
    """How each stored field's value becomes a column value: KEYWORD lists split on commas, ids as ints.

    Equal values share one object: letters name a few hundred agencies, places and dates over and over, and an
    object per letter and field made the columns most of what every worker holds of the archive."""
    shared: dict = {}

    def one(value):
        return shared.setdefault(value, value)

    parsers = {}
    for name in schema.stored_names():
        if isinstance(schema[name], KEYWORD):
            parsers[name] = lambda value: one(tuple(one(v) for v in value.split(",") if v)) if value else ()
        elif name == "django_id":
            parsers[name] = lambda value: int(value) if value else 0
        elif name == "date":
            parsers[name] = lambda value: one(value) if value else None  # None for an undated letter
        else:
            parsers[name] = lambda value: one(value or "")
    return parsers


def _segment_columns(reader) -> dict[str, list]:
    key = reader.segment().segment_id()  # random per segment, so unique across index generations too
    columns = _segment_cache.get(key)
    if columns is None:
        parsers = _parsers(reader.schema)
        columns = {name: [] for name in parsers}
        for docnum in range(reader.doc_count_all()):
            stored = reader.stored_fields(docnum)
            for name, parse in parsers.items():
                columns[name].append(parse(stored.get(name)))
        _segment_cache[key] = columns
    return columns


def _leaves(searcher: Searcher) -> list:
    # An empty index has one reader without a segment: nothing to read.
    return [(leaf, offset) for leaf, offset in searcher.reader().leaf_readers() if leaf.segment() is not None]


def _state(searcher: Searcher) -> tuple:
    """What identifies an index state: its segments, where they start, and how many documents each has lost."""
    return tuple(
        (leaf.segment().segment_id(), offset, leaf.segment().deleted_count()) for leaf, offset in _leaves(searcher)
    )


def stored_columns(searcher: Searcher) -> dict[str, list]:
    """Every column's value for every document number of this searcher's index state."""
    key = _state(searcher)
    columns = _reader_cache.get(key)
    if columns is None:
        per_segment = [_segment_columns(leaf) for leaf, _ in _leaves(searcher)]
        columns = {name: list(chain.from_iterable(segment[name] for segment in per_segment))
                   for name in searcher.schema.stored_names()}
        live = {segment_id for segment_id, _, _ in key}
        for old in [segment_id for segment_id in _segment_cache if segment_id not in live]:
            del _segment_cache[old]
        _reader_cache.clear()  # only the newest state is ever asked for again
        _reader_cache[key] = columns
    return columns


# an index state and a field → {value: live document numbers}
_inverted_cache: dict[tuple, dict[str, array]] = {}


def documents_by_value(searcher: Searcher, field: str) -> dict[str, array]:
    """For each value of a stored list field (a KEYWORD), the live documents holding it; cached per index state.

    As arrays of 4-byte numbers: eight keywords a letter made 800,000 entries at 100,000 letters, 36 bytes each as
    lists of Python ints."""
    key = (_state(searcher), field)
    inverted = _inverted_cache.get(key)
    if inverted is None:
        column = stored_columns(searcher)[field]
        inverted = {}
        for docnum in searcher.reader().all_doc_ids():  # live documents only: an edited reply's old version is deleted
            for value in column[docnum]:
                holders = inverted.get(value)
                if holders is None:
                    holders = inverted[value] = array("i")
                holders.append(docnum)
        _inverted_cache.clear()
        _inverted_cache[key] = inverted
    return inverted
