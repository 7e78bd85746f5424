"""axe-core on every kind of page, public and the clerk's, at desktop and phone widths: nothing serious or critical."""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import serious_violations
from tests.conftest import CLERK_PASSWORD

pytestmark = pytest.mark.slow


def public_paths():
    from archive.models import Agency, Person, Place, Reply

    reply = Reply.objects.get(agency__name="资阳市教育和体育局")
    return [
        "/", "/replies/", reply.get_absolute_url(), reply.proposal.get_absolute_url(),
        "/agencies/", Agency.objects.get(name="长春市教育局").get_absolute_url(),
        Person.objects.get(name="高海朋").get_absolute_url(),
        "/places/", Place.objects.filter(proposals__isnull=False).first().get_absolute_url(),
        "/search/", "/search/?q=心理&year=2024", "/search/?q=没有这样的答复", "/stats/", "/api/", "/data/",
    ]


def test_no_page_has_a_serious_accessibility_violation(site, page, clerk):
    from archive.models import Reply

    found = []

    def check(path):
        page.goto(site + path)
        found.extend(f"{path}: {violation}" for violation in serious_violations(page))

    for path in public_paths():
        check(path)
    withdrawn = Reply.objects.get(agency__name="信阳市教育体育局")
    withdrawn.status = Reply.Status.DRAFT
    withdrawn.save()
    check(withdrawn.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("已撤回")  # the 410 page

    check("/admin/login/")
    page.fill("#id_username", "clerk")
    page.fill("#id_password", CLERK_PASSWORD)
    page.click("input[type=submit]")
    check("/admin/archive/reply/")
    check(f"/admin/archive/reply/{withdrawn.pk}/change/")
    page.shot("review")

    assert not found, "\n".join(found)
