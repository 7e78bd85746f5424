"""The Whoosh executor: the embedded default engine, on the index ``search.backend`` keeps.

Every query is built from the query model's clauses as Whoosh query objects (never Whoosh's own
parser). Matching, ranking and facet counting run within the request's deadline: matching reads each
term's postings a block at a time as sets, ANDed and ORed, and looks at the clock every
``BLOCKS_BETWEEN_CLOCKS`` blocks; a quoted phrase is checked on the
candidates' word positions by our own code (Whoosh's phrase matcher cannot be stopped); ranking stops
at the deadline with the best seen so far. Facet counts, the date order and the ids of a page are list
lookups over cached stored columns (``search.columns``), 10× faster than Whoosh's own at 10,000 replies.
Replies withdrawn while the indexer is behind (``search.executor.stale_reply_ids``) are left out of
every count, facet, suggestion and hit.
"""

import functools
import heapq
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from itertools import chain, count

from whoosh import collectors
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import FilterMatcher
from whoosh.reading import TermNotFound

from search.columns import documents_by_value, stored_columns
from search.executor import Found, Matches, SearchRequest, Widening, stale_reply_ids
from search.facets import FACETS, MULTI_VALUED, index_field
from search.querylang import Clause, ParsedQuery, Pin, single_character
from search.ranking import PIN_BOOST, SUGGESTED_FROM, closest, topic_weights

CLOCK_EVERY = 16  # documents matched, ranked or checked between looks at the clock (the time budget)
BLOCKS_BETWEEN_CLOCKS = 16  # blocks of postings (up to 128 letters each) read between looks at the clock
STEP_RATIO = 16  # an ANDed term held by this many times more letters than are left is looked up, not read whole
TEXT = "text"
KEYWORDS_FIELD = "keywords"
_NO_DATE = datetime.min


def _word_query(word: str) -> wq.Query:
    # One Chinese character is rarely a word of its own in the index: match the words it begins.
    return wq.Prefix(TEXT, word) if single_character(word) else wq.Term(TEXT, word)


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




def pin_query(pin: Pin) -> wq.Query:
    """The replies a query names: a proposal number (of a session), or a proposer's or an agency's name."""
    if pin.number:
        terms = [wq.Term(index_field("number"), pin.number)]
        if pin.session_key:
            terms.append(wq.Term(index_field("session_key"), pin.session_key))
        return wq.And(terms, boost=PIN_BOOST)
    names = [wq.Term(index_field("proposer_name"), pin.names[0], boost=PIN_BOOST)]
    names += [wq.Term(index_field("agency"), name, boost=PIN_BOOST) for name in pin.names]
    return wq.Or(names)


def count_facets(searcher, docnums, fields: tuple[str, ...] = tuple(FACETS)) -> dict[str, Counter]:
    """Counts of each facet value among the matched documents, from the cached columns."""
    columns = stored_columns(searcher)
    docnums = list(docnums)
    counts = {}
    for name in fields:
        column = columns[index_field(name)]
        values = map(column.__getitem__, docnums)
        counter = Counter(chain.from_iterable(values)) if name in MULTI_VALUED else Counter(values)
        counter.pop("", None)
        counts[name] = counter
    return counts


def hidden_documents(searcher, stale: set[int]) -> frozenset[int]:
    """The live documents of these replies the public cannot see now (``stale_reply_ids``)."""
    if not stale:
        return frozenset()
    ids = stored_columns(searcher)["django_id"]
    return frozenset(docnum for docnum, pk in enumerate(ids) if pk in stale)


def _filter_query(params: SearchRequest, skip: frozenset = frozenset()) -> wq.Query | None:
    """Every filter but those in ``skip``: the values of one filter ORed (2023 or 2024), the filters ANDed, and the
    dates."""
    terms: list[wq.Query] = []
    for name, values in params.filters.items():
        if name not in skip:
            options = [wq.Term(index_field(name), value) for value in values]
            terms.append(options[0] if len(options) == 1 else wq.Or(options))
    if params.date_from or params.date_to:
        start = params.date_from and _datetime(params.date_from)
        end = params.date_to and _datetime(params.date_to)
        terms.append(wq.DateRange("date", start, end))
    return wq.And(terms) if terms else None


