"""Counts that summarise a set of public replies: the archive on the home page, an agency, a delegate."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear

from archive.models import Agency, Body, Person, Reply

NOT_STATED = "未注明"
# The home page's topics are those of the newest replies: current, and cheap however large the archive.
TOPIC_SAMPLE = 2000


@dataclass(frozen=True)
class ArchiveTotals:
    replies: int
    agencies: int
    proposers: int
    years: int


@dataclass(frozen=True)
class ReplySummary:
    total: int
    by_year: list[tuple[str, int]]  # newest year first; replies without a date last
    by_result: list[tuple[str, str, int]]  # (class value, label, count) in the classes' own order


@dataclass(frozen=True)
class ArchiveOverview:
    totals: ArchiveTotals
    by_body: list[tuple[str, int]]
    by_year: list[tuple[str, int]]  # only replies with a date
    by_result: list[tuple[str, str, int]]  # only replies with a result class
    agencies: list
    proposers: list
    keywords: list[tuple[str, int]]


def archive_overview() -> ArchiveOverview:
    """What the home page offers to browse by: body, year, result class, agency, delegate, topic."""
    public = Reply.objects.public()
    bodies = Counter(dict(public.values_list("proposal__body").annotate(n=Count("pk")).order_by()))
    summary = summarize(public)
    return ArchiveOverview(
        totals=archive_totals(),
        by_body=[(body, bodies[body]) for body in Body.values if bodies[body]],
        by_year=[(year, n) for year, n in summary.by_year if year != NOT_STATED],
        by_result=[(value, label, n) for value, label, n in summary.by_result if value],
        agencies=list(top_agencies(public)),
        proposers=list(top_proposers(public)),
        keywords=top_keywords(public.newest_first()[:TOPIC_SAMPLE]),
    )


def archive_totals() -> ArchiveTotals:
    """How many public replies, and the agencies, delegates and years they span."""
    public = Reply.objects.public()
    return ArchiveTotals(
        replies=public.count(),
        agencies=Agency.objects.filter(replies__in=public).distinct().count(),
        proposers=Person.objects.filter(proposer_links__proposal__replies__in=public).distinct().count(),
        years=public.exclude(date=None).dates("date", "year").count(),
    )


def summarize(replies) -> ReplySummary:
    """Counts by year and by result class of a queryset of replies."""
    years = replies.annotate(year=ExtractYear("date")).values("year").annotate(n=Count("pk")).order_by()
    by_year = sorted(((row["year"], row["n"]) for row in years), key=lambda item: (item[0] is None, -(item[0] or 0)))
    results = Counter(dict(replies.values_list("result_class").annotate(n=Count("pk")).order_by()))
    by_result = [(value, label, results[value]) for value, label in Reply.ResultClass.choices if results[value]]
    if results[""]:
        by_result.append(("", NOT_STATED, results[""]))
    return ReplySummary(
        total=sum(n for _, n in by_year),
        by_year=[(str(year) if year else NOT_STATED, n) for year, n in by_year],
        by_result=by_result,
    )


def top_keywords(replies, limit: int = 24) -> list[tuple[str, int]]:
    """The topic keywords most replies share, with how many replies have each."""
    counts = Counter(word for words in replies.values_list("keywords", flat=True) for word in dict.fromkeys(words))
    return counts.most_common(limit)


def top_agencies(replies, limit: int = 12):
    """Agencies with the most of these replies, each annotated with ``reply_count``."""
    return Agency.objects.filter(replies__in=replies).annotate(reply_count=Count("replies")).order_by(
        "-reply_count", "name"
    )[:limit]


def top_proposers(replies, limit: int = 12):
    """Proposers with the most of these replies, each annotated with ``reply_count``."""
    return (
        Person.objects.filter(proposer_links__proposal__replies__in=replies)
        .select_related("place")
        .annotate(reply_count=Count("proposer_links__proposal__replies", distinct=True))
        .order_by("-reply_count", "name")[:limit]
    )
