"""What every /api/ door guarantees: only public replies, masked numbers, JSON errors, CORS for reads, the limit."""

import pytest

from archive.models import Reply
from tests.api.conftest import MOBILE, MOBILE_SHOWN, lead

pytestmark = pytest.mark.django_db

DETAIL_DOORS = {
    "reply": lambda reply: f"/api/v1/replies/{reply.pk}/",
    "proposal": lambda reply: f"/api/v1/proposals/{reply.proposal_id}/",
    "agency": lambda reply: f"/api/v1/agencies/{reply.agency_id}/",
    "person": lambda reply: f"/api/v1/people/{lead(reply).pk}/",
    "place": lambda reply: f"/api/v1/places/{reply.proposal.place.code}/",
}


@pytest.fixture
def hidden(make_reply):
    """A draft and an 依申请公开 reply, each of its own city, agency, proposer and proposal."""
    return {
        "draft": make_reply(title="关于眉山草稿的建议", agency="眉山市教育局", proposers=("草稿人",), publish=False),
        "依申请公开": make_reply(title="关于潍坊依申请的建议", agency="潍坊市教育局", proposers=("申请人",),
                            disclosure=Reply.Disclosure.ON_REQUEST),
    }


@pytest.mark.parametrize("door", DETAIL_DOORS)
@pytest.mark.parametrize("which", ["draft", "依申请公开"])
def test_a_hidden_reply_is_a_404_exactly_like_a_missing_one(client, cities, hidden, door, which):
    response = client.get(DETAIL_DOORS[door](hidden[which]))
    missing = client.get(f"/api/v1/replies/{10**17}/")

    assert response.status_code == missing.status_code == 404
    assert response.json() == missing.json()


@pytest.mark.parametrize("door", [d for d in DETAIL_DOORS if d != "reply"])
def test_a_hidden_reply_beside_a_public_one_is_in_no_list_or_count(client, cities, make_reply, door):
    public = cities["资阳市"]
    for fields in ({"publish": False}, {"disclosure": Reply.Disclosure.ON_REQUEST}):
        make_reply(title=public.proposal.title, agency="资阳市教育和体育局", proposers=("王强", "罗大成"),
                   role="委员", session="市政协五届四次会议", number="0070", date="2025-02-01", **fields)

    record = client.get(DETAIL_DOORS[door](public)).json()

    if door == "proposal":  # a proposal lists its replies; an agency, a person and a place count them too
        assert [reply["id"] for reply in record["replies"]] == [public.pk]
    else:
        assert [reply["id"] for reply in record["newest_replies"]] == [public.pk]
        assert record["counts"]["replies"] == 1


def test_a_personal_mobile_number_is_masked_in_every_field_of_a_reply(client, make_reply):
    reply = make_reply(
        agency="资阳市教育和体育局", title=f"关于联系{MOBILE}的建议", contact_name="王芳", contact_phone=MOBILE,
        sections=[(1, "一", f"联系人：王芳{MOBILE}")], next_steps=f"请致电{MOBILE}。", cc=[f"王芳{MOBILE}"],
        body_text=f"朱蓉代表：\n您的建议收悉。联系电话{MOBILE}。",
    )

    for url in (f"/api/v1/replies/{reply.pk}/", f"/api/v1/proposals/{reply.proposal_id}/",
                f"/api/v1/agencies/{reply.agency_id}/"):
        text = client.get(url).content.decode()
        assert MOBILE not in text and MOBILE_SHOWN in text, url
    record = client.get(f"/api/v1/replies/{reply.pk}/").json()
    assert record["contact_phone"] == MOBILE_SHOWN
    assert record["sections"][0]["title"] == f"联系人：王芳{MOBILE_SHOWN}"


