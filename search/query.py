"""From what a person typed to a page of results: the one search function the pages call.

The typed text is read by the query language (``search.querylang``), the request's parameters by
``search.params``; the configured engine's executor (``search.executor``) answers with reply ids and
counts, and this module builds the page: hits read back through ``Reply.objects.public()`` (so a
stale index can never show a reply that is not public), excerpts from the database's sections,
facets with their links, suggestions and wider searches for a search that found nothing. A search
answers within a time budget; past it, with what was found so far, and says so.
"""

import heapq
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.conf import settings

from archive.models import Proposer, Reply, Section
from search.excerpts import Excerpt, SectionText, find_excerpts
from search.executor import Matches, SearchRequest, executor
from search.facets import FACET_LIMIT, FACET_MORE_LIMIT, FACETS, FILTERS, place_level_shown, place_path, value_label
from search.params import SearchParams
from search.querylang import ParsedQuery, clause_text, parse_query, read_pin

PER_PAGE = 20


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    active: bool
    url: str  # narrows by this value (or, when active, removes it)


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]  # the largest (and every chosen one)
    more: list[FacetValue] = field(default_factory=list)  # the rest, behind 更多, up to FACET_MORE_LIMIT
    more_cut: bool = False  # values past FACET_MORE_LIMIT left out

    @property
    def listed(self) -> int:
        return len(self.values) + len(self.more)


@dataclass
class ActiveFilter:
    label: str
    remove_url: str


@dataclass
class Hit:
    reply: Reply
    proposers: list[str]
    excerpts: list[Excerpt]


@dataclass
class SearchResults:
    params: SearchParams
    total: int
    hits: list[Hit]
    facets: list[Facet]
    active: list[ActiveFilter]
    parsed: ParsedQuery
    pages: int
    nothing_to_search: bool = False  # something was typed, but no searchable word was left
    suggestions: list[tuple[str, str]] = field(default_factory=list)  # (term, url)
    widen: list[tuple[str, int, str]] = field(default_factory=list)  # (filter removed, count, url)
    contradictions: list[str] = field(default_factory=list)  # filters or words no reply can meet together
    out_of_time: bool = False  # the time budget ran out: what was found so far (count, order, suggestions)
    or_form: tuple[str, int, str] | None = None  # words that found nothing together: any of them (text, count, url)

    @property
    def contradictory(self) -> bool:
        """Nothing can match: answered without the index."""
        return bool(self.contradictions)

    def page_url(self, page: int) -> str:
        return self.params.url(page=page)

    @property
    def previous_url(self) -> str | None:
        return self.page_url(self.params.page - 1) if self.params.page > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.page_url(self.params.page + 1) if self.params.page < self.pages else None

    @property
    def sort_urls(self) -> dict[str, str]:
        return {sort: self.params.url(sort=sort, page=None) for sort in ("relevance", "date")}


def _facets(params: SearchParams, counts) -> list[Facet]:
    facets = []
    for name, label in FACETS.items():
        counter = counts.get(name, {})
        chosen = params.filters.get(name, [])
        if name == "place":  # one level: the provinces, or the places within the chosen ones
            counter = {value: n for value, n in counter.items() if place_level_shown(value, chosen) or value in chosen}
        if name == "year":  # newest first, every year (未注明 last)
            ordered = sorted(counter.items(), key=lambda item: (item[0].isdigit(), item[0]), reverse=True)
            top, rest = ordered, []
        else:
            top, rest = _commonest(counter, chosen)
        adding = params.adding(name)
        values = [_facet_value(params, name, value, count, adding) for value, count in top]
        if values:
            more = [_facet_value(params, name, value, n, adding) for value, n in rest[:FACET_MORE_LIMIT]]
            facets.append(Facet(name, label, values, more, more_cut=len(rest) > FACET_MORE_LIMIT))
    return facets


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _commonest(counter: dict[str, int], chosen: list[str]) -> tuple[list, list]:
    """The values shown (the FACET_LIMIT commonest, then the chosen ones), and those after them, commonest first:
    the first FACET_MORE_LIMIT + 1 of them at least, which is all the page shows or tells. Picked without sorting
    every value: a facet of proposers holds tens of thousands of them at 100,000 replies (100 ms sorted)."""
    head = heapq.nsmallest(FACET_LIMIT + FACET_MORE_LIMIT + 1 + len(chosen), counter.items(), key=_by_count)
    in_head = {value for value, _ in head}
    beyond = [(value, counter[value]) for value in dict.fromkeys(chosen) if value in counter and value not in in_head]
    beyond.sort(key=_by_count)
    top = head[:FACET_LIMIT] + [item for item in head[FACET_LIMIT:] if item[0] in chosen] + beyond
    return top, [item for item in head[FACET_LIMIT:] if item[0] not in chosen]


