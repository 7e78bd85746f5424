"""What ``/stats/`` shows, made once per change to the archive: its figures, laid out as sections.

Cached under the search queue's newest change, as the home page's overview is, and under the year, since
which years are complete changes on 1 January without any change to the archive. The sections are cached
rather than the counts: laying them out (links, labels, chart geometry) costs as much as the page's template.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from archive import search_side
from stats.figures import archive_figures
from stats.sections import StatSection, stat_sections

STATISTICS_SECONDS = 3600  # as the home page's overview: a change makes a new key long before


@dataclass(frozen=True)
class Statistics:
    total: int  # public replies
    topics_compared: bool  # False: too few replies in the last two complete years
    sections: list[StatSection]

    def section(self, slug: str) -> StatSection | None:
        return next((section for section in self.sections if section.slug == slug), None)


def statistics(this_year: int) -> Statistics:
    figures = archive_figures(this_year)
    return Statistics(figures.total, figures.topics is not None, stat_sections(figures))


def cached_statistics() -> Statistics:
    this_year = timezone.localdate().year
    key = f"stats:{this_year}:{search_side.last_change_id()}"
    return cache.get_or_set(key, lambda: statistics(this_year), STATISTICS_SECONDS)
