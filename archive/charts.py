"""Horizontal bar charts, laid out in Python and drawn as inline SVG by a template.

No JavaScript and no chart library: the geometry is computed here and ``includes/bar_chart.html``
(a small bar chart) or ``includes/row_chart.html`` (stacked, 100% and diverging bars, each under its
label) draws it, so the chart prints, scales on a phone and works offline.
"""

from dataclasses import dataclass

LABEL_WIDTH = 110  # room for 已解决/基本解决 at the chart's font size
BAR_AREA = 200
COUNT_WIDTH = 40
ROW_HEIGHT = 24
BAR_HEIGHT = 16
BASELINE = 17  # a label's baseline within its row


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    row_y: int
    text_y: int
    width: int
    count_x: int


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    height: int
    label_x: int = LABEL_WIDTH - 6
    bar_x: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    width: int = LABEL_WIDTH + BAR_AREA + COUNT_WIDTH

    @property
    def description(self) -> str:
        """The chart in words, for screen readers."""
        return f"{self.title}：" + "；".join(f"{bar.label} {bar.count} 件" for bar in self.bars)


def bar_chart(title: str, counts: list[tuple[str, int]]) -> BarChart:
    """One bar per (label, count), scaled so the largest count fills the bar area."""
    largest = max((count for _, count in counts), default=0) or 1
    bars = []
    for i, (label, count) in enumerate(counts):
        width = max(2, round(BAR_AREA * count / largest))  # a count of one still gets a visible bar
        bars.append(Bar(label, count, row_y=i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                        text_y=i * ROW_HEIGHT + BASELINE, width=width, count_x=LABEL_WIDTH + width + 4))
    return BarChart(title, bars, height=len(bars) * ROW_HEIGHT)


# Row charts (the statistics page): each row a label line over a full-width bar, so long agency names and
# a phone's 320 px both fit without shrinking the text. 320 wide: a 360 px screen less the page's margins.
ROW_CHART_WIDTH = 320
ROW_LABEL_LINE = 18  # the label's line above its bar
ROW_LABEL_BASELINE = 13
ROW_BAR_HEIGHT = 14
ROW_GAP = 8
ROW_HEIGHT = ROW_LABEL_LINE + ROW_BAR_HEIGHT + ROW_GAP
SEGMENT_TEXT_BASELINE = 11  # within the bar
FONT_SIZE = 13  # the width of a Chinese character; a digit or Latin letter takes about 0.6 of it


@dataclass(frozen=True)
class Segment:
    series: int  # which of the chart's series, for its colour
    x: int
    width: int
    text: str  # drawn inside the segment, or "" where it would not fit
    text_x: float


@dataclass(frozen=True)
class Row:
    label: str
    note: str  # at the end of the label line: a total, a change
    label_y: int
    bar_y: int
    segments: list[Segment]


@dataclass(frozen=True)
class RowChart:
    title: str
    series: list[str]
    palette: str  # names the colours of the series in the stylesheet
    rows: list[Row]
    height: int
    width: int = ROW_CHART_WIDTH
    bar_height: int = ROW_BAR_HEIGHT
    text_offset: int = SEGMENT_TEXT_BASELINE

    @property
    def description(self) -> str:
        """The chart in words, for screen readers: each row's label and note."""
        return f"{self.title}：" + "；".join(f"{row.label} {row.note}" for row in self.rows)


def text_width(text: str) -> float:
    """About how wide ``text`` is drawn at the charts' font size."""
    return sum(FONT_SIZE * (0.6 if ord(character) < 0x2E80 else 1) for character in text)


def fit_label(label: str, room: float) -> str:
    """The label, cut short with … where it would run into the row's note."""
    if text_width(label) <= room:
        return label
    while label and text_width(label + "…") > room:
        label = label[:-1]
    return label + "…"


def _row(index: int, label: str, note: str, segments: list[Segment]) -> Row:
    top = index * ROW_HEIGHT
    label = fit_label(label, ROW_CHART_WIDTH - text_width(note) - FONT_SIZE)
    return Row(label, note, label_y=top + ROW_LABEL_BASELINE, bar_y=top + ROW_LABEL_LINE, segments=segments)


def _segments(counts: list[int], bar_width: int, texts: list[str]) -> list[Segment]:
    """Side by side from x = 0 across ``bar_width``, each edge rounded from the running total so that the
    widths add up to the bar exactly; a segment's text only where it fits inside."""
    total = sum(counts)
    segments, running = [], 0
    for series, (count, text) in enumerate(zip(counts, texts, strict=True)):
        if not count:
            continue
        x, running = round(bar_width * running / total), running + count
        width = round(bar_width * running / total) - x
        shown = text if text_width(text) + 4 <= width else ""
        segments.append(Segment(series, x, width, shown, text_x=x + width / 2))
    return segments


def stacked_chart(title: str, series: list[str], rows: list[tuple[str, list[int]]], *, palette: str,
                  percent: bool = False, unit: str = "件") -> RowChart:
    """One bar per (label, counts by series), the segments in the series' order; the row's note is its total.

    ``percent``: every bar is the full width and its segments are shares of its total (the result classes of
    an agency's replies); otherwise the bars are to one scale, the largest total the full width, and a total
    of one still gets a visible bar.
    """
    largest = max((sum(counts) for _, counts in rows), default=0) or 1
    laid_out = []
    for index, (label, counts) in enumerate(rows):
        total = sum(counts)
        if percent:
            bar_width = ROW_CHART_WIDTH
            texts = [f"{round(100 * count / total)}%" for count in counts] if total else [""] * len(counts)
        else:
            bar_width = max(2, round(ROW_CHART_WIDTH * total / largest))
            texts = [str(count) if len(series) > 1 else "" for count in counts]
        segments = _segments(counts, bar_width, texts) if total else []
        laid_out.append(_row(index, label, f"{total} {unit}", segments))
    return RowChart(title, series, palette, laid_out, height=len(rows) * ROW_HEIGHT)


def diverging_chart(title: str, rows: list[tuple[str, float]], *, series: tuple[str, str], palette: str,
                    unit: str = "个百分点") -> RowChart:
    """Changes as bars from the middle: a rise to the right (series 0), a fall to the left (series 1).

    The largest change, either way, reaches an edge; the row's note is the change, signed.
    """
    half = ROW_CHART_WIDTH / 2
    largest = max((abs(change) for _, change in rows), default=0) or 1
    laid_out = []
    for index, (label, change) in enumerate(rows):
        width = max(2, round(half * abs(change) / largest)) if change else 0
        x = round(half) if change >= 0 else round(half) - width
        segments = [Segment(0 if change >= 0 else 1, x, width, "", x + width / 2)] if width else []
        laid_out.append(_row(index, label, f"{change:+.1f} {unit}", segments))
    return RowChart(title, list(series), palette, laid_out, height=len(rows) * ROW_HEIGHT)
