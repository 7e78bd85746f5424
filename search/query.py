"""From what a person typed to a page of results: the one query function the views call.

The user's string is never handed to Whoosh's query parser. It is split into clauses here:
words (ANDed), "quoted phrases", -exclusions and OR between clauses; each clause's text is cut
by jieba into the index's words and built into Whoosh query objects. Field syntax, wildcards,
boosts, brackets, HTML or SQL therefore have no meaning: they are just characters, mostly dropped
by the analyzer. A query naming a proposal number, a proposer or an agency puts those replies first.
Filters are whitelisted (``search.facets.FILTERS``). Hits are read back through
``Reply.objects.public()``, so a stale index can never show a reply that is not public.
"""

import difflib
import functools
import heapq
import re
import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.conf import settings
from django.db.models import Prefetch
from django.http import QueryDict
from whoosh import collectors
from whoosh import query as wq
from whoosh.reading import TermNotFound

from archive.models import Agency, Reply, Section
from search.analysis import query_words
from search.columns import stored_columns
from search.excerpts import Excerpt, find_excerpts
from search.facets import (
    FACET_LIMIT,
    FACETS,
    FILTERS,
    MULTI_VALUED,
    count_facets,
    index_field,
    place_level_shown,
    value_label,
)
from search.proposal_numbers import read_number_query

PER_PAGE = 20
MAX_QUERY_CHARS = 200  # longer input is cut here (and the page says so): no letter needs more
MAX_CLAUSES = 24  # distinct clauses, after duplicates are dropped
MAX_CLAUSE_WORDS = 10  # words of one clause (a phrase, or a run of characters jieba cut into words)
MAX_WORDS = 32  # words of the whole query
MAX_PHRASES = 3  # a quoted phrase checks word positions in every letter holding its words: the costly clause
MAX_PREFIXES = 2  # a single character matches every word it begins: hundreds of words' letters to read
MAX_FILTER_VALUES = 5  # per filter: values of one filter are ANDed, so more could only narrow to nothing
CLOCK_EVERY = 16  # documents matched, ranked or checked between looks at the clock (the time budget)
PIN_BOOST = 1000.0  # a named proposal, proposer or agency outranks any text match
TEXT = "text"

_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "＂": '"', "－": "-", "—": "-", "\u3000": " "})
_LEXEME = re.compile(r'(?P<neg>-?)"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')
_SINGLE_HAN = re.compile(r"^[\u3400-\u9fff]$")
# Control characters mean nothing in a query, and PostgreSQL refuses a NUL in any text it is sent.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NO_DATE = datetime.min


@dataclass
class Clause:
    words: list[str]
    phrase: bool = False


@dataclass
class ParsedQuery:
    groups: list[list[Clause]] = field(default_factory=list)  # AND of ORs
    excluded: list[Clause] = field(default_factory=list)
    truncated: bool = False
    contradictory: bool = False  # a word both required and excluded: nothing can match

    @property
    def highlight_words(self) -> list[str]:
        return [word for group in self.groups for clause in group for word in clause.words]

    @property
    def empty(self) -> bool:
        return not self.groups and not self.excluded


