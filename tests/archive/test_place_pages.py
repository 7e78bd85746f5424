"""Place pages: a province, city or county with its agencies, sessions, counts and newest replies."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


@pytest.fixture
def guangzhou(make_reply):
    return [
        make_reply(agency="广州市南沙区教育局", title="关于南沙区学校建设的建议", session="区政协第四届二次会议"),
        make_reply(agency="广州市教育局", title="关于广州市课后服务的建议", session="市政协十四届二次会议"),
        make_reply(agency="资阳市教育和体育局", title="关于资阳市心理健康的建议", session="市政协五届四次会议"),
        make_reply(agency="广州市卫生健康委员会", title="关于广州草稿的建议", session="市政协十四届二次会议",
                   publish=False),
    ]


def test_a_city_page_lists_its_agencies_sessions_and_replies_including_its_districts(client, guangzhou):
    response = client.get("/places/440100/")
    assertContains(response, "<h1>广州市</h1>", html=True)
    for text in ["广州市南沙区教育局", "广州市教育局", "区政协第四届二次会议", "市政协十四届二次会议",
                 "关于南沙区学校建设的建议", "关于广州市课后服务的建议", "南沙区"]:
        assertContains(response, text)
    assertNotContains(response, "资阳市")
    assertNotContains(response, "广州草稿")


def test_a_place_with_only_hidden_replies_answers_404(client, make_reply):
    make_reply(agency="眉山市教育局", title="关于眉山草稿的建议", publish=False)
    assert client.get("/places/511400/").status_code == 404
    assert client.get("/places/999999/").status_code == 404


def test_the_place_list_counts_each_level_and_leaves_out_places_without_public_replies(client, guangzhou):
    response = client.get("/places/")
    rows = {place.name: count for place, count in response.context["rows"]}
    assert rows == {"广东省": 2, "广州市": 2, "南沙区": 1, "四川省": 1, "资阳市": 1}


def test_the_reply_page_names_and_links_its_place(client, guangzhou):
    response = client.get(guangzhou[0].get_absolute_url())
    assertContains(response, '<a href="/places/440115/">广东省 › 广州市 › 南沙区</a>', html=True)
