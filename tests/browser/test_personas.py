"""Each persona's task, walked in a real browser at desktop and phone widths, a screenshot at each step.

A delegate finds a past reply by its number and copies its citation; a journalist narrows a 30-reply OR search by a
province and two years and opens 更多 on the agencies; a clerk corrects a proposer on the review page and publishes.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import serious_violations
from tests.browser.search_page import open_filters
from tests.conftest import CLERK_PASSWORD

pytestmark = pytest.mark.slow


def facet(page, label):
    """The facet headed ``label``, its drawer opened on a phone."""
    heading = page.get_by_role("heading", name=label, exact=True)
    return open_filters(page).locator(".facet").filter(has=heading)


def test_a_delegate_finds_a_past_reply_by_its_number_and_copies_its_citation(site, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(site + "/")
    box = page.get_by_label("关键词、建议提案编号、代表委员或单位名称")
    box.fill("第0070号" if page.viewport_size["width"] > 600 else "0070")  # as written in the letter, or bare
    box.press("Enter")
    hit = page.locator(".hit").first
    expect(hit.get_by_role("heading")).to_have_text("构建学生心理健康长效机制的建议")
    expect(hit.locator(".proposal-meta")).to_contain_text("政协提案")
    expect(hit.locator(".proposal-meta")).to_contain_text("第0070号")
    page.shot("1-found")

    hit.get_by_role("heading").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("构建学生心理健康长效机制的建议")
    page.get_by_role("button", name="复制引用").click()
    expect(page.get_by_role("status")).to_have_text("已复制引用")
    citation = page.evaluate("navigator.clipboard.readText()")
    assert citation.startswith("资阳市教育和体育局关于市政协五届四次会议第0070号提案")
    assert citation.endswith(page.url)
    assert serious_violations(page) == []
    page.shot("2-citation-copied")


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


# A draft whose letter misprints its proposer's name: 罗大城 for 罗大成.
MISPRINTED = """资阳市民政局关于市政协五届四次会议第0071号提案的答复
罗大城委员：
您提出的《关于发展社区养老服务的建议》收悉。现答复如下：
一、工作情况
我局高度重视，成立了工作专班。
二、下一步工作打算
我局将继续完善相关机制。
资阳市民政局
2024年6月28日"""


def test_a_clerk_corrects_a_proposer_on_the_review_page_and_publishes(live_server, search_index, clerk, page):
    from archive.ingest import import_text

    draft = import_text(MISPRINTED).reply
    page.goto(f"{live_server.url}/admin/login/?next=/admin/archive/reply/{draft.pk}/change/")
    page.get_by_label("用户名").fill("clerk")
    page.get_by_label("密码").fill(CLERK_PASSWORD)
    page.get_by_role("button", name="登录").click()

    proposers = page.get_by_label(re.compile("^提出人[:：]?$"))
    expect(proposers).to_have_value("罗大城")
    proposers.fill("罗大成")
    assert serious_violations(page) == []
    page.shot("1-corrected")
    page.get_by_role("button", name="保存并发布").click()

    expect(page.locator(".messagelist")).to_contain_text("已发布")
    assert serious_violations(page) == []
    page.shot("2-published")
    page.get_by_role("link", name="查看公开页面").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("关于发展社区养老服务的建议")
    expect(page.locator(".fields")).to_contain_text("罗大成")
    page.shot("3-public-page")
