"""What a search engine is asked, and what it answers: the interface every executor implements.

``search.query`` reads a request's parameters and the typed query (``search.params``, ``search.querylang``)
into a ``SearchRequest``, asks the executor of the configured engine, and builds the page from the
answer: reply ids, counts and words, never text. Everything a visitor reads comes from the database
through ``Reply.objects.public()``, so no engine, however stale, can show a hidden reply.

Two executors: ``search.whoosh_executor`` (the embedded default) and ``search.elasticsearch.executor``
(``SEARCH_URL`` naming an Elasticsearch 8 / OpenSearch 2 cluster). An executor that cannot reach its
engine raises ``SearchUnavailable``; the search page answers 503 with a Chinese message and pages that
only show related replies leave them out.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from search.querylang import ParsedQuery, Pin

FEW_WAITING = 500  # waiting replies ``stale_reply_ids`` names in its query; past that, a subquery


class SearchUnavailable(Exception):
    """The search engine cannot be reached or answered with an error: nothing was found or shown."""


@dataclass(frozen=True)
class SearchRequest:
    """One search, engine-neutral: typed clauses, a pin, whitelisted filters, a date range, an order."""

    parsed: ParsedQuery = field(default_factory=ParsedQuery)
    pin: Pin | None = None
    # facet name → values: a reply meets a filter holding any of its values, and must meet every filter
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None
    by_date: bool = False  # newest first, else by relevance (a browse without words is always by date)

    @property
    def browse(self) -> bool:
        """Nothing typed to match: every reply the filters allow."""
        return self.parsed.empty and self.pin is None


@dataclass
class Found:
    """One page of matches: ``ids`` are reply pks in order. ``page`` is the page shown (a page past the end shows
    the last). ``facets`` count each facet's values over every match; a facet the request filters on is counted
    as if it did not, so its other values say what choosing them too would add. ``words`` are the words the
    engine matched, for excerpts (None: the typed words)."""

    total: int
    page: int
    ids: list[int]
    facets: dict[str, Counter]
    out_of_time: bool = False
    words: list[str] | None = None


@dataclass
class Matches:
    """Every match of a search, up to a limit, in the request's order (exports, feeds, alerts)."""

    ids: list[int]
    total: int
    out_of_time: bool = False


@dataclass(frozen=True)
class Widening:
    """How many a search that found nothing would find without one of its filters (``name`` "" is the dates)."""

    name: str
    count: int


class Executor(Protocol):
    def page(self, request: SearchRequest, page: int, per_page: int, deadline: float) -> Found:
        """One page of matches, with the total and the facet counts; within the deadline (``time.perf_counter``)."""

    def every_match(self, request: SearchRequest, limit: int, deadline: float) -> Matches:
        """Every match up to ``limit`` in the request's order, and how many there are."""

    def count(self, request: SearchRequest, deadline: float) -> int:
        """How many match: no order, no facets (what a search that found nothing offers instead)."""

    def suggestions(self, request: SearchRequest, deadline: float, limit: int = 6) -> list[str]:
        """Words of public replies close to the typed ones, for a search that found nothing."""

    def widen(self, request: SearchRequest, deadline: float) -> tuple[list[Widening], bool]:
        """For a filtered search that found nothing: the count without each one filter; and whether time ran out."""

    def related(self, reply_pk: int, keywords: list[str], candidates: int) -> list[int]:
        """Ids of replies sharing the most of these topic keywords (rare ones weigh more), best first."""

    def document_count(self) -> int:
        """Documents in the index (``/healthz`` compares it with the database)."""


def stale_reply_ids() -> set[int]:
    """Replies changed and not yet re-indexed that the public cannot see now: every executor leaves them out.

    The queue row of every change is written in the change's transaction and marked processed only after
    the index committed it, so the replies of pending rows are the only ones the index can be wrong about.
    One query on the waiting rows' own index, which usually finds nothing (every search asks); the replies are
    read only when some wait. A reply withdrawn while the indexer is stopped keeps its document in the index,
    but no count, facet value, suggested word or hit.
    """
    from archive.models import Reply
    from search.models import IndexQueue

    waiting = IndexQueue.objects.waiting()
    # distinct(): each change queues a row, so 501 rows may name far fewer replies, and the rest would be missed.
    pending = set(waiting.values_list("reply_id", flat=True).distinct()[:FEW_WAITING + 1])
    if len(pending) <= FEW_WAITING:  # the usual case: their replies are named, a lookup each
        return pending - set(Reply.objects.public().filter(pk__in=pending).values_list("pk", flat=True))
    # After a bulk import: too many to name in one query (SQLite's default limit is 32,766 values).
    return set(waiting.exclude(reply_id__in=Reply.objects.public().values("pk")).values_list("reply_id", flat=True))


def executor() -> Executor:
    """The executor of the configured engine (``SEARCH_URL``), bound to this thread's connection."""
    from search.indexing import backend

    return backend().executor()
