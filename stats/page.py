"""What ``/stats/`` shows, made once per change to the archive: its figures, laid out as sections.

Cached under the search queue's newest change, as the home page's overview is, and under the day, since which
years are complete and which commitments are past due change at midnight without any change to the archive.
The sections are cached rather than the counts: laying them out (links, labels, chart geometry) costs as
much as the page's template.
"""

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.utils import timezone

from archive import search_side
from archive.models import Reply
from commitments.stats import commitment_counts
from repeats.stats import largest_groups
from stats.figures import archive_figures
from stats.sections import (
    StatSection,
    commitments_section,
    raised_issues_section,
    stat_sections,
    topics_section,
)

STATISTICS_SECONDS = 3600  # as the home page's overview: a change makes a new key long before
RAISED_ISSUES = 10


@dataclass(frozen=True)
class Statistics:
    total: int  # public replies
    topics_compared: bool  # False: too few replies in the last two complete years
    sections: list[StatSection]

    def section(self, slug: str) -> StatSection | None:
        return next((section for section in self.sections if section.slug == slug), None)


def statistics(today: date) -> Statistics:
    figures = archive_figures(today.year)
    sections = stat_sections(figures)
    if figures.total:  # the other apps' figures, each from its own counting function; the topics last
        sections += [
            commitments_section(commitment_counts(Reply.objects.public(), today)),
            raised_issues_section(largest_groups(RAISED_ISSUES)),
            topics_section(figures.topics),
        ]
    return Statistics(figures.total, figures.topics is not None, [section for section in sections if section])


def cached_statistics() -> Statistics:
    today = timezone.localdate()
    return cache.get_or_set(f"stats:{today}:{search_side.last_change_id()}", lambda: statistics(today),
                            STATISTICS_SECONDS)
