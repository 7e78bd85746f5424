"""Each persona's task, walked in a real browser at desktop and phone widths, a screenshot at each step.

A delegate finds a past reply by its number and copies its citation; a journalist narrows a 30-reply OR search by a
province and two years and opens 更多 on the agencies; a clerk corrects a proposer on the review page and publishes.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import serious_violations
from tests.browser.search_page import open_filters

pytestmark = pytest.mark.slow


def facet(page, label):
    """The facet headed ``label``, its drawer opened on a phone."""
    heading = page.get_by_role("heading", name=label, exact=True)
    return open_filters(page).locator(".facet").filter(has=heading)


def test_a_journalist_narrows_an_or_search_by_a_province_and_two_years(thirty_replies, page):
    page.goto(thirty_replies + "/search/")
    box = page.get_by_label("检索词")
    box.fill("养老 or 道路")  # typed as people type it: a lowercase or
    box.press("Enter")
    count = page.locator(".count")
    expect(count).to_contain_text("共 30 件答复")
    page.shot("1-or-search")

    facet(page, "地区").get_by_role("link", name="广东省").click()
    expect(count).to_contain_text("共 18 件答复")
    facet(page, "年份").get_by_role("link", name="2023年").click()
    facet(page, "年份").get_by_role("link", name="2024年").click()
    expect(count).to_contain_text("共 16 件答复")
    expect(page.get_by_role("list", name="已选条件")).to_contain_text("广东省")
    expect(page.get_by_role("link", name="去掉条件 年份：2023年")).to_be_visible()
    expect(page.get_by_role("link", name="去掉条件 年份：2024年")).to_be_visible()
    page.shot("2-narrowed")

    agencies = facet(page, "答复单位")
    expect(agencies.locator("ul").first.get_by_role("link")).to_have_count(12)
    agencies.get_by_text("更多（4）").click()
    more = agencies.locator(".facet-more li")
    expect(more).to_have_count(4)
    expect(more.last).to_be_visible()
    assert serious_violations(page) == []  # the drawer and 更多 open
    page.shot("3-more-agencies")