def _facet_value(params: SearchParams, name: str, value: str, count: int, adding) -> FacetValue:
    """A facet's value with the link that adds it to the search (or, when chosen, removes it)."""
    if value in params.filters.get(name, ()):
        label = place_path(value) if name == "place" else value_label(name, value)
        return FacetValue(value, label, count, True, params.url(filters=params.without(name, value), page=None))
    return FacetValue(value, value_label(name, value), count, False, adding(value))


def active_filters(params: SearchParams) -> list[ActiveFilter]:
    """The filters a search is narrowed by, each with the URL that removes it (and the dates as one)."""
    active = []
    for name, values in params.filters.items():
        for value in values:
            active.append(ActiveFilter(f"{FILTERS[name]}：{value_label(name, value)}",
                                       params.url(filters=params.without(name, value), page=None)))
    if params.date_from or params.date_to:
        span = f"{params.date_from or '…'} 至 {params.date_to or '…'}"
        active.append(ActiveFilter(f"日期：{span}", params.url(date_from=None, date_to=None, page=None)))
    return active


def _hits(pks: list[int], words: list[str], number: str = "") -> list[Hit]:
    # The hits' sections and proposers' names are read as plain rows: as model instances (with each proposer's
    # person and place) they were 300 objects a page and half the page's database time.
    replies = Reply.objects.public().filter(pk__in=pks).select_related("agency", "proposal__session__place")
    by_pk = {reply.pk: reply for reply in replies.defer("raw_text")}  # the excerpts need the cleaned text only
    sections: dict[int, list[SectionText]] = defaultdict(list)
    rows = Section.objects.filter(reply_id__in=by_pk).order_by("reply_id", "position")
    for reply_id, *fields in rows.values_list("reply_id", "level", "number", "title", "text", "anchor"):
        sections[reply_id].append(SectionText(*fields))
    names: dict[int, list[str]] = defaultdict(list)
    links = Proposer.objects.filter(proposal__replies__in=by_pk).distinct().order_by("proposal_id", "position")
    for proposal_id, name in links.values_list("proposal_id", "person__name"):
        names[proposal_id].append(name)
    hits = []
    for pk in pks:
        reply = by_pk.get(pk)
        if reply is None:  # indexed but no longer public: the queue will catch up; never show it
            continue
        excerpts = find_excerpts(reply, sections[pk], words, number=number)
        hits.append(Hit(reply, names[reply.proposal_id], excerpts))
    return hits


def time_budget() -> float:
    """Seconds one search may take before it answers with what it has (settings.SEARCH_TIME_BUDGET_SECONDS)."""
    return settings.SEARCH_TIME_BUDGET_SECONDS


@dataclass
class _Reading:
    """What a search asks, once its text is read: ``request`` is None when nothing can match."""

    parsed: ParsedQuery
    request: SearchRequest | None
    nothing_to_search: bool = False  # something was typed, but no searchable word was left
    contradictions: list[str] = field(default_factory=list)