def parse_query(text: str) -> ParsedQuery:
    """Split a typed query into clauses; never fails, whatever the input."""
    text = (text or "").translate(_QUOTES)
    parsed = ParsedQuery(truncated=len(text) > MAX_QUERY_CHARS)
    text = text[:MAX_QUERY_CHARS]
    join_next = False
    words_left, phrases_left, prefixes_left = MAX_WORDS, MAX_PHRASES, MAX_PREFIXES
    for match in _LEXEME.finditer(text):
        if match["word"] in ("OR", "|", "或"):
            join_next = bool(parsed.groups)
            continue
        negative = bool(match["neg"])
        raw = match["phrase"] if match["phrase"] is not None else match["word"]
        if match["word"] is not None and raw.startswith("-"):
            negative, raw = True, raw.lstrip("-")
        raw = raw.lstrip("+")
        words = query_words(raw)
        if not words:
            continue
        # A typed word the dictionary lacks (a name, 河长制) falls apart into single characters: as a
        # phrase they find the string as typed, where a prefix query per character matched most letters.
        literal = match["phrase"] is not None or any(_SINGLE_HAN.match(word) for word in words)
        phrase = literal and len(words) > 1
        if not phrase:  # 工作工作工作…: ANDing a word with itself only costs time
            words = list(dict.fromkeys(words))
        if len(words) > min(MAX_CLAUSE_WORDS, words_left):
            words, parsed.truncated = words[: min(MAX_CLAUSE_WORDS, words_left)], True
            if not words:
                break
        clause = Clause(words=words, phrase=phrase and len(words) > 1)
        joined, join_next = join_next, False
        prefix = not clause.phrase and any(_SINGLE_HAN.match(word) for word in words)
        if (clause.phrase and phrases_left == 0) or (prefix and prefixes_left == 0):
            parsed.truncated = True
            continue
        if negative:
            if clause in parsed.excluded:
                continue
            parsed.excluded.append(clause)
        elif joined:
            if clause in parsed.groups[-1]:
                continue
            parsed.groups[-1].append(clause)
        else:
            if [clause] in parsed.groups:  # "工作 工作" 24 times is "工作 工作" once
                continue
            parsed.groups.append([clause])
        words_left -= len(words)
        phrases_left -= clause.phrase
        prefixes_left -= prefix
        if len(parsed.groups) + len(parsed.excluded) >= MAX_CLAUSES:
            parsed.truncated = True
            break
    seen: set[frozenset] = set()
    groups = []
    for group in parsed.groups:  # "A OR B A OR B": the second group adds nothing
        key = frozenset((tuple(clause.words), clause.phrase) for clause in group)
        if key not in seen:
            seen.add(key)
            groups.append(group)
    parsed.groups = groups
    parsed.contradictory = any([clause] in parsed.groups for clause in parsed.excluded)
    return parsed


def _word_query(word: str) -> wq.Query:
    # One Chinese character is rarely a word of its own in the index: match the words it begins.
    return wq.Prefix(TEXT, word) if _SINGLE_HAN.match(word) else wq.Term(TEXT, word)


def _clause_query(clause: Clause) -> wq.Query:
    if clause.phrase:
        return wq.Phrase(TEXT, clause.words)
    if len(clause.words) == 1:
        return _word_query(clause.words[0])
    return wq.And([_word_query(word) for word in clause.words])


def build_text_query(parsed: ParsedQuery) -> wq.Query | None:
    """The Whoosh query for the typed words, or None when nothing searchable was typed."""
    if parsed.empty:
        return None
    positive = [
        wq.Or([_clause_query(c) for c in group]) if len(group) > 1 else _clause_query(group[0])
        for group in parsed.groups
    ]
    negative = [wq.Not(_clause_query(c)) for c in parsed.excluded]
    return wq.And((positive or [wq.Every()]) + negative)


def pinned_query(text: str) -> wq.Query | None:
    """Replies the whole query names: a proposal number (with session), a proposer or an agency."""
    text = text.strip()
    if not text or len(text) > 40:
        return None
    number = read_number_query(text)
    if number is not None:
        terms = [wq.Term(index_field("number"), number.number)]
        if number.session_key:
            terms.append(wq.Term(index_field("session_key"), number.session_key))
        return wq.And(terms, boost=PIN_BOOST)
    if re.search(r"\s", text):
        return None
    names = [
        wq.Term(index_field("proposer_name"), text, boost=PIN_BOOST),
        wq.Term(index_field("agency"), text, boost=PIN_BOOST),
    ]
    agency = Agency.objects.named(text).first()
    if agency is not None and agency.name != text:  # an alias such as 教体局 names the agency
        names.append(wq.Term(index_field("agency"), agency.name, boost=PIN_BOOST))
    return wq.Or(names)