def test_the_search_api_masks_every_field_as_the_records_do(client, make_reply, indexed, search_index):
    # /api/v1/search/ masked the title only: a number written into a proposer's name or a session showed whole.
    with indexed():
        make_reply(agency="资阳市教育和体育局", proposers=(f"王芳{MOBILE}",), session=f"市政协{MOBILE}会议",
                   title="关于社区食堂的建议", body_text="王芳委员：\n您的建议收悉。社区食堂。")

    response = client.get("/api/v1/search/", {"q": "社区食堂"})

    assert MOBILE not in response.content.decode() and MOBILE_SHOWN in response.content.decode()
    assert response.json()["results"][0]["proposers"] == [f"王芳{MOBILE_SHOWN}"]


@pytest.mark.parametrize("url", [
    "/api/v1/replies/99999999999999999999/", "/api/v1/replies/abc/", "/api/v1/replies/-1/", "/api/v1/replies/1.5/",
    "/api/v1/proposals/%E4%B8%80/", "/api/v1/agencies/0x10/", "/api/v1/people/1e3/", "/api/v1/places/abc/",
    "/api/v1/places/" + "9" * 500 + "/", "/api/v1/nothing/", "/api/v2/replies/1/",
])
def test_a_hostile_or_unknown_path_is_a_json_404(client, cities, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "没有这条公开记录" in response.json()["detail"]


def test_a_path_without_its_slash_is_sent_to_the_one_with_it(client, cities):
    response = client.get(f"/api/v1/replies/{cities['资阳市'].pk}")

    assert response.status_code == 301 and response["Location"].endswith("/")


def test_the_api_only_reads(client, cities):
    response = client.post(f"/api/v1/replies/{cities['资阳市'].pk}/", {"title": "改"})

    assert response.status_code == 405
    assert "只读" in response.json()["detail"] and response["Allow"] == "GET, HEAD"


# ---- CORS: open for reads on /api/ only --------------------------------------------------------------------------

ORIGIN = {"HTTP_ORIGIN": "https://newsroom.example"}


@pytest.mark.parametrize("url", ["/api/v1/search/?q=心理", "reply", "/api/search/", "/api/v1/replies/abc/"])
def test_an_api_read_may_be_made_from_any_site(client, cities, url):
    url = DETAIL_DOORS["reply"](cities["资阳市"]) if url == "reply" else url

    response = client.get(url, **ORIGIN)

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert response["Access-Control-Expose-Headers"] == "Retry-After"


def test_a_browser_preflight_is_told_only_get(client, db):
    response = client.options("/api/v1/search/", **ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, OPTIONS"


@pytest.mark.parametrize("url", ["/", "/search/?q=心理", "reply page", "/agencies/"])
def test_pages_for_people_are_not_opened_to_other_sites(client, cities, url):
    url = cities["资阳市"].get_absolute_url() if url == "reply page" else url

    response = client.get(url, **ORIGIN)

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("url", ["/api/v1/search/", "reply"])
def test_a_post_to_the_api_gets_no_cors_headers(client, cities, url):
    url = DETAIL_DOORS["reply"](cities["资阳市"]) if url == "reply" else url

    response = client.post(url, **ORIGIN)

    assert response.status_code == 405
    assert "Access-Control-Allow-Origin" not in response


# ---- the per-client limit ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("door", DETAIL_DOORS)
def test_the_limit_applies_to_every_detail_door(client, cities, settings, door):
    settings.SEARCH_API_RATE_LIMIT = 2
    url = DETAIL_DOORS[door](cities["长春市"])

    statuses = [client.get(url).status_code for _ in range(3)]
    refused = client.get(url, **ORIGIN)

    assert statuses == [200, 200, 429]
    assert "请求过于频繁" in refused.json()["detail"]
    assert refused["Retry-After"] == "60"
    assert refused["Access-Control-Allow-Origin"] == "*"  # a script in a browser can read why, and wait


def test_searches_and_records_share_one_limit_and_errors_count_too(client, cities, settings):
    settings.SEARCH_API_RATE_LIMIT = 3

    statuses = [client.get(url).status_code for url in (
        "/api/v1/search/?q=心理", "/api/v1/replies/abc/", f"/api/v1/replies/{cities['资阳市'].pk}/", "/api/search/")]

    assert statuses == [200, 404, 200, 429]
    assert client.get("/api/").status_code == 200  # the documentation is not an API call
