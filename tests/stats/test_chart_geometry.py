"""The row charts' geometry (archive/charts.py): pure functions, no database and no template."""

from archive.charts import ROW_CHART_WIDTH, ROW_HEIGHT, diverging_chart, fit_label, stacked_chart, text_width

RESULTS = ["已解决/基本解决", "正在解决", "列入计划", "留作参考/暂不能解决", "未注明"]


def widths(row):
    return [(segment.series, segment.width) for segment in row.segments]


def test_a_share_bar_fills_the_width_in_proportion_and_skips_empty_classes():
    chart = stacked_chart("办理结果", RESULTS, [("资阳市教育和体育局", [3, 0, 1, 0, 0])], palette="results",
                          percent=True)

    assert widths(chart.rows[0]) == [(0, 240), (2, 80)]
    assert [segment.text for segment in chart.rows[0].segments] == ["75%", "25%"]
    assert chart.rows[0].note == "4 件"


def test_share_edges_are_rounded_from_the_running_total_so_the_widths_add_up_exactly():
    rows = [("长春市教育局", [1, 1, 1, 0, 0]), ("信阳市教育体育局", [7, 5, 3, 2, 1])]
    chart = stacked_chart("办理结果", RESULTS, rows, palette="results", percent=True)

    for row in chart.rows:
        assert sum(segment.width for segment in row.segments) == ROW_CHART_WIDTH
        assert [s.x for s in row.segments] == [sum(t.width for t in row.segments[:i]) for i in range(len(row.segments))]


def test_a_segment_too_narrow_for_its_percent_draws_no_text():
    chart = stacked_chart("办理结果", RESULTS, [("信阳市", [98, 0, 0, 2, 0])], palette="results", percent=True)

    assert [segment.text for segment in chart.rows[0].segments] == ["98%", ""]


def test_count_bars_share_one_scale_and_a_single_reply_still_shows():
    chart = stacked_chart("按年份", ["人大", "政协"], [("2023", [300, 100]), ("2024", [100, 100]), ("2025", [0, 1])],
                          palette="bodies")

    assert widths(chart.rows[0]) == [(0, 240), (1, 80)]
    assert widths(chart.rows[1]) == [(0, 80), (1, 80)]
    assert sum(segment.width for segment in chart.rows[2].segments) == 2
    assert chart.height == 3 * ROW_HEIGHT
    assert [row.bar_y - row.label_y for row in chart.rows] == [5, 5, 5]  # each bar under its own label


def test_a_row_of_no_replies_has_no_bar():
    chart = stacked_chart("按年份", ["人大"], [("2024", [0])], palette="single")

    assert chart.rows[0].segments == [] and chart.rows[0].note == "0 件"


def test_a_long_agency_name_is_cut_short_before_it_reaches_its_total():
    name = "长春市人力资源和社会保障局农民工工作领导小组办公室综合协调处"
    chart = stacked_chart("答复单位", ["公开答复"], [(name, [1234])], palette="single")

    label = chart.rows[0].label
    assert label.endswith("…") and name.startswith(label[:-1])
    assert text_width(label) + text_width("1234 件") < ROW_CHART_WIDTH
    assert fit_label("资阳市教育和体育局", 200) == "资阳市教育和体育局"


def test_changes_grow_from_the_middle_rises_right_and_falls_left():
    chart = diverging_chart("主题", [("心理健康", 4.0), ("农村公路", -2.0), ("养老服务", 0.0)],
                            series=("上升", "下降"), palette="change")

    rise, fall, flat = chart.rows
    middle = ROW_CHART_WIDTH // 2
    assert widths(rise) == [(0, middle)] and rise.segments[0].x == middle
    assert widths(fall) == [(1, middle // 2)] and fall.segments[0].x + fall.segments[0].width == middle
    assert flat.segments == []
    assert [row.note for row in chart.rows] == ["+4.0 个百分点", "-2.0 个百分点", "+0.0 个百分点"]


def test_a_chart_describes_itself_in_words_for_screen_readers():
    chart = stacked_chart("按年份", ["人大", "政协"], [("2023", [3, 1]), ("2024", [2, 0])], palette="bodies")

    assert chart.description == "按年份：2023 4 件；2024 2 件"