def _datetime(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


class _Clock:
    """The request's deadline, looked at now and then while reading postings; once past, readings stop where they
    are, and what they return is still only matching letters (fewer of them)."""

    def __init__(self, deadline: float):
        self.deadline = deadline
        self.past = False

    def passed(self) -> bool:
        self.past = self.past or time.perf_counter() > self.deadline
        return self.past


def _posting_ids(matcher, clock: _Clock) -> set[int]:
    """The documents of one term's postings in a segment, read a block at a time: stepping a matcher costs three
    Python calls a posting, and a common word holds tens of thousands of them at 100,000 replies."""
    deleted = frozenset()
    if isinstance(matcher, FilterMatcher) and matcher._exclude:  # how Whoosh leaves out a segment's deleted letters
        deleted, matcher = matcher._ids, matcher.child
    found: set[int] = set()
    if isinstance(matcher, W3LeafMatcher):  # its block's ids, by its private fields (Whoosh is pinned at 2.7.4)
        for block in count():
            if not matcher.is_active() or (not block % BLOCKS_BETWEEN_CLOCKS and block and clock.passed()):
                break
            matcher.id()  # reads the block's ids
            found.update(matcher._ids[matcher._i :])
            matcher._next_block()
    else:
        found.update(matcher.all_ids())
    return found - deleted if deleted else found


def _stepped(subsearcher, query: wq.Query, clock: _Clock) -> set[int]:
    """The documents of a query this module does not read itself (a prefix, a date range, every letter), its
    matcher stepped with the clock."""
    try:
        matcher = query.matcher(subsearcher, subsearcher.boolean_context())
    except TermNotFound:
        return set()
    found: set[int] = set()
    while matcher.is_active() and not (len(found) % CLOCK_EVERY == 1 % CLOCK_EVERY and clock.passed()):
        found.add(matcher.id())
        matcher.next()
    return found


def _conjuncts(query: wq.Query) -> list[wq.Query]:
    return [part for sub in query.subqueries for part in _conjuncts(sub)] if isinstance(query, wq.And) else [query]


def _segment_documents(subsearcher, query: wq.Query, clock: _Clock) -> set[int]:
    """The documents of one segment matching the query: terms read whole, ANDs and ORs as set operations.

    An AND begins with its rarest term. A term held by far more letters than are left (服务, 工作: nearly every
    one) is then only looked up for those letters, its postings skipped to each in turn, never read whole.
    An AND the clock stops before all its parts were applied answers nothing: its letters were not checked.
    """
    if isinstance(query, wq.Term):
        try:
            return _posting_ids(subsearcher.reader().postings(query.fieldname, query.text), clock)
        except TermNotFound:
            return set()
    if isinstance(query, wq.Or):
        return set().union(*(_segment_documents(subsearcher, sub, clock) for sub in query.subqueries))
    if not isinstance(query, wq.And):
        return _stepped(subsearcher, query, clock)
    reader = subsearcher.reader()
    parts = _conjuncts(query)
    frequency = {part: reader.doc_frequency(part.fieldname, part.text) for part in parts if isinstance(part, wq.Term)}
    found: set[int] | None = None
    for part in sorted(frequency, key=frequency.get) + [part for part in parts if part not in frequency]:
        if found is not None and (not found or clock.past):
            return set()
        if found is not None and frequency.get(part, 0) > STEP_RATIO * len(found):
            postings = reader.postings(part.fieldname, part.text)
            found = {docnum for docnum in sorted(found) if _stepped_to(postings, docnum)}
        else:
            documents = _segment_documents(subsearcher, part, clock)
            found = documents if found is None else found & documents
    return found or set()


def _matching(searcher, scored: wq.Query, filter_query: wq.Query | None, deadline: float) -> tuple[list[int], bool]:
    """The matched document numbers, and whether the time ran out first (then those found so far)."""
    combined = wq.And([scored, filter_query]) if filter_query is not None else scored
    clock = _Clock(deadline)
    docnums: list[int] = []
    for subsearcher, offset in searcher.leaf_searchers():
        docnums.extend(offset + docnum for docnum in _segment_documents(subsearcher, combined, clock))
        if clock.passed():
            break
    return sorted(docnums), clock.past


def _checked_one_by_one(searcher, candidates: list[int], deadline: float, open_leaf, holds) -> tuple[set, set]:
    """Which of the (sorted) candidates pass ``holds(state, local docnum)``, leaf by leaf (``open_leaf(subsearcher)``
    gives a leaf's state, or None when nothing in it can pass), and which were left unchecked when the time ran out."""
    found: set[int] = set()
    checked = 0
    for subsearcher, offset in searcher.leaf_searchers():
        end = offset + subsearcher.doc_count_all()
        mine = [docnum for docnum in candidates if offset <= docnum < end]
        state = open_leaf(subsearcher) if mine else None
        if state is None:
            continue
        for position, docnum in enumerate(mine):
            checked += 1
            if not checked % CLOCK_EVERY and time.perf_counter() > deadline:
                return found, set(mine[position:]) | {later for later in candidates if later >= end}
            if holds(state, docnum - offset):
                found.add(docnum)
    return found, set()


def _stepped_to(matcher, local: int) -> bool:
    """Whether the matcher holds this document, stepping it there (documents are asked in order)."""
    if matcher.is_active() and matcher.id() < local:
        matcher.skip_to(local)
    return matcher.is_active() and matcher.id() == local


def _phrase_documents(searcher, words: list[str], candidates: list[int], deadline: float) -> tuple[set, set]:
    """Which of the (sorted) candidates hold the words one after another, read from the words' positions,
    and which were left unchecked when the time ran out. Whoosh's own phrase matcher reads positions
    until it finds a match, however long that takes: "工作 工作" over 10,000 letters held a worker 2 s."""
    rest = list(enumerate(words))[1:]

    def open_leaf(subsearcher):
        try:
            return {word: subsearcher.reader().postings(TEXT, word) for word in dict.fromkeys(words)}
        except TermNotFound:
            return None

    def holds(matchers, local: int) -> bool:
        places = {}
        for word, matcher in matchers.items():
            if not _stepped_to(matcher, local):
                return False
            places[word] = set(matcher.value_as("positions"))
        return any(all(start + i in places[word] for i, word in rest) for start in places[words[0]])

    return _checked_one_by_one(searcher, candidates, deadline, open_leaf, holds)


def _matching_phrases(searcher, parsed: ParsedQuery, filter_query: wq.Query | None,
                      deadline: float) -> tuple[list[int], bool]:
    """Like ``_matching``, for words with quoted phrases among them (no exclusions), within the time budget: the
    letters holding the phrases' words are matched first (Whoosh, quickly), then each phrase is checked on those
    letters alone."""

    def relaxed(clause: Clause) -> wq.Query:
        return wq.And([wq.Term(TEXT, word) for word in clause.words]) if clause.phrase else _clause_query(clause)

    positive = [wq.Or([relaxed(c) for c in group]) if len(group) > 1 else relaxed(group[0]) for group in parsed.groups]
    docnums, out_of_time = _matching(searcher, wq.And(positive), filter_query, deadline)
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
    return docnums, out_of_time


def _holding(searcher, query: wq.Query, candidates: list[int], deadline: float) -> tuple[set, set]:
    """Which of the (sorted) candidates match the query, its matcher stepped to each in turn, and which were left
    unchecked when the time ran out."""

    def open_leaf(subsearcher):
        try:
            return query.matcher(subsearcher, subsearcher.boolean_context())
        except TermNotFound:
            return None

    return _checked_one_by_one(searcher, candidates, deadline, open_leaf, _stepped_to)


def _excluding(searcher, docnums: list[int], clauses: list[Clause], deadline: float) -> tuple[list[int], bool]:
    """The documents holding none of the excluded clauses, each clause checked on the documents left, with the
    clock. Inside Whoosh's AND NOT, a search whose exclusions remove nearly every letter (工作 -建议 -教育 …)
    yielded nothing for a long time, and so never looked at the clock: 1.6 s at 100,000 replies, past a 0.3 s
    budget. Documents left unchecked when the time runs out are dropped: they may hold an excluded word."""
    for clause in clauses:
        if clause.phrase:
            found, unchecked = _phrase_documents(searcher, clause.words, docnums, deadline)
        else:
            found, unchecked = _holding(searcher, _clause_query(clause), docnums, deadline)
        docnums = [docnum for docnum in docnums if docnum not in found and docnum not in unchecked]
        if unchecked:
            return docnums, True
    return docnums, False


def _match(searcher, parsed: ParsedQuery, pin: wq.Query | None, filter_query: wq.Query | None,
           deadline: float) -> tuple[list[int], bool]:
    """The matched documents, and whether the time ran out: the words matched (phrases checked on word positions by
    ``_matching_phrases``: Whoosh's own phrase matcher took 55–100 ms at 10,000 replies for a word the dictionary
    lacks, such as 河长制), the exclusions taken out (``_excluding``), and the documents a pin names added."""
    words = replace(parsed, excluded=[])
    if words.groups:
        phrases = any(clause.phrase for group in words.groups for clause in group)
        matching = _matching_phrases if phrases else _matching
        docnums, out_of_time = matching(searcher, words if phrases else build_text_query(words), filter_query,
                                        deadline)
    elif parsed.excluded or pin is None:  # only exclusions, or a browse: every letter to begin with
        docnums, out_of_time = _matching(searcher, wq.Every(), filter_query, deadline)
    else:
        docnums, out_of_time = [], False
    if parsed.excluded:
        docnums, late = _excluding(searcher, docnums, parsed.excluded, deadline)
        out_of_time = out_of_time or late
    if pin is None:
        return docnums, out_of_time
    pinned, late = _matching(searcher, pin, filter_query, deadline)
    return sorted(set(docnums).union(pinned)), out_of_time or late


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


def _public_term(searcher, term: str, hidden) -> bool:
    """Whether a word of the index's word list is in a reply the public can see now.

    The word list keeps the words of deleted documents until segments merge: a word only a withdrawn
    letter held must never be offered."""
    return any(docnum not in hidden() for docnum in searcher.docs_for_query(wq.Term(TEXT, term)))


def _closest_terms(searcher, parsed: ParsedQuery, hidden, deadline: float, limit: int) -> list[str]:
    reader = searcher.reader()
    found: dict[str, float] = {}
    for word in parsed.highlight_words[:SUGGESTED_FROM]:
        candidates = []
        for i, term in enumerate(reader.expand_prefix(TEXT, word[:1])):
            if i >= 2_000:
                break
            term = term.decode("utf-8") if isinstance(term, bytes) else term
            if term != word:
                candidates.append(term)
        for term, likeness in closest(word, candidates, limit).items():
            found.setdefault(term, likeness)
    best = []
    for term in sorted(found, key=lambda t: -found[t]):
        if len(best) >= limit or time.perf_counter() > deadline:
            break
        if _public_term(searcher, term, hidden):
            best.append(term)
    return best


Failing = Callable[[list[int]], set[int]]


def _constraints(params: SearchRequest, columns) -> list[tuple[str, Failing]]:
    """Each filter (any of its values) and the date range (name ""): (name, which of some documents fail it).

    A set comprehension over the cached columns per filter: a browse with one facet chosen tests every document
    of the archive, and a function call per document cost as much as the rest of the page.
    """
    tests: list[tuple[str, Failing]] = []
    for name, values in params.filters.items():
        column, wanted = columns[index_field(name)], frozenset(values)
        if name in MULTI_VALUED:
            tests.append((name, lambda docnums, c=column, w=wanted: {d for d in docnums if w.isdisjoint(c[d])}))
        else:
            tests.append((name, lambda docnums, c=column, w=wanted: {d for d in docnums if c[d] not in w}))
    if params.date_from or params.date_to:
        dates = columns["date"]
        start = _datetime(params.date_from) if params.date_from else _NO_DATE
        end = _datetime(params.date_to) if params.date_to else None

        def outside(docnums: list[int]) -> set[int]:
            return {d for d in docnums if dates[d] is None or dates[d] < start or (end is not None and dates[d] > end)}

        tests.append(("", outside))
    return tests


def _split_by_tests(docnums: list[int], tests: list[tuple[str, Failing]]) -> tuple[list[int], dict[str, list[int]]]:
    """The documents that pass every test, and for each test the documents that fail it and no other."""
    failing = {name: fails(docnums) for name, fails in tests}
    failing_any = set().union(*failing.values())
    meeting = [docnum for docnum in docnums if docnum not in failing_any]
    failing_one = {}
    for name, failed in failing.items():
        others = set().union(*(other for other_name, other in failing.items() if other_name != name))
        failing_one[name] = [docnum for docnum in docnums if docnum in failed and docnum not in others]
    return meeting, failing_one




@dataclass
class _Matched:
    docnums: list[int]  # every matched document a visitor may see, in index order
    scored: wq.Query  # what ranks them
    filtered: bool  # by filters, exclusions or hidden documents: ranking must keep to the matched documents
    out_of_time: bool
    rank_late: bool  # ranking would not fit in the time left: the newest come first


class WhooshExecutor:
    """``search.executor.Executor`` on the live Whoosh index of a ``ChineseWhooshSearchBackend``."""

    def __init__(self, backend):
        self.backend = backend

    @functools.cached_property
    def _stale(self) -> set[int]:
        """Asked once for all the matches of one search (an executor serves one request)."""
        return stale_reply_ids()

    def _match(self, searcher, request: SearchRequest, deadline: float, skip: frozenset = frozenset()) -> _Matched:
        # Ranked by the words alone: exclusions score nothing, and the ranking keeps to the matched documents.
        text = build_text_query(replace(request.parsed, excluded=[]))
        pin = pin_query(request.pin) if request.pin else None
        scored = wq.Or([text, pin]) if text and pin else text or pin or wq.Every()
        filter_query = _filter_query(request, skip)
        started = time.perf_counter()
        docnums, out_of_time = _match(searcher, request.parsed, pin, filter_query, deadline)
        # Ranking reads the same postings again: when that would not fit in the time left, the newest come first.
        rank_late = bool(docnums) and 2 * time.perf_counter() - started > deadline
        hidden = hidden_documents(searcher, self._stale) if docnums else frozenset()
        if hidden:  # withdrawn since the index was written: no count, facet or hit of theirs
            docnums = [docnum for docnum in docnums if docnum not in hidden]
        filtered = filter_query is not None or bool(hidden) or bool(request.parsed.excluded)
        return _Matched(docnums, scored, filtered, out_of_time, rank_late)

    def _top(self, searcher, request: SearchRequest, matched: _Matched, limit: int,
             deadline: float) -> tuple[list[int], bool]:
        """The ids of the first ``limit`` matches in the request's order, and whether time ran out."""
        if request.by_date or request.browse or matched.out_of_time or matched.rank_late:
            top = _newest(searcher, matched.docnums, limit)
            late = matched.out_of_time or (matched.rank_late and not request.browse and not request.by_date)
        else:
            top, late = _best(searcher, matched.scored, matched.docnums, limit, restrict=matched.filtered,
                              deadline=deadline)
        ids = stored_columns(searcher)["django_id"]
        return [ids[docnum] for docnum in top], late

    def page(self, request: SearchRequest, page: int, per_page: int, deadline: float) -> Found:
        searcher = self.backend.searcher()
        chosen = frozenset(request.filters.keys() & FACETS.keys())
        if not chosen:
            matched = self._match(searcher, request, deadline)
            facets = count_facets(searcher, matched.docnums)
        else:
            # A chosen facet counts as if it were not chosen: its other values say what choosing them too would
            # add. One match without the chosen facets, then each document tested on the cached columns: one
            # that fails none is a match, one that fails only facet F counts for F.
            wide = self._match(searcher, request, deadline, skip=chosen)
            only_chosen = SearchRequest(filters={name: request.filters[name] for name in chosen})
            meeting, failing_one = _split_by_tests(wide.docnums, _constraints(only_chosen, stored_columns(searcher)))
            matched = replace(wide, docnums=meeting, filtered=True)
            facets = count_facets(searcher, meeting, tuple(FACETS.keys() - chosen))
            for name in chosen:
                facets[name] = count_facets(searcher, meeting + failing_one[name], (name,))[name]
        total = len(matched.docnums)
        page = min(page, max(1, -(-total // per_page)))
        ids, out_of_time = self._top(searcher, request, matched, page * per_page, deadline)
        return Found(total, page, ids[(page - 1) * per_page :], facets, out_of_time or matched.out_of_time)

    def every_match(self, request: SearchRequest, limit: int, deadline: float) -> Matches:
        searcher = self.backend.searcher()
        matched = self._match(searcher, request, deadline)
        ids, out_of_time = self._top(searcher, request, matched, limit, deadline)
        return Matches(ids, len(matched.docnums), out_of_time or matched.out_of_time)

    def count(self, request: SearchRequest, deadline: float) -> int:
        return len(self._match(self.backend.searcher(), request, deadline).docnums)

    def suggestions(self, request: SearchRequest, deadline: float, limit: int = 6) -> list[str]:
        searcher = self.backend.searcher()
        hidden = functools.cache(lambda: hidden_documents(searcher, self._stale))
        return _closest_terms(searcher, request.parsed, hidden, deadline, limit)

    def widen(self, request: SearchRequest, deadline: float) -> tuple[list[Widening], bool]:
        """How many the search would find without each one filter: the text is matched once, without filters;
        each document is then tested against the filters on the cached columns, and one that fails exactly
        one of them counts for that one."""
        searcher = self.backend.searcher()
        matched = self._match(searcher, SearchRequest(request.parsed, request.pin), deadline)
        tests = _constraints(request, stored_columns(searcher))
        _, failing_one = _split_by_tests(matched.docnums, tests)
        widen = [Widening(name, len(failing_one[name])) for name, _ in tests if failing_one[name]]
        return widen, matched.out_of_time

    def related(self, reply_pk: int, keywords: list[str], candidates: int) -> list[int]:
        """Candidates share at least one of the reply's four rarest keywords, each shared keyword weighing its
        inverse document frequency. The keyword → documents map is built once per index state
        (``search.columns``): scoring is then a count over a few thousand document numbers, about 1 ms at
        10,000 replies, where matching the keywords against the letters' text cost 30 ms."""
        searcher = self.backend.searcher()
        holders = documents_by_value(searcher, KEYWORDS_FIELD)
        total = searcher.doc_count()
        # The rarest keywords say most about the topic, and their lists are short: a common word's
        # thousands of holders tripled the cost and hardly changed the ranking.
        weights = topic_weights(keywords, {word: len(holders[word]) for word in keywords if word in holders}, total)
        scores: dict[int, float] = {}
        for word, weight in weights.items():
            for docnum in holders[word]:
                scores[docnum] = scores.get(docnum, 0.0) + weight
        ids = stored_columns(searcher)["django_id"]
        best = heapq.nlargest(candidates, scores.items(), key=lambda item: (item[1], -item[0]))
        return [ids[docnum] for docnum, _ in best if ids[docnum] != reply_pk]

    def document_count(self) -> int:
        return self.backend.searcher().doc_count()
