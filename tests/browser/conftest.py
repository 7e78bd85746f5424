"""A real headless Chromium (Debian's package, driven by Playwright) against the live test server.

One browser for the browser tests; each test gets fresh pages at the widths it asks for and the seed
replies, loaded and indexed. Screenshots go to ``test-artifacts/screenshots/`` for people to look at.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"浏览器测试需要 {CHROMIUM}：请运行 scripts/install_browser.sh（make test 会自动运行）。", pytrace=False
        )
    from playwright.sync_api import sync_playwright

    shutil.rmtree(SCREENSHOTS, ignore_errors=True)  # only this run's pictures
    SCREENSHOTS.mkdir(parents=True)

    # Playwright's sync API keeps an event loop in this thread, which Django takes for async code;
    # the test's own database calls are synchronous. Allowed only while the browser lives.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                # No sandbox as root in a container; nothing that phones home during a test.
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                      "--disable-sync", "--no-first-run"],
            )
            yield chromium
            chromium.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def site(live_server, search_index):
    """The live server's URL, serving the five seed replies, indexed."""
    from django.core.management import call_command

    call_command("loaddata", "seed_replies", verbosity=0)  # commits: the queue drains into the index
    return live_server.url


@pytest.fixture
def thirty_replies(site, make_reply):
    """The seed replies and thirty more on 养老 or 道路 (tests/browser/corpus.py), indexed."""
    from django.db import transaction

    from tests.browser import corpus

    with transaction.atomic():  # one commit: the index takes them in one write
        corpus.seed(make_reply)
    return site


@pytest.fixture(params=list(WIDTHS))
def page(request, browser):
    """A page at desktop or phone width; ``page.shot(name)`` saves a full-page screenshot."""
    width = request.param
    context = browser.new_context(viewport=WIDTHS[width], locale="zh-CN", is_mobile=width == "phone",
                                  has_touch=width == "phone")
    context.set_default_timeout(5_000)
    new_page = context.new_page()
    test_name = request.node.originalname.removeprefix("test_")

    def shot(step):
        new_page.screenshot(path=SCREENSHOTS / f"{test_name}-{step}-{width}.png", full_page=True)

    new_page.shot = shot
    yield new_page
    context.close()
