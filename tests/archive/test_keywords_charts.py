"""Topic keywords kept per reply, and the bar charts of the agency and proposer pages."""

import pytest

from archive.charts import BAR_AREA, bar_chart
from archive.text_analysis import extract_keywords


@pytest.mark.django_db
def test_keywords_name_the_topic_not_the_genre_or_the_place():
    words = extract_keywords(
        "构建学生心理健康长效机制的建议",
        "资阳市教育和体育局答复：我局高度重视学生心理健康工作，配备心理教师，建设心理辅导室，"
        "开展心理健康教育培训。市教体局将继续推进心理健康教育工作，增配心理教师。",
    )

    assert "心理健康" in words and "心理教师" in words
    assert not {"工作", "建议", "我局", "资阳市", "教体局"} & set(words)
    assert len(words) <= 8


def test_make_reply_keeps_keywords_on_the_reply(make_reply):
    reply = make_reply(title="关于增配心理教师的建议", body_text="心理教师 心理辅导室 配备。")

    assert "心理教师" in reply.keywords


def test_extract_keywords_command_refreshes_stale_keywords(make_reply):
    from django.core.management import call_command

    from archive.models import Reply

    reply = make_reply(title="关于增配心理教师的建议", body_text="心理教师 心理辅导室 配备 心理教师。")
    Reply.objects.filter(pk=reply.pk).update(keywords=["过时"])

    call_command("extract_keywords", "--dry-run", verbosity=0)
    assert Reply.objects.get(pk=reply.pk).keywords == ["过时"]
    call_command("extract_keywords", verbosity=0)
    assert "心理教师" in Reply.objects.get(pk=reply.pk).keywords



def test_bar_chart_scales_to_the_largest_count_and_keeps_small_bars_visible():
    chart = bar_chart("按年份", [("2024", 40), ("2023", 1), ("2022", 20)])

    assert [bar.width for bar in chart.bars] == [BAR_AREA, 5, BAR_AREA // 2]
    assert chart.height == 3 * (chart.bars[1].row_y - chart.bars[0].row_y)
    assert chart.description == "按年份：2024 40 件；2023 1 件；2022 20 件"


def test_bar_chart_of_nothing_is_empty():
    assert bar_chart("按年份", []).bars == []
