"""The admin a clerk works in: every page loads, and the list shows what a clerk checks."""

import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/archive/reply/",
        "/admin/archive/reply/add/",
        "/admin/archive/reply/?status__exact=published&year=2024",
        "/admin/archive/reply/?q=心理",
        "/admin/archive/proposal/",
        "/admin/archive/agency/",
        "/admin/archive/agency/add/",
        "/admin/archive/person/",
        "/admin/archive/session/",
    ],
)
def test_admin_page_loads_for_staff(staff_client, seed_replies, url):
    assert staff_client.get(url).status_code == 200


def test_reply_list_shows_title_agency_lead_proposer_date_result_and_status(staff_client, seed_replies):
    response = staff_client.get("/admin/archive/reply/")

    expected = ["降低中小学生学习负担，增强孩子心理健康", "信阳市教育体育局", "高海朋", "2024年7月2日",
                "已解决/基本解决", "已发布"]
    for text in expected:
        assertContains(response, text)


def test_reply_change_page_shows_the_sections_in_order(staff_client, seed_replies):
    from archive.models import Reply

    reply = Reply.objects.get(agency__name="长春市教育局")

    page = staff_client.get(f"/admin/archive/reply/{reply.pk}/change/").content.decode()

    assert page.index("加强工作指导") < page.index("深化理想信念教育") < page.index("构建干预机制")


def test_admin_requires_login(client):
    response = client.get("/admin/archive/reply/")

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