# ---- request parameters ----------------------------------------------------------------------


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"  # or "date"
    page: int = 1

    @classmethod
    def from_querydict(cls, data: QueryDict) -> "SearchParams":
        """Read only whitelisted parameters; anything malformed is ignored, never an error."""
        given = [(name, value) for name in FILTERS for value in data.getlist(name)]
        # haystack-style selected_facets=agency_exact:慈溪市教育局:
        # the same filters, cleaned and capped alike
        given += [
            item.partition(":")[::2] for item in data.getlist("selected_facets")[:MAX_FILTER_VALUES * len(FILTERS)]
        ]
        filters: dict[str, list[str]] = {}
        for name, value in given:
            name, value = name.removesuffix("_exact"), _CONTROL.sub("", value).strip()[:100]
            if (
                name in FILTERS and value and value not in filters.get(name, ())
                and len(filters.get(name, ())) < MAX_FILTER_VALUES
            ):
                filters.setdefault(name, []).append(value)
        try:
            page = max(1, min(int(data.get("page", 1)), 10_000))
        except (TypeError, ValueError):
            page = 1
        return cls(
            q=_CONTROL.sub("", data.get("q", "")[:2_000]),
            filters=filters,
            date_from=_date_or_none(data.get("date_from")),
            date_to=_date_or_none(data.get("date_to")),
            sort="date" if data.get("sort") == "date" else "relevance",
            page=page,
        )

    @property
    def contradictory(self) -> bool:
        """Filters no reply can meet together: two values of a single-valued filter (two years, two agencies),
        a date range that ends before it starts, or a year outside it. Answered without asking the index."""
        if any(len(values) > 1 for name, values in self.filters.items() if name not in MULTI_VALUED):
            return True
        if self.date_from and self.date_to and self.date_from > self.date_to:
            return True
        for year in self.filters.get("year", ()):
            if not (year.isascii() and year.isdigit()):  # "²".isdigit() is true, and int("²") fails
                return True
            if (self.date_from and int(year) < self.date_from.year) or (self.date_to and int(year) > self.date_to.year):
                return True
        return False

    def querydict(self, filters: dict[str, list[str]] | None = None, **changes) -> QueryDict:
        """These parameters as a query string, with changes (None removes a parameter)."""
        values = {"q": self.q, "sort": self.sort if self.sort != "relevance" else None,
                  "date_from": self.date_from.isoformat() if self.date_from else None,
                  "date_to": self.date_to.isoformat() if self.date_to else None,
                  "page": self.page if self.page > 1 else None}
        values.update(changes)
        query = QueryDict(mutable=True)
        for key, value in values.items():
            if value not in (None, ""):
                query[key] = str(value)
        for name, filter_values in (self.filters if filters is None else filters).items():
            query.setlist(name, filter_values)
        return query


