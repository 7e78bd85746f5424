"""The statistics page's sections, each a chart and the table of its numbers, made from the archive's figures.

No database here: ``stats.figures`` counts, this lays the counts out. Every title says what is counted —
the public replies this archive holds, not every proposal ever made.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.urls import reverse

from archive.charts import RowChart, diverging_chart, stacked_chart
from archive.models import Body, Reply
from archive.stats import NOT_STATED
from search.params import SearchParams
from stats.figures import ArchiveFigures
from stats.tables import Column, Table, count_cell, label_cell, points_cell, share_cell
from stats.topics import MIN_REPLIES, SHOWN, TopicComparison

COUNTED = "本档案收录的公开答复"
TOP_AGENCIES = 15  # in the chart of the agencies with the most replies
AGENCIES_BY_SHARE = 10  # agencies with rows of their own in the result shares; the rest share one row
RESULT_SERIES = [label for _, label in Reply.ResultClass.choices] + [NOT_STATED]
RESULT_VALUES = [value for value, _ in Reply.ResultClass.choices] + [""]


@dataclass(frozen=True)
class StatSection:
    slug: str  # names its CSV: /stats/<slug>.csv
    heading: str
    counted: str  # what the numbers count, in a sentence
    chart: RowChart
    table: Table
    rule: str = ""  # how the rows were chosen, where they were


def stat_sections(figures: ArchiveFigures) -> list[StatSection]:
    """The charts of the replies' counts in order; none for an archive without public replies."""
    if not figures.total:
        return []
    return [_by_year_and_body(figures), _top_agencies(figures), _results_by_year(figures), _results_by_agency(figures)]


def _year_label(year: int | None) -> str:
    return str(year) if year else f"{NOT_STATED}日期"


def _year_cell(year: int | None):
    return label_cell(_year_label(year), SearchParams().url(path=reverse("search:search"), year=year) if year else "")


def _by_year(figures: ArchiveFigures, series_of) -> list[tuple[int | None, Counter]]:
    """Counts by year (oldest first, replies without a date last), each a Counter of ``series_of(body, class)``."""
    years: dict[int | None, Counter] = defaultdict(Counter)
    for year, body, result_class, n in figures.by_year_body_result:
        years[year][series_of(body, result_class)] += n
    return sorted(years.items(), key=lambda item: (item[0] is None, item[0] or 0))


def _by_year_and_body(figures: ArchiveFigures) -> StatSection:
    years = _by_year(figures, lambda body, _: body)
    stated = [body for body in Body.values if any(counts[body] for _, counts in years)]
    bodies = stated + ([""] if any(counts[""] for _, counts in years) else [])
    names = [body or NOT_STATED for body in bodies]
    title = f"{COUNTED}件数：按答复年份和人大/政协"
    return StatSection(
        slug="years", heading="按年份和人大/政协",
        counted=f"{COUNTED}，按答复函落款的年份，分人大代表建议和政协委员提案的答复计数。",
        chart=stacked_chart(title, names, [(_year_label(year), [counts[b] for b in bodies]) for year, counts in years],
                            palette="bodies"),
        table=Table(title, [Column("答复年份")] + [Column(name) for name in names] + [Column("合计")], [
            [_year_cell(year)] + [count_cell(counts[b]) for b in bodies] + [count_cell(sum(counts.values()))]
            for year, counts in years
        ]),
    )


def _agencies(figures: ArchiveFigures) -> list[tuple[int | None, str, Counter]]:
    """Each agency's replies by result class, the most replies first (then by name)."""
    agencies: dict[int | None, tuple[str, Counter]] = {}
    for agency_id, name, result_class, n in figures.by_agency_result:
        agencies.setdefault(agency_id, (name or f"{NOT_STATED}答复单位", Counter()))[1][result_class] += n
    rows = [(agency_id, name, counts) for agency_id, (name, counts) in agencies.items()]
    return sorted(rows, key=lambda row: (-sum(row[2].values()), row[1]))


def _agency_cell(agency_id: int | None, name: str):
    return label_cell(name, reverse("archive:agency-detail", args=[agency_id]) if agency_id else "")


def _top_agencies(figures: ArchiveFigures) -> StatSection:
    top = _agencies(figures)[:TOP_AGENCIES]
    title = f"{COUNTED}件数最多的 {len(top)} 个答复单位"
    return StatSection(
        slug="agencies", heading="答复件数最多的单位",
        counted=f"{COUNTED}，按答复单位计数；一件建议提案由几个单位分别答复时，每个单位各计一件。",
        chart=stacked_chart(title, ["公开答复"], [(name, [sum(counts.values())]) for _, name, counts in top],
                            palette="single"),
        table=Table(title, [Column("答复单位"), Column("公开答复")], [
            [_agency_cell(agency_id, name), count_cell(sum(counts.values()))] for agency_id, name, counts in top
        ]),
    )


def _shares(label_cell_, counts: Counter) -> list:
    total = sum(counts.values())
    return [label_cell_] + [share_cell(counts[value], total) for value in RESULT_VALUES] + [count_cell(total)]


def _result_columns(first: str) -> list[Column]:
    return [Column(first)] + [Column(label, share=True) for label in RESULT_SERIES] + [Column("合计")]


def _results_by_year(figures: ArchiveFigures) -> StatSection:
    years = _by_year(figures, lambda _, result_class: result_class)
    title = f"{COUNTED}的办理结果构成：按答复年份"
    return StatSection(
        slug="results-by-year", heading="各年份的办理结果",
        counted=f"{COUNTED}中，答复函所写办理结果（已解决/基本解决、正在解决、列入计划、留作参考/暂不能解决）"
        "各占的比例；答复函未写办理结果的计为“未注明”。",
        chart=stacked_chart(title, RESULT_SERIES, [
            (_year_label(year), [counts[value] for value in RESULT_VALUES]) for year, counts in years
        ], palette="results", percent=True),
        table=Table(title, _result_columns("答复年份"), [_shares(_year_cell(year), counts) for year, counts in years]),
    )


