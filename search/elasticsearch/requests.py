"""Request bodies for the Elasticsearch executor: pure functions of a ``SearchRequest``, no I/O.

They say what the Whoosh executor does (``search.whoosh_executor``), clause for clause:

* the words of a clause are ANDed (``match`` with ``operator: and``), a quoted phrase is a ``match_phrase``
  on ``text.phrase`` (see ``mapping``), a single Chinese character a ``prefix`` (the words it begins);
* the clauses of a group are ORed (``should``, one must match) and the groups ANDed (``must``);
  excluded clauses are ``must_not``;
* a pin (a proposal number, a proposer's or an agency's name) is a boosted ``should`` beside the text:
  text OR pin, the pinned replies first;
* filters are ``terms`` (the values of one filter ORed, the filters ANDed) and a date range; on a page they are a
  ``post_filter``, so each facet's aggregation can leave its own filter out;
* replies withdrawn while the indexer is behind (``search.executor.stale_reply_ids``) are ``must_not`` ids.

Orders: relevance, or the newest first with undated letters last; ``django_id`` breaks ties, so every order
is total (``search_after`` needs that). The highlighter marks matched words with ``<mark>`` in ``sections``
and ``text``; the executor reads only the words (see ``mapping`` for why).
"""

from collections.abc import Iterable

from search.executor import SearchRequest
from search.facets import FACET_LIMIT, FACET_MORE_LIMIT, FACETS, index_field
from search.indexing import identifier
from search.querylang import Clause, ParsedQuery, Pin, joined_words, single_character
from search.ranking import PIN_BOOST

from .mapping import PHRASE_TEXT, SECTIONS, TEXT

PLACE_BUCKETS = 5_000  # every level of the place facet: China has about 3,200 provinces, cities and counties
YEAR_BUCKETS = 200  # the year facet shows every year
# The 12 largest values, the rest behind 更多, and one more to tell whether any was left out.
FACET_BUCKETS = FACET_LIMIT + FACET_MORE_LIMIT + 1
EXPORT_BATCH = 5_000  # hits per request when every match is read (search_after pages)
MARK = ("<mark>", "</mark>")

MATCH_ALL = {"match_all": {}}


# ---- the query -------------------------------------------------------------------------------------------


def clause_query(clause: Clause) -> dict:
    if clause.phrase:
        return {"match_phrase": {PHRASE_TEXT: {"query": joined_words(clause.words)}}}
    words = [word for word in clause.words if not single_character(word)]
    queries = [{"match": {TEXT: {"query": " ".join(words), "operator": "and"}}}] if words else []
    queries += [{"prefix": {TEXT: {"value": word}}} for word in clause.words if single_character(word)]
    return queries[0] if len(queries) == 1 else {"bool": {"must": queries}}


def _any(queries: list[dict]) -> dict:
    return queries[0] if len(queries) == 1 else {"bool": {"should": queries, "minimum_should_match": 1}}


def text_query(parsed: ParsedQuery) -> dict | None:
    """The typed words: every group, none of the exclusions; None when nothing searchable was typed."""
    if parsed.empty:
        return None
    must = [_any([clause_query(clause) for clause in group]) for group in parsed.groups] or [MATCH_ALL]
    must_not = [clause_query(clause) for clause in parsed.excluded]
    if len(must) == 1 and not must_not:
        return must[0]
    return {"bool": {"must": must, **({"must_not": must_not} if must_not else {})}}


def pin_query(pin: Pin) -> dict:
    """The replies a query names: a proposal number (of a session), or a proposer's or an agency's name."""
    if pin.number:
        terms = [{"term": {index_field("number"): pin.number}}]
        if pin.session_key:
            terms.append({"term": {index_field("session_key"): pin.session_key}})
        return {"bool": {"must": terms, "boost": PIN_BOOST}}
    names = [{"term": {index_field("proposer_name"): {"value": pin.names[0], "boost": PIN_BOOST}}}]
    names += [{"term": {index_field("agency"): {"value": name, "boost": PIN_BOOST}}} for name in pin.names]
    return _any(names)


def constraints(request: SearchRequest) -> list[tuple[str, dict]]:
    """Each filter (any of its values: 2023 or 2024) and the date range (name ""), as (name, filter clause)."""
    found = [(name, {"terms": {index_field(name): list(values)}}) for name, values in request.filters.items()]
    if request.date_from or request.date_to:
        span = {"gte": request.date_from and request.date_from.isoformat(),
                "lte": request.date_to and request.date_to.isoformat()}
        found.append(("", {"range": {"date": {key: day for key, day in span.items() if day}}}))
    return found


def _excluding(stale: Iterable[int]) -> list[dict]:
    ids = [identifier(pk) for pk in sorted(stale)]
    return [{"ids": {"values": ids}}] if ids else []


def match_query(request: SearchRequest, stale: Iterable[int] = (), filters: list[dict] | None = None) -> dict:
    """What the request matches (text OR pin, within ``filters``: all its constraints when None), less the
    stale replies."""
    text = text_query(request.parsed)
    pin = pin_query(request.pin) if request.pin else None
    scored = _any([text, pin]) if text and pin else text or pin or MATCH_ALL
    filters = [clause for _, clause in constraints(request)] if filters is None else filters
    must_not = _excluding(stale)
    if not filters and not must_not:
        return scored
    return {"bool": {"must": [scored], **({"filter": filters} if filters else {}),
                     **({"must_not": must_not} if must_not else {})}}