def _date_or_none(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if value else None
    except ValueError:
        return None


# ---- results ---------------------------------------------------------------------------------


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
    values: list[FacetValue]


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
    contradictory: bool = False  # filters or words no reply can meet together: answered without the index
    out_of_time: bool = False  # the time budget ran out: what was found so far (count, order, suggestions)

    def page_url(self, page: int) -> str:
        return "?" + self.params.querydict(page=page).urlencode()

    @property
    def previous_url(self) -> str | None:
        return self.page_url(self.params.page - 1) if self.params.page > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.page_url(self.params.page + 1) if self.params.page < self.pages else None

    @property
    def sort_urls(self) -> dict[str, str]:
        return {sort: "?" + self.params.querydict(sort=sort, page=None).urlencode() for sort in ("relevance", "date")}


def _filter_query(params: SearchParams) -> wq.Query | None:
    terms: list[wq.Query] = [
        wq.Term(index_field(name), value) for name, values in params.filters.items() for value in values
    ]
    if params.date_from or params.date_to:
        start = params.date_from and _datetime(params.date_from)
        end = params.date_to and _datetime(params.date_to)
        terms.append(wq.DateRange("date", start, end))
    return wq.And(terms) if terms else None


def _datetime(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _matching(searcher, scored: wq.Query, filter_query: wq.Query | None, deadline: float) -> tuple[list[int], bool]:
    """The matched document numbers, and whether the time ran out first (then those found so far)."""
    combined = wq.And([scored, filter_query]) if filter_query is not None else scored
    docnums = []
    for docnum in searcher.docs_for_query(combined):
        docnums.append(docnum)
        if len(docnums) % CLOCK_EVERY == 1 % CLOCK_EVERY and time.perf_counter() > deadline:  # the first, then every
            return sorted(docnums), True
    return sorted(docnums), False


def _phrase_documents(searcher, words: list[str], candidates: list[int], deadline: float) -> tuple[set, set]:
    """Which of the (sorted) candidates hold the words one after another, read from the words' positions,
    and which were left unchecked when the time ran out. Whoosh's own phrase matcher reads positions
    until it finds a match, however long that takes: "工作 工作" over 10,000 letters held a worker 2 s."""
    found: set[int] = set()
    checked = 0
    rest = list(enumerate(words))[1:]
    for reader, offset in searcher.reader().leaf_readers():
        end = offset + reader.doc_count_all()
        mine = [docnum for docnum in candidates if offset <= docnum < end]
        if not mine:
            continue
        try:
            matchers = {word: reader.postings(TEXT, word) for word in dict.fromkeys(words)}
        except TermNotFound:
            continue
        for position, docnum in enumerate(mine):
            checked += 1
            if not checked % CLOCK_EVERY and time.perf_counter() > deadline:
                return found, set(mine[position:]) | {later for later in candidates if later >= end}
            local = docnum - offset
            places = {}
            for word, matcher in matchers.items():
                if matcher.is_active() and matcher.id() < local:
                    matcher.skip_to(local)
                if not matcher.is_active() or matcher.id() != local:
                    break
                places[word] = set(matcher.value_as("positions"))
            else:
                if any(all(start + i in places[word] for i, word in rest) for start in places[words[0]]):
                    found.add(docnum)
    return found, set()


def _matching_phrases(searcher, parsed: ParsedQuery, filter_query: wq.Query | None,
                      deadline: float) -> tuple[list[int], bool]:
    """Like ``_matching``, for a query with quoted phrases, within the time budget: the letters holding the
    phrases' words are matched first (Whoosh, quickly), then each phrase is checked on those letters alone."""

    def relaxed(clause: Clause) -> wq.Query:
        return wq.And([wq.Term(TEXT, word) for word in clause.words]) if clause.phrase else _clause_query(clause)

    positive = [wq.Or([relaxed(c) for c in group]) if len(group) > 1 else relaxed(group[0]) for group in parsed.groups]
    negative = [wq.Not(_clause_query(c)) for c in parsed.excluded if not c.phrase]
    docnums, out_of_time = _matching(searcher, wq.And((positive or [wq.Every()]) + negative), filter_query, deadline)
    for group in parsed.groups:
        if not any(clause.phrase for clause in group):
            continue
        holding: set[int] = set()
        for clause in group:
            rest = [docnum for docnum in docnums if docnum not in holding]
            if clause.phrase:
                found, unchecked = _phrase_documents(searcher, clause.words, rest, deadline)
                out_of_time = out_of_time or bool(unchecked)
            else:
                found, late = _matching(searcher, _clause_query(clause), None, deadline)
                out_of_time = out_of_time or late
            holding.update(found)
        docnums = [docnum for docnum in docnums if docnum in holding]
    for clause in parsed.excluded:
        if clause.phrase:
            found, unchecked = _phrase_documents(searcher, clause.words, docnums, deadline)
            out_of_time = out_of_time or bool(unchecked)
            docnums = [docnum for docnum in docnums if docnum not in found and docnum not in unchecked]
    return docnums, out_of_time


def _match(searcher, parsed: ParsedQuery, scored: wq.Query, pinned: bool, filter_query: wq.Query | None,
           deadline: float) -> tuple[list[int], bool]:
    """The matched documents (and whether the time ran out): phrases checked by ``_matching_phrases``."""
    clauses = [clause for group in parsed.groups for clause in group] + parsed.excluded
    if not pinned and any(clause.phrase for clause in clauses):
        return _matching_phrases(searcher, parsed, filter_query, deadline)
    return _matching(searcher, scored, filter_query, deadline)


def _newest(searcher, docnums: list[int], limit: int) -> list[int]:
    """The ``limit`` most recent of the matched documents, undated letters last."""
    dates = stored_columns(searcher)["date"]
    return heapq.nlargest(
        limit, docnums, key=lambda docnum: (dates[docnum] is not None, dates[docnum] or _NO_DATE, docnum)
    )


class _OutOfTime(Exception):
    pass


class _DeadlineCollector(collectors.WrappingCollector):
    """Stops collecting at the deadline: the child keeps the best of what it saw."""

    def __init__(self, child, deadline: float):
        self.child = child
        self.deadline = deadline
        self.collected = 0

    def collect_matches(self):  # the child's matches() keeps Whoosh's block skipping
        collect = self.collect
        for sub_docnum in self.child.matches():
            collect(sub_docnum)

    def collect(self, sub_docnum):  # a FilterCollector around this one calls collect() for what it lets through
        self.collected += 1
        if not self.collected % CLOCK_EVERY and time.perf_counter() > self.deadline:
            raise _OutOfTime
        return self.child.collect(sub_docnum)


def _best(searcher, scored: wq.Query, docnums: list[int], limit: int, *, restrict: bool,
          deadline: float) -> tuple[list[int], bool]:
    """The ``limit`` best-scoring of the matched documents, and whether the time ran out while ranking.

    A quoted phrase was already checked against word positions when the documents were matched:
    ranking only them, the words' scores suffice, and checking positions a second time doubled the
    cost of a phrase search. Without phrases or filters the query itself yields the same documents,
    and Whoosh can skip blocks that cannot reach the top.
    """
    if not docnums:  # Whoosh reads an empty filter as no filter at all
        return [], False
    phrases = any(isinstance(leaf, wq.Phrase) for leaf in scored.leaves())
    ranking = _words_of_phrases(scored) if phrases else scored
    allowed = set(docnums) if restrict or phrases else None
    collector = _DeadlineCollector(searcher.collector(limit=limit, terms=False), deadline)
    if allowed is not None:
        collector = collectors.FilterCollector(collector, allowed)
    try:
        searcher.search_with_collector(ranking, collector)
        out_of_time = False
    except _OutOfTime:
        out_of_time = True
    return [docnum for _, docnum in collector.results().top_n], out_of_time


def _words_of_phrases(query: wq.Query) -> wq.Query:
    if isinstance(query, wq.Phrase):
        return wq.And([wq.Term(query.fieldname, word) for word in query.words])
    if isinstance(query, wq.Not):  # an excluded phrase must stay a phrase, or it would exclude more
        return query
    return query.apply(_words_of_phrases)


def _without(params: SearchParams, name: str, value: str) -> dict[str, list[str]]:
    filters = {k: [v for v in vs if not (k == name and v == value)] for k, vs in params.filters.items()}
    return {k: vs for k, vs in filters.items() if vs}


def _facets(params: SearchParams, counts) -> list[Facet]:
    facets = []
    for name, label in FACETS.items():
        counter = counts.get(name, {})
        active_values = set(params.filters.get(name, ()))
        if name == "place":
            chosen = params.filters.get("place", [])
            shown = {value: n for value, n in counter.items() if place_level_shown(value, chosen)}
            ordered = sorted(shown.items(), key=lambda item: (-item[1], item[0]))[:FACET_LIMIT]
            ordered += [(value, counter[value]) for value in chosen if value in counter and value not in shown]
        elif name == "year":
            ordered = sorted(counter.items(), key=lambda item: item[0], reverse=True)
        else:
            ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:FACET_LIMIT]
        values = []
        for value, count in ordered:
            active = value in active_values
            filters = (
                _without(params, name, value) if active
                else {**params.filters, name: [*params.filters.get(name, []), value]}
            )
            values.append(FacetValue(value, value_label(name, value), count, active,
                                     "?" + params.querydict(filters=filters, page=None).urlencode()))
        if values:
            facets.append(Facet(name, label, values))
    return facets


def _active_filters(params: SearchParams) -> list[ActiveFilter]:
    active = []
    for name, values in params.filters.items():
        for value in values:
            filters = _without(params, name, value)
            active.append(ActiveFilter(f"{FILTERS[name]}：{value_label(name, value)}",
                                       "?" + params.querydict(filters=filters, page=None).urlencode()))
    if params.date_from or params.date_to:
        span = f"{params.date_from or '…'} 至 {params.date_to or '…'}"
        active.append(ActiveFilter(f"日期：{span}",
                                   "?" + params.querydict(date_from=None, date_to=None, page=None).urlencode()))
    return active


def _hits(pks: list[int], words: list[str]) -> list[Hit]:
    replies = Reply.objects.public().filter(pk__in=pks).select_related("agency", "proposal__session").with_proposers()
    replies = replies.defer("raw_text")  # the excerpts need the cleaned text only
    replies = replies.prefetch_related(Prefetch("sections", queryset=Section.objects.order_by("position")))
    by_pk = {reply.pk: reply for reply in replies}
    hits = []
    for pk in pks:
        reply = by_pk.get(pk)
        if reply is None:  # indexed but no longer public: the queue will catch up; never show it
            continue
        names = [link.person.name for link in reply.proposal.proposer_links.all()]
        hits.append(Hit(reply, names, find_excerpts(reply, list(reply.sections.all()), words)))
    return hits


# ---- what the public can see now -------------------------------------------------------------

def hidden_documents(searcher) -> frozenset[int]:
    """Live documents of replies the public cannot see now: changed, not yet re-indexed, and not public.

    The queue row of every change is written in the change's transaction and marked processed only after
    the index committed it, so the replies of pending rows are the only ones the index can be wrong about.
    One indexed query; usually it finds nothing. A reply withdrawn while the indexer is stopped keeps its
    document in the index, but no count, facet value, suggested word or hit.
    """
    from search.models import IndexQueue

    pending = IndexQueue.objects.filter(processed_at__isnull=True)
    stale = set(pending.exclude(reply_id__in=Reply.objects.public().values("pk")).values_list("reply_id", flat=True))
    if not stale:
        return frozenset()
    ids = stored_columns(searcher)["django_id"]
    return frozenset(docnum for docnum, pk in enumerate(ids) if pk in stale)


def _public_term(searcher, term: str, hidden) -> bool:
    """Whether a word of the index's word list is in a reply the public can see now.

    The word list keeps the words of deleted documents until segments merge: a word only a withdrawn
    letter held must never be offered."""
    return any(docnum not in hidden() for docnum in searcher.docs_for_query(wq.Term(TEXT, term)))


def _closest_terms(searcher, parsed: ParsedQuery, params: SearchParams, hidden, deadline: float,
                   limit: int = 6) -> list[tuple[str, str]]:
    reader = searcher.reader()
    found: dict[str, float] = {}
    for word in parsed.highlight_words[:4]:
        candidates = []
        for i, term in enumerate(reader.expand_prefix(TEXT, word[:1])):
            if i >= 2_000:
                break
            term = term.decode("utf-8") if isinstance(term, bytes) else term
            if term != word:
                candidates.append(term)
        for term in difflib.get_close_matches(word, candidates, n=limit * 3, cutoff=0.3):
            found.setdefault(term, difflib.SequenceMatcher(None, word, term).ratio())
    best = []
    for term in sorted(found, key=lambda t: -found[t]):
        if len(best) >= limit or time.perf_counter() > deadline:
            break
        if _public_term(searcher, term, hidden):
            best.append(term)
    return [(term, "?" + params.querydict(q=term, page=None).urlencode()) for term in best]


def _constraints(params: SearchParams, columns) -> list[tuple[str, str, object]]:
    """Each filter value (and the date range) as (name, value, test of a document number) over the columns."""
    tests = []
    for name, values in params.filters.items():
        column = columns[index_field(name)]
        for value in values:
            if name in MULTI_VALUED:
                tests.append((name, value, lambda docnum, c=column, v=value: v in c[docnum]))
            else:
                tests.append((name, value, lambda docnum, c=column, v=value: c[docnum] == v))
    if params.date_from or params.date_to:
        dates = columns["date"]
        start = _datetime(params.date_from) if params.date_from else None
        end = _datetime(params.date_to) if params.date_to else None

        def within(docnum):
            day = dates[docnum]
            return day is not None and (start is None or day >= start) and (end is None or day <= end)

        tests.append(("", "", within))
    return tests


def _widen(searcher, parsed: ParsedQuery, scored: wq.Query, pinned: bool, params: SearchParams, hidden,
           deadline: float) -> tuple[list[tuple[str, int, str]], bool]:
    """For a search with filters that found nothing: how many it would find without each one filter.

    The text is matched once, without filters; each document is then tested against the filters on the
    cached columns, and one that fails exactly one of them counts for that one."""
    docnums, out_of_time = _match(searcher, parsed, scored, pinned, None, deadline)
    tests = _constraints(params, stored_columns(searcher))
    counts = [0] * len(tests)
    gone = hidden() if docnums else frozenset()
    for docnum in docnums:
        if docnum in gone:
            continue
        failed = -1
        for position, (_, _, test) in enumerate(tests):
            if not test(docnum):
                if failed >= 0:
                    failed = -2
                    break
                failed = position
        if failed >= 0:
            counts[failed] += 1
    widen = []
    for (name, value, _), count in zip(tests, counts, strict=True):
        if not count:
            continue
        if name:
            url = "?" + params.querydict(filters=_without(params, name, value), page=None).urlencode()
            widen.append((f"{FILTERS[name]}：{value_label(name, value)}", count, url))
        else:
            url = "?" + params.querydict(date_from=None, date_to=None, page=None).urlencode()
            widen.append(("日期范围", count, url))
    return widen, out_of_time


def time_budget() -> float:
    """Seconds one search may take before it answers with what it has (settings.SEARCH_TIME_BUDGET_SECONDS)."""
    return settings.SEARCH_TIME_BUDGET_SECONDS


def search(params: SearchParams) -> SearchResults:
    """Run a search (or browse, when nothing was typed) and return one page of results with facets.

    Within a time budget: past it, the page answers with what was found so far and says so
    (``SearchResults.out_of_time``). Contradictory filters or words answer nothing without asking the index.
    """
    from search.indexing import backend

    deadline = time.perf_counter() + time_budget()
    parsed = parse_query(params.q)
    text_query = None if parsed.contradictory else build_text_query(parsed)
    pin = pinned_query(params.q)
    typed = bool(params.q.strip())
    if text_query is None and pin is None and typed and not parsed.contradictory:
        return SearchResults(params, 0, [], [], _active_filters(params), parsed, 1, nothing_to_search=True)
    if (text_query is None and pin is None and parsed.contradictory) or params.contradictory:
        return SearchResults(replace(params, page=1), 0, [], [], _active_filters(params), parsed, 1,
                             contradictory=True)
    if text_query is None and pin is None:
        scored: wq.Query = wq.Every()
    elif pin is None:
        scored = text_query
    elif text_query is None:
        scored = pin
    else:
        scored = wq.Or([text_query, pin])
    filter_query = _filter_query(params)

    searcher = backend().searcher()
    started = time.perf_counter()
    docnums, out_of_time = _match(searcher, parsed, scored, pin is not None, filter_query, deadline)
    # Ranking reads the same postings again: when that would not fit in the time left, the newest come first.
    rank_late = bool(docnums) and 2 * time.perf_counter() - started > deadline
    hidden = functools.cache(lambda: hidden_documents(searcher))  # asked only when something was found
    if docnums and hidden():  # withdrawn since the index was written: no count, facet or hit of theirs
        docnums = [docnum for docnum in docnums if docnum not in hidden()]
    total = len(docnums)
    pages = max(1, -(-total // PER_PAGE))
    page = min(params.page, pages)
    params = replace(params, page=page)  # page=999 of 3 pages shows page 3, and says so
    if params.sort == "date" or not typed or out_of_time or rank_late:
        top = _newest(searcher, docnums, page * PER_PAGE)
        out_of_time = out_of_time or (rank_late and typed and params.sort != "date")
    else:
        top, late = _best(searcher, scored, docnums, page * PER_PAGE,
                          restrict=filter_query is not None or bool(docnums and hidden()), deadline=deadline)
        out_of_time = out_of_time or late
    ids = stored_columns(searcher)["django_id"]
    pks = [ids[docnum] for docnum in top[(page - 1) * PER_PAGE :]]
    counts = count_facets(searcher, docnums)
    found = SearchResults(
        params=params, total=total, hits=_hits(pks, parsed.highlight_words), facets=_facets(params, counts),
        active=_active_filters(params), parsed=parsed, pages=pages,
    )
    if total == 0 and typed and not out_of_time:
        if time.perf_counter() > deadline:  # no time left to look for other words or wider searches
            out_of_time = True
        else:
            found.suggestions = _closest_terms(searcher, parsed, params, hidden, deadline)
        if not out_of_time and (params.filters or params.date_from or params.date_to):
            found.widen, out_of_time = _widen(searcher, parsed, scored, pin is not None, params, hidden, deadline)
    found.out_of_time = out_of_time
    return found
