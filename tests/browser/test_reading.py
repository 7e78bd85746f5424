"""From the home page to a seed reply's section, at desktop and phone widths, in a real browser.

Each scenario is what a delegate or journalist does: search, narrow by a facet, open a reply and
jump to a section; or go by an agency's or a proposer's page. Screenshots of every step are saved.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.search_page import open_filters

pytestmark = pytest.mark.slow


def open_section(page, title_words, anchor):
    """Follow the reply's table-of-contents link and check the section is on screen."""
    page.locator("nav.toc").get_by_role("link", name=re.compile(title_words)).click()
    expect(page).to_have_url(re.compile(f"#{anchor}$"))
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()


def test_search_narrow_by_agency_open_reply_and_jump_to_a_section(site, page):
    page.goto(site + "/")
    box = page.get_by_label("关键词、建议提案编号、代表委员或单位名称")
    box.fill("心理")
    box.press("Enter")
    expect(page.locator(".hit")).to_have_count(5)
    page.shot("1-results")

    open_filters(page).get_by_role("link", name="资阳市教育和体育局").click()
    expect(page.locator(".hit")).to_have_count(1)
    expect(page.locator(".active-filters")).to_contain_text("资阳市教育和体育局")
    page.shot("2-narrowed")

    page.locator(".hit h2").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("构建学生心理健康长效机制的建议")
    expect(page).to_have_title(re.compile("资阳市教育和体育局"))
    open_section(page, "加强心育教师队伍建设", "s1-2")
    page.shot("3-section")


def test_a_search_hits_section_link_lands_on_that_section(site, page):
    page.goto(site + "/search/?q=家校沟通")
    page.locator(".hit .section-link").first.click()
    expect(page).to_have_url(re.compile(r"/replies/\d+/#s\d+(-\d+)?$"))
    anchor = page.url.rsplit("#", 1)[1]
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()
    page.shot("section")


def browse_from_home(page, site, link_name, heading):
    """Follow a browse link on the home page to an agency's or a person's page of one reply, then open it."""
    page.goto(site + "/")
    page.locator(".browse").get_by_role("link", name=link_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_role("heading", name="共 1 件公开答复")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("按年份："))).to_be_visible()
    page.shot("1-list")
    page.locator(".reply-list").get_by_role("link").first.click()


def test_agency_page_to_a_replys_section(site, page):
    browse_from_home(page, site, "信阳市教育体育局", "信阳市教育体育局")
    open_section(page, "家校沟通", "s9")
    page.shot("2-section")


def test_proposer_page_to_a_replys_next_steps(site, page):
    browse_from_home(page, site, "朱蓉代表", "朱蓉")
    open_section(page, "下一步工作", "next-steps")
    # The box lists what the letter promises and points to where the letter says it, in full.
    expect(page.locator("#commitments")).to_contain_text("大力推进慈溪市心理辅导中心建设")
    page.locator("#next-steps").get_by_role("link", name="正文中的这一段").click()
    expect(page.locator("#next-steps-text")).to_be_in_viewport()
    expect(page.locator("#next-steps-text")).to_contain_text("大力推进慈溪市心理辅导中心建设")
    page.shot("2-next-steps")


def test_a_delegate_copies_a_sections_link_and_the_citation(site, page):
    from archive.models import Reply

    url = site + Reply.objects.get(agency__name="资阳市教育和体育局").get_absolute_url()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(url)
    status = page.get_by_role("status")

    copy_link = page.locator('button[aria-describedby="s1-2"]')
    expect(copy_link).to_have_text("复制链接")
    copy_link.click()
    expect(status).to_have_text("已复制本节链接")
    assert page.evaluate("navigator.clipboard.readText()") == url + "#s1-2"
    page.get_by_role("button", name="复制引用").click()
    expect(status).to_have_text("已复制引用")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("资阳市教育和体育局关于市政协五届四次会议第0070号提案") and copied.endswith(url)
    if page.viewport_size["width"] < 640:
        assert copy_link.bounding_box()["height"] >= 44
    page.shot("copied")

    # Without JavaScript: the section's link to follow or copy, the citation to select.
    plain = page.context.browser.new_context(java_script_enabled=False)
    without_script = plain.new_page()
    without_script.goto(url)
    expect(without_script.locator('a.heading-link[href$="#s1-2"]')).to_have_text("本节链接")
    expect(without_script.locator(".citation")).to_contain_text("资教体函〔2024〕70号")
    plain.close()


def test_keyboard_reaches_the_letter_through_the_skip_link(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    page.keyboard.press("Tab")
    expect(page.locator("#home-q")).to_be_focused()
    page.shot("focus")


# Counted in the page: inputs no label names, and how far the page is wider than the screen.
UNLABELLED_INPUTS = """() => [...document.querySelectorAll('input:not([type=hidden]), select')]
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).length"""
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_every_page_fits_the_screen_with_landmarks_and_labelled_fields(site, page):
    from archive.models import Agency, Person, Reply

    reply = Reply.objects.get(agency__name="资阳市教育和体育局")
    paths = ["/", "/replies/", "/agencies/", "/search/?q=心理", reply.get_absolute_url(),
             Agency.objects.get(name="长春市教育局").get_absolute_url(),
             Person.objects.get(name="高海朋").get_absolute_url(),
             reply.proposal.get_absolute_url()]  # last: its screenshot is kept
    for path in paths:
        page.goto(site + path)
        assert page.locator("main").count() == 1, path
        assert page.locator("h1").count() == 1, path
        assert page.locator("header nav[aria-label]").count() == 1, path
        assert page.evaluate(UNLABELLED_INPUTS) == 0, path
        assert page.evaluate(OVERFLOW) <= 0, path
    page.shot("proposal")
