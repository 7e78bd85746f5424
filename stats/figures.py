"""The counts behind ``/stats/``: three reads of the public replies.

Two GROUP BY queries give every count by (year, body, result class) and by (agency, result class); the third
reads the keywords of the two years whose topics are compared. ``stats.page`` keeps what they give in the
cache until the archive changes.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.db.models.functions import ExtractYear

from archive.models import Reply
from stats.topics import TopicComparison, compare_topics, years_to_compare


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

