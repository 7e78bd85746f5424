"""Topics rising and falling: which keywords a larger or smaller share of the replies held in one year than
in the year before. Pure: counts in, changes out.

The two years are the last complete one that the archive holds replies of and the year before it: the
current year is still being answered, and its share of any topic would move from week to week. A word
counts only where at least MIN_REPLIES replies of the two years hold it, and each year needs as many
replies: a word in 1 of 3 replies one year and 0 of 4 the next is noise, not a trend.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

MIN_REPLIES = 10
SHOWN = 10  # rising, and as many falling


@dataclass(frozen=True)
class TopicChange:
    word: str
    before: int  # replies holding the word in the earlier year
    after: int  # and in the later year
    change: float  # its share of the year's replies, later less earlier, in percentage points


@dataclass(frozen=True)
class TopicComparison:
    before_year: int
    after_year: int
    before_replies: int  # every reply of the year, the denominator of a share
    after_replies: int
    rising: list[TopicChange]  # the largest rise first
    falling: list[TopicChange]  # the largest fall first


def years_to_compare(replies_by_year: dict[int, int], this_year: int) -> tuple[int, int] | None:
    """The last complete year with replies and the year before it, when both hold MIN_REPLIES replies."""
    complete = [year for year in replies_by_year if year < this_year]
    if not complete:
        return None
    after = max(complete)
    if min(replies_by_year.get(after - 1, 0), replies_by_year[after]) < MIN_REPLIES:
        return None
    return after - 1, after


def share(count: int, total: int) -> float:
    """``count`` of ``total`` in percent; nothing of nothing is 0."""
    return 100 * count / total if total else 0.0


def compare_topics(before_year: int, after_year: int, keywords: Iterable[tuple[int, list[str]]]) -> TopicComparison:
    """From (year, keywords) of every reply of the two years: the words whose share moved most each way."""
    replies, holding = Counter(), {before_year: Counter(), after_year: Counter()}
    for year, words in keywords:
        replies[year] += 1
        holding[year].update(set(words))
    changes = []
    for word in holding[before_year].keys() | holding[after_year].keys():
        before, after = holding[before_year][word], holding[after_year][word]
        if before + after >= MIN_REPLIES:
            changes.append(TopicChange(word, before, after, share(after, replies[after_year])
                                       - share(before, replies[before_year])))
    return TopicComparison(
        before_year, after_year, replies[before_year], replies[after_year],
        rising=sorted((t for t in changes if t.change > 0), key=lambda t: (-t.change, t.word))[:SHOWN],
        falling=sorted((t for t in changes if t.change < 0), key=lambda t: (t.change, t.word))[:SHOWN],
    )
