"""axe-core on every kind of page, public and the clerk's, at desktop and phone widths: nothing serious or critical."""

import pytest

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
    for path in public_paths():
        page.goto(site + path)
        found += [f"{path}: {violation}" for violation in serious_violations(page)]

    page.goto(f"{site}/admin/login/")
    found += [f"/admin/login/: {violation}" for violation in serious_violations(page)]
    page.fill("#id_username", "clerk")
    page.fill("#id_password", CLERK_PASSWORD)
    page.click("input[type=submit]")
    for path in ["/admin/archive/reply/", f"/admin/archive/reply/{Reply.objects.first().pk}/change/"]:
        page.goto(site + path)
        found += [f"{path}: {violation}" for violation in serious_violations(page)]
    page.shot("review")

    assert not found, "\n".join(found)
