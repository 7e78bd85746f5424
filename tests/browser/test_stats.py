"""The statistics page in a real browser: its charts beside their tables, on a desktop and on a 360 px phone."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.slow

OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_statistics_charts_and_tables_fit_the_screen(site, page):
    from django.core.management import call_command

    from repeats.models import RepeatGroup

    call_command("group_repeats", verbosity=0)  # the five seeds: one issue raised in five places
    group = RepeatGroup.objects.get()
    page.goto(site + "/")
    page.locator("header nav").get_by_role("link", name="统计").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("统计")
    by_year = "本档案收录的公开答复件数：按答复年份和人大/政协：2022 1 件；2023 1 件；2024 2 件；未注明日期 1 件"
    expect(page.get_by_role("img", name=by_year)).to_be_visible()
    expect(page.get_by_role("region", name="本档案收录的公开答复件数最多的 5 个答复单位（数据表）")).to_contain_text(
        "资阳市教育和体育局"
    )
    issues = page.get_by_role("region", name="本档案收录的、有公开答复的建议提案中，提出次数最多的问题（数据表）")
    first = issues.locator("tbody tr").first  # the issue, its 5 proposals, its 5 places
    expect(first.get_by_role("rowheader")).to_have_text(group.label)
    expect(first.get_by_role("link", name=group.label)).to_have_attribute("href", group.get_absolute_url())
    expect(first.locator("td")).to_have_text(["5", "5"])
    if page.viewport_size["width"] < 400:
        page.set_viewport_size({"width": 360, "height": 780})  # the narrowest phone the page is made for
    assert page.evaluate(OVERFLOW) <= 0
    page.shot("page")