def _read(params: SearchParams) -> _Reading:
    parsed = parse_query(params.q)
    pin = read_pin(params.q)
    if parsed.empty and pin is None and params.q.strip():
        return _Reading(parsed, None, nothing_to_search=True)
    if (parsed.contradictory and pin is None) or params.contradictory:
        words = [f"“{clause_text(clause)}”既要求出现又要求排除" for clause in parsed.excluded
                 if [clause] in parsed.groups] if pin is None else []
        return _Reading(parsed, None, contradictions=params.contradictions + words)
    # Words both required and excluded match nothing: only the pin, if any, can.
    request = SearchRequest(
        parsed=ParsedQuery() if parsed.contradictory else parsed, pin=pin, filters=params.filters,
        date_from=params.date_from, date_to=params.date_to, by_date=params.sort == "date",
    )
    return _Reading(parsed, request)


def search(params: SearchParams) -> SearchResults:
    """Run a search (or browse, when nothing was typed) and return one page of results with facets.

    Within a time budget: past it, the page answers with what was found so far and says so
    (``SearchResults.out_of_time``). Contradictory filters or words answer nothing without asking the index.
    Raises ``search.executor.SearchUnavailable`` when the engine cannot be reached.
    """
    deadline = time.perf_counter() + time_budget()
    reading = _read(params)
    if reading.request is None:
        return SearchResults(replace(params, page=1), 0, [], [], active_filters(params), reading.parsed, 1,
                             nothing_to_search=reading.nothing_to_search,
                             contradictions=reading.contradictions)
    engine = executor()
    found = engine.page(reading.request, params.page, PER_PAGE, deadline)
    params = replace(params, page=found.page)  # page=999 of 3 pages shows page 3, and says so
    # A query naming a proposal number is that number alone: 第0070号 marks 0070, not every 第 and 号.
    number = reading.request.pin.number if reading.request.pin else ""
    words = [] if number else found.words if found.words is not None else reading.parsed.highlight_words
    results = SearchResults(
        params=params, total=found.total, hits=_hits(found.ids, words, number), facets=_facets(params, found.facets),
        active=active_filters(params), parsed=reading.parsed, pages=max(1, -(-found.total // PER_PAGE)),
        out_of_time=found.out_of_time,
    )
    if found.total or not params.q.strip() or results.out_of_time:
        return results
    if time.perf_counter() > deadline:  # no time left to look for other words or wider searches
        results.out_of_time = True
        return results
    results.or_form = _or_form(engine, reading.request, params, deadline)
    results.suggestions = [(word, params.url(q=word, page=None))
                           for word in engine.suggestions(reading.request, deadline)]
    if params.filters or params.date_from or params.date_to:
        widenings, results.out_of_time = engine.widen(reading.request, deadline)
        results.widen = [_widening(params, widening) for widening in widenings]
    return results


def _widening(params: SearchParams, widening) -> tuple[str, int, str]:
    if not widening.name:
        return "日期范围", widening.count, params.url(date_from=None, date_to=None, page=None)
    values = "或".join(value_label(widening.name, value) for value in params.filters[widening.name])
    return f"{FILTERS[widening.name]}：{values}", widening.count, params.url(page=None, **{widening.name: None})


def _or_form(engine, request: SearchRequest, params: SearchParams, deadline: float) -> tuple[str, int, str] | None:
    """Words that no letter holds all of (养老 道路): the same words with OR, and how many letters hold any."""
    clauses = [clause for group in request.parsed.groups for clause in group]
    if len(request.parsed.groups) < 2 or request.pin is not None:
        return None
    either = replace(request, parsed=replace(request.parsed, groups=[clauses]))
    count = engine.count(either, deadline)
    if not count:
        return None
    text = " OR ".join(map(clause_text, clauses)) + "".join(f" -{clause_text(c)}" for c in request.parsed.excluded)
    return text, count, params.url(q=text, page=None)


def every_match(params: SearchParams, limit: int) -> Matches:
    """Every match of a search (not one page) up to ``limit``, in its order: for exports, feeds and alerts.

    Within ``settings.SEARCH_EXPORT_TIME_BUDGET_SECONDS``; raises ``SearchUnavailable`` when the engine is down."""
    reading = _read(params)
    if reading.request is None:
        return Matches([], 0)
    deadline = time.perf_counter() + settings.SEARCH_EXPORT_TIME_BUDGET_SECONDS
    return executor().every_match(reading.request, limit, deadline)
