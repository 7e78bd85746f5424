"""A small horizontal bar chart, laid out in Python and drawn as inline SVG by a template.

No JavaScript and no chart library: the geometry is computed here and
``includes/bar_chart.html`` draws it, so the chart prints, scales on a phone and works offline.
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
