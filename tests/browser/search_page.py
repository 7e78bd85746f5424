"""Steps on the search page that differ by width."""


def open_filters(page):
    """The facets, in view: on a phone they are in the 筛选 (n) drawer above the hits, opened here; on a desktop
    they are beside the hits already."""
    drawer = page.locator(".filters > summary")
    if drawer.is_visible():
        drawer.click()
    return page.get_by_role("complementary", name="按条件筛选")