def sort(request: SearchRequest) -> list:
    """Newest first (undated last) for a browse or a date order, else by relevance."""
    if request.by_date or request.browse:
        return [{"date": {"order": "desc", "missing": "_last"}}, {"django_id": "desc"}]
    return [{"_score": "desc"}, {"django_id": "asc"}]


# ---- one page ----------------------------------------------------------------------------------------------


def facet_aggregations(facet_filters: dict[str, dict]) -> dict:
    """A terms aggregation per facet of ``search.facets.FACETS``, each within every facet filter but its own:
    a chosen facet is counted as if it were not chosen, so its other values say what choosing them would add."""
    sizes = {"place": PLACE_BUCKETS, "year": YEAR_BUCKETS}
    aggregations = {}
    for name in FACETS:
        others = [clause for facet, clause in facet_filters.items() if facet != name]
        aggregations[name] = {
            "filter": {"bool": {"filter": others}} if others else MATCH_ALL,
            "aggs": {"values": {"terms": {"field": index_field(name), "size": sizes.get(name, FACET_BUCKETS)}}},
        }
    return aggregations


def highlight() -> dict:
    return {
        "pre_tags": [MARK[0]], "post_tags": [MARK[1]], "require_field_match": False,
        "fragment_size": 60, "number_of_fragments": 3, "fields": {SECTIONS: {}, TEXT: {}},
    }


def page_body(request: SearchRequest, stale: Iterable[int], page: int, per_page: int, *, facets: bool = True) -> dict:
    """One page of hits (ids only), the total, and the facet counts over every match. The facet filters are a
    ``post_filter``, so each facet's aggregation can leave its own filter out."""
    facet_filters = {name: clause for name, clause in constraints(request) if name}
    dates = [clause for name, clause in constraints(request) if not name]
    body = {
        "query": match_query(request, stale, dates), "sort": sort(request), "from": (page - 1) * per_page,
        "size": per_page, "track_total_hits": True, "_source": False,
    }
    if facet_filters:
        body["post_filter"] = {"bool": {"filter": list(facet_filters.values())}}
    if facets:
        body["aggs"] = facet_aggregations(facet_filters)
    if request.parsed.groups:  # words typed: learn which the engine matched
        body["highlight"] = highlight()
    return body


def every_match_body(request: SearchRequest, stale: Iterable[int], size: int, after: list | None = None) -> dict:
    """A batch of every match in the request's order: the first counts them all, the next follow ``after``."""
    body = {"query": match_query(request, stale), "sort": sort(request), "size": min(size, EXPORT_BATCH),
            "_source": False}
    if after is None:
        body["track_total_hits"] = True
    else:
        body["search_after"] = after
    return body


# ---- a search that found nothing ---------------------------------------------------------------------------


def count_body(request: SearchRequest, stale: Iterable[int]) -> dict:
    """How many match, and nothing else."""
    return {"query": match_query(request, stale), "size": 0, "track_total_hits": True}


def widen_body(request: SearchRequest, stale: Iterable[int]) -> dict:
    """How many the search would find without each one filter: the matches, unfiltered, that fail that
    filter and meet every other one (a ``filters`` aggregation, one bucket per filter value)."""
    tests = [clause for _, clause in constraints(request)]
    buckets = [
        {"bool": {"must_not": [test], **({"filter": others} if (others := tests[:i] + tests[i + 1 :]) else {})}}
        for i, test in enumerate(tests)
    ]
    return {"query": match_query(request, stale, []), "size": 0, "track_total_hits": False,
            "aggs": {"widen": {"filters": {"filters": buckets}}}}


def suggest_body(words: list[str], limit: int) -> dict:
    """Index words close to each of these typed words: a term suggester, the same first character (as Whoosh)."""
    return {"size": 0, "suggest": {
        f"w{i}": {"text": word, "term": {
            "field": TEXT, "suggest_mode": "always", "size": limit * 3, "prefix_length": 1, "min_word_length": 1,
        }}
        for i, word in enumerate(words)
    }}


def public_terms_body(terms: list[str], stale: Iterable[int]) -> dict:
    """Whether each word is in a reply the public can see now: a suggester reads the word list, which keeps
    the words of deleted documents until segments merge."""
    return {"query": match_query(SearchRequest(), stale), "size": 0, "track_total_hits": False,
            "aggs": {"public": {"filters": {"filters": [{"term": {TEXT: term}} for term in terms]}}}}


# ---- related replies ---------------------------------------------------------------------------------------


def keyword_frequency_body(keywords: list[str]) -> dict:
    """How many documents hold each keyword, and how many documents there are."""
    return {"query": MATCH_ALL, "size": 0, "track_total_hits": True,
            "aggs": {"keywords": {"terms": {"field": "keywords", "include": sorted(keywords), "size": len(keywords)}}}}


def related_body(reply_pk: int, weights: dict[str, float], candidates: int) -> dict:
    """Replies holding any of the weighted keywords, scored by the sum of the weights they hold; not the reply."""
    should = [{"constant_score": {"filter": {"term": {"keywords": word}}, "boost": weight}}
              for word, weight in weights.items()]
    return {
        "query": {"bool": {"should": should, "minimum_should_match": 1, "must_not": _excluding([reply_pk])}},
        "sort": [{"_score": "desc"}, {"django_id": "asc"}], "size": candidates, "_source": False,
    }