def _results_by_agency(figures: ArchiveFigures) -> StatSection:
    agencies = _agencies(figures)
    rows = [(_agency_cell(agency_id, name), counts) for agency_id, name, counts in agencies[:AGENCIES_BY_SHARE]]
    others = agencies[AGENCIES_BY_SHARE:]
    if others:
        rest = sum((counts for _, _, counts in others), Counter())
        rows.append((label_cell(f"其他 {len(others)} 个单位"), rest))
    title = f"{COUNTED}的办理结果构成：按答复单位"
    return StatSection(
        slug="results-by-agency", heading="各答复单位的办理结果",
        counted=f"{COUNTED}中，各答复单位的答复所写办理结果各占的比例。",
        rule=f"答复件数最多的 {AGENCIES_BY_SHARE} 个单位各占一行，其余单位合为一行。",
        chart=stacked_chart(title, RESULT_SERIES, [
            (cell.text, [counts[value] for value in RESULT_VALUES]) for cell, counts in rows
        ], palette="results", percent=True),
        table=Table(title, _result_columns("答复单位"), [_shares(cell, counts) for cell, counts in rows]),
    )


def topics_section(topics: TopicComparison | None) -> StatSection | None:
    """Topics rising and falling; None where the last two complete years hold too few replies to compare."""
    if topics is None:
        return None
    before, after = topics.before_year, topics.after_year
    changes = topics.rising + topics.falling[::-1]  # the largest rise first, the largest fall last
    title = f"{COUNTED}中主题词所占比例的变化：{after} 年比 {before} 年"
    search = reverse("search:search")
    return StatSection(
        slug="topics", heading="上升和下降的主题",
        counted=f"{COUNTED}中，{before} 年的 {topics.before_replies} 件和 {after} 年的 {topics.after_replies} 件里，"
        "含有某个主题词的答复所占的比例，以及它变化了多少个百分点。",
        rule=f"比较最近两个完整年份（{before} 年和 {after} 年，当年还在答复中，不比较）。主题词由系统从每件答复的"
        f"标题和正文中自动提取，每件至多 8 个；只比较两年合计至少有 {MIN_REPLIES} 件答复含有的词，"
        f"列出比例上升和下降最多的各 {SHOWN} 个。",
        chart=diverging_chart(title, [(topic.word, topic.change) for topic in changes], series=("上升", "下降"),
                              palette="change"),
        table=Table(title, [Column("主题词"), Column(f"{before} 年", share=True), Column(f"{after} 年", share=True),
                            Column("变化（百分点）")], [
            [label_cell(topic.word, SearchParams().url(path=search, q=topic.word)),
             share_cell(topic.before, topics.before_replies), share_cell(topic.after, topics.after_replies),
             points_cell(topic.change)]
            for topic in changes
        ]),
    )


COMMITMENT_COUNTS = [("made", "作出的承诺"), ("dated", "写明完成期限的"), ("past_due", "期限已到的"),
                     ("followed_up", "有后续答复的")]


def commitments_section(counts: dict) -> StatSection | None:
    """What the replies promised (``commitments.stats.commitment_counts``): made, dated, past due and followed up;
    None where no commitment was read."""
    total = counts["total"]
    if not total["made"]:
        return None
    title = f"{COUNTED}中的承诺（下一步工作逐项计）"
    names = [name for _, name in COMMITMENT_COUNTS]
    rows = [[_year_cell(row["year"])] + [count_cell(row[key]) for key, _ in COMMITMENT_COUNTS]
            for row in sorted(counts["by_year"], key=lambda row: (row["year"] is None, row["year"] or 0))]
    rows.append([label_cell("合计")] + [count_cell(total[key]) for key, _ in COMMITMENT_COUNTS])
    return StatSection(
        slug="commitments", heading="承诺和后续答复",
        counted=f"{COUNTED}的“下一步”部分里单项的承诺（一是、二是……各计一项），按答复年份；"
        "写明完成期限的，期限按答复日期推算；有后续答复的，指同一单位此后就同一或相关建议提案又有公开答复。",
        rule="承诺和期限由系统从答复正文自动读出，可能有遗漏或误读；期限已到不等于没有办成。",
        chart=stacked_chart(title, ["承诺"], [(name, [total[key]]) for key, name in COMMITMENT_COUNTS],
                            palette="single", unit="项"),
        table=Table(title, [Column("答复年份")] + [Column(name) for name in names], rows),
    )


def raised_issues_section(issues: list) -> StatSection | None:
    """The issues raised most often (``repeats.stats.largest_groups``); None where no issue was raised twice."""
    if not issues:
        return None
    title = "本档案收录的、有公开答复的建议提案中，提出次数最多的问题"
    return StatSection(
        slug="issues", heading="提出次数最多的问题",
        counted="本档案收录的、至少有一件公开答复的建议提案，按所提问题自动归组：同一问题在不同年份、不同地区提出的"
        "建议提案合为一组，每件建议提案计一次。",
        rule="归组由系统按标题和正文的相似程度自动完成，可能有误；每组以最有代表性的标题命名。",
        chart=stacked_chart(title, ["建议提案"], [(issue.label, [issue.proposals]) for issue in issues],
                            palette="single"),
        table=Table(title, [Column("问题"), Column("建议提案（件）"), Column("涉及地区（个）")], [
            [label_cell(issue.label, issue.url), count_cell(issue.proposals), count_cell(issue.places)]
            for issue in issues
        ]),
    )
