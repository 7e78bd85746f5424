"""The counts behind ``/stats/``: three reads of the public replies, kept in the cache until the archive changes.

Two GROUP BY queries give every count by (year, body, result class) and by (agency, result class); the third
reads the keywords of the two years whose topics are compared. At 10,000 replies they take a few tens of
milliseconds together; cached under the search queue's newest change, as the home page's overview is, a
page served between two changes reads none of them.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone

from archive import search_side
from archive.models import Reply
from stats.topics import TopicComparison, compare_topics, years_to_compare

FIGURES_SECONDS = 3600  # as the home page's overview: a change makes a new key long before


@dataclass(frozen=True)
class ArchiveFigures:
    by_year_body_result: list[tuple[int | None, str, str, int]]  # (year, body, result class, replies)
    by_agency_result: list[tuple[int | None, str | None, str, int]]  # (agency id, its name, result class, replies)
    topics: TopicComparison | None  # None: too few replies in the last two complete years

    @property
    def total(self) -> int:
        return sum(n for *_, n in self.by_year_body_result)


def archive_figures(this_year: int) -> ArchiveFigures:
    """Every count the statistics page shows, of ``Reply.objects.public()`` only."""
    public = Reply.objects.public().order_by()  # no ordering: it would join the GROUP BY
    by_year_body_result = list(
        public.annotate(year=ExtractYear("date")).values_list("year", "proposal__body", "result_class")
        .annotate(n=Count("pk"))
    )
    by_agency_result = list(public.values_list("agency_id", "agency__name", "result_class").annotate(n=Count("pk")))
    replies_by_year = Counter()
    for year, _, _, n in by_year_body_result:
        if year:
            replies_by_year[year] += n
    years = years_to_compare(replies_by_year, this_year)
    topics = None
    if years:
        before, after = years
        keywords = public.filter(date__gte=date(before, 1, 1), date__lt=date(after + 1, 1, 1)).annotate(
            year=ExtractYear("date")
        ).values_list("year", "keywords")
        topics = compare_topics(before, after, keywords)
    return ArchiveFigures(by_year_body_result, by_agency_result, topics)


def cached_figures() -> ArchiveFigures:
    """The figures of the archive as it is now: the same key scheme as the home page's overview, and the year,
    since which years are complete changes on 1 January without any change to the archive."""
    this_year = timezone.localdate().year
    key = f"stats-figures:{this_year}:{search_side.last_change_id()}"
    return cache.get_or_set(key, lambda: archive_figures(this_year), FIGURES_SECONDS)
