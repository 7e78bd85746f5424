"""The search page on a phone: one search box, the filters behind 筛选 (n) above the hits, targets a thumb can tap."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, WIDTHS
from tests.browser.corpus import QUERY
from tests.browser.search_page import open_filters

pytestmark = pytest.mark.slow
PHONE = pytest.mark.parametrize("page", ["phone"], indirect=True)
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
# The page's controls (links in running text aside) that are smaller than 44×44 px, the size a finger needs.
SMALL_TARGETS = """() => [...document.querySelectorAll(`.site-nav a, .search-form summary, .search-form button,
        .active-filters a, .filters summary, .facets a, .facet-filter, .pagination a`)]
    .filter(el => el.checkVisibility())
    .map(el => [el.textContent.trim(), el.getBoundingClientRect()])
    .filter(([, box]) => box.width < 44 || box.height < 44)
    .map(([text, box]) => `${text}: ${Math.round(box.width)}×${Math.round(box.height)}`)"""


def top(locator):
    return locator.bounding_box()["y"]


def bottom(locator):
    box = locator.bounding_box()
    return box["y"] + box["height"]


def test_the_home_and_search_pages_have_one_search_box_each(site, page):
    for path in ["/", "/search/?q=心理"]:
        page.goto(site + path)
        expect(page.locator("input[name=q]:visible")).to_have_count(1)
    expect(page.get_by_label("检索词")).to_have_value("心理")


@PHONE
def test_on_a_phone_the_filters_open_from_above_the_hits(site, page):
    page.goto(site + "/search/?q=心理&year=2024")
    toggle = page.get_by_text("筛选（1）")
    facets = page.get_by_role("complementary", name="按条件筛选")
    first_hit = page.locator(".hit").first
    expect(facets).to_be_hidden()
    assert bottom(toggle) <= top(first_hit)
    page.shot("1-closed")

    toggle.click()
    expect(facets).to_be_visible()
    assert bottom(facets) <= top(first_hit)
    page.shot("2-open")


def test_without_scripts_a_phone_shows_the_filters_between_the_count_and_the_hits(site, browser):
    context = browser.new_context(viewport=WIDTHS["phone"], locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/search/?q=心理")
    facets = page.get_by_role("complementary", name="按条件筛选")
    expect(facets).to_be_visible()
    assert bottom(page.locator(".count")) <= top(facets)
    assert bottom(facets) <= top(page.locator(".hit").first)
    page.screenshot(path=SCREENSHOTS / "filters_without_scripts-page-phone.png", full_page=True)
    context.close()


@PHONE
def test_a_phones_controls_are_big_enough_to_tap_and_the_page_fits_360_px(thirty_replies, page):
    page.set_viewport_size({"width": 360, "height": 780})  # the narrowest phone the site is made for
    page.goto(f"{thirty_replies}/search/?q={QUERY}&body=人大")
    expect(page.locator(".hit")).to_have_count(20)
    assert page.evaluate(SMALL_TARGETS) == []  # the header's links, the chosen filter's ×, 筛选, the pages
    open_filters(page).locator(".facet", has_text="答复单位").get_by_text("更多").click()
    assert page.evaluate(SMALL_TARGETS) == []  # the facets' values, 更多 and its find box
    assert page.evaluate(OVERFLOW) <= 0
    page.shot("360")
