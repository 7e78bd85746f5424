"""``/sitemap.xml`` lists every public page with its last change, and nothing else; ``/robots.txt`` points to it."""

from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest

from archive.models import Reply
from archive.sitemaps import PublicPages

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOST = "http://testserver"


@pytest.fixture
def letters(make_reply):
    """Public letters of three places (a district, a city, another province's city) and two hidden ones."""
    return {
        "nansha": make_reply(agency="广州市南沙区教育局", title="关于南沙区学校建设的建议", proposers=("梁南沙",),
                             session="区政协第四届二次会议", role="委员"),
        "guangzhou": make_reply(agency="广州市教育局", title="关于广州市课后服务的建议", proposers=("陈广州",),
                                session="市政协十四届二次会议", role="委员"),
        "ziyang": make_reply(agency="资阳市教育和体育局", title="关于资阳市心理健康的建议", proposers=("罗资阳",),
                             session="市政协五届四次会议", role="委员"),
        "ziyang_joint": make_reply(agency="资阳市民政局", title="关于资阳市养老服务的建议",
                                   proposers=("李资阳", "罗资阳"), session="市政协五届四次会议", role="委员"),
        "draft": make_reply(agency="眉山市卫生健康委员会", title="关于眉山草稿的建议", proposers=("草稿人",),
                            session="市政协九届三次会议", role="委员", publish=False),
        "on_request": make_reply(agency="潍坊市生态环境局", title="关于潍坊依申请的建议", proposers=("依申请人",),
                                 session="市十八届人大二次会议", disclosure=Reply.Disclosure.ON_REQUEST),
    }


def entries(client, url="/sitemap.xml") -> dict[str, str]:
    """The sitemap's URLs (paths) and their lastmod."""
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{{{NS['sm']}}}urlset"
    urls = {}
    for url in root.findall("sm:url", NS):
        location = url.find("sm:loc", NS).text
        assert location.startswith(HOST)
        urls[location.removeprefix(HOST)] = url.find("sm:lastmod", NS).text
    return urls


def pages_of(reply) -> list[str]:
    """Every page a reply is shown on: its own, its proposal's, agency's, proposers' and its place's."""
    people = [link.person.get_absolute_url() for link in reply.proposal.proposer_links.all()]
    return [reply.get_absolute_url(), reply.proposal.get_absolute_url(), reply.agency.get_absolute_url(),
            reply.proposal.place.get_absolute_url(), *people]


def test_every_page_of_a_public_reply_is_listed(client, letters):
    listed = entries(client)

    for name in ["nansha", "guangzhou", "ziyang", "ziyang_joint"]:
        assert set(pages_of(letters[name])) <= set(listed), name
    # A place's page shows the replies of the places within it: the city above 南沙区 and both provinces.
    assert {"/places/440115/", "/places/440100/", "/places/440000/", "/places/512000/", "/places/510000/"} <= set(
        listed)


@pytest.mark.parametrize("hidden", ["draft", "on_request"])
def test_no_page_of_a_hidden_reply_is_listed(client, letters, hidden):
    listed = entries(client)

    assert not set(pages_of(letters[hidden])) & set(listed)
    assert "/places/370000/" not in listed  # 山东省: only the hidden 潍坊 letter is of it


def test_every_listed_url_answers_200(client, letters):
    for path in entries(client):
        assert client.get(path).status_code == 200, path


def test_each_page_carries_the_date_of_its_newest_public_reply(client, letters):
    def changed(reply, day):
        Reply.objects.filter(pk=reply.pk).update(updated_at=datetime(2025, 3, day, 4, tzinfo=UTC))

    changed(letters["nansha"], 1)
    changed(letters["guangzhou"], 9)
    changed(letters["ziyang"], 5)
    changed(letters["ziyang_joint"], 7)
    changed(letters["draft"], 20)  # newer, but nobody may see it: no date of it shows

    listed = entries(client)

    assert listed[letters["nansha"].get_absolute_url()] == "2025-03-01"
    assert listed["/places/440115/"] == "2025-03-01"
    assert listed["/places/440100/"] == "2025-03-09"  # its own letter is newer than its district's
    assert listed["/places/510000/"] == "2025-03-07"
    assert listed[letters["ziyang"].agency.get_absolute_url()] == "2025-03-05"
    luo = letters["ziyang"].proposal.proposer_links.get().person
    assert listed[luo.get_absolute_url()] == "2025-03-07"  # 罗资阳 co-signed the later 资阳 letter too


def test_past_the_limit_the_sitemap_is_an_index_of_pages_holding_the_same_urls(client, letters, monkeypatch):
    single = entries(client)
    monkeypatch.setattr(PublicPages, "limit", 2)

    response = client.get("/sitemap.xml")

    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    pages = [location.text.removeprefix(HOST) for location in root.findall("sm:sitemap/sm:loc", NS)]
    assert "/sitemap-replies.xml?p=2" in pages and "/sitemap-places.xml?p=3" in pages
    from_pages = {}
    for page in pages:
        part = entries(client, page)
        assert 1 <= len(part) <= 2
        from_pages |= part
    assert from_pages == single


def test_a_missing_section_or_page_is_a_404(client, letters):
    assert client.get("/sitemap-drafts.xml").status_code == 404
    assert client.get("/sitemap-replies.xml?p=9").status_code == 404
    assert client.get("/sitemap-replies.xml?p=x").status_code == 404


def test_the_sitemap_takes_as_many_queries_for_thirty_replies_as_for_three(client, make_reply,
                                                                          django_assert_max_num_queries):
    for n in range(3):
        make_reply(agency=f"资阳市第{n}局", proposers=(f"罗{n}",), session="市政协五届四次会议", role="委员")
    with django_assert_max_num_queries(20) as three:
        client.get("/sitemap.xml")
    for n in range(3, 30):
        make_reply(agency=f"广州市第{n}局", proposers=(f"陈{n}",), session="市政协十四届二次会议", role="委员")

    with django_assert_max_num_queries(len(three.captured_queries)):
        assert len(entries(client)) > 120


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin_api_search_and_exports(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {HOST}/sitemap.xml" in lines
    for rule in ["/admin/", "/api/", "/search/", "/search/export", "/*?format=", "/*&format="]:
        assert f"Disallow: {rule}" in lines
    assert "Disallow: /" not in lines  # the pages themselves stay open


def test_a_reply_withdrawn_after_the_sitemap_was_read_leaves_it_at_once(client, letters):
    # The pages are kept between requests (1.4 s to read at 100,000 replies); a change must not wait for them.
    assert letters["ziyang"].get_absolute_url() in entries(client)
    letters["ziyang"].status = Reply.Status.DRAFT  # 撤回
    letters["ziyang"].save()

    listed = entries(client)

    assert letters["ziyang"].get_absolute_url() not in listed
    assert letters["nansha"].get_absolute_url() in listed


def test_the_sitemap_index_and_its_pages_read_the_replies_once_until_a_change(client, letters, monkeypatch,
                                                                               django_assert_max_num_queries):
    monkeypatch.setattr(PublicPages, "limit", 2)
    client.get("/sitemap.xml")

    with django_assert_max_num_queries(2) as pages:  # the change counter, and nothing of the replies
        assert client.get("/sitemap-replies.xml?p=2").status_code == 200
    assert not any("archive_reply" in query["sql"] for query in pages.captured_queries)
