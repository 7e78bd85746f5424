"""Atom feeds as a feed reader sees them: read with feedparser, the parser feed readers are built on."""

import re
from urllib.parse import quote

import feedparser
import pytest

from archive.models import Agency, Person, Place, Reply

pytestmark = pytest.mark.usefixtures("search_index")

WORD = "湿地"


@pytest.fixture
def letters(make_reply, indexed):
    """Letters of two cities, each on a different day; one of 资阳市's quotes a personal mobile number."""
    with indexed():
        return {
            "older": make_reply(title=f"关于保护{WORD}鸟类的建议", agency="资阳市林业局", proposers=("罗大成",),
                                date="2024-03-01", body_text="罗大成代表：\n您提出的建议收悉。联系电话13912345678。"),
            "newer": make_reply(title=f"关于{WORD}公园建设的建议", agency="资阳市林业局", proposers=("周敏",),
                                date="2024-09-15"),
            "newest": make_reply(title=f"关于{WORD}水质监测的建议", agency="眉山市生态环境局", proposers=("李华",),
                                 date="2025-01-10"),
            "draft": make_reply(title=f"关于{WORD}草稿的建议", agency="资阳市林业局", proposers=("罗大成",),
                                date="2025-02-01", publish=False),
            "on request": make_reply(title=f"关于{WORD}依申请的建议", agency="资阳市林业局", proposers=("罗大成",),
                                     date="2025-03-01", disclosure=Reply.Disclosure.ON_REQUEST),
        }


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception  # well-formed, as a reader needs
    return feed


def titles(feed):
    return [entry.title for entry in feed.entries]


def test_a_feed_reader_reads_an_agencys_feed_newest_first(client, letters):
    agency = Agency.objects.get(name="资阳市林业局")

    feed = read(client, f"/agencies/{agency.pk}/feed/")

    assert feed.version == "atom10"
    assert feed.feed.title.startswith("资阳市林业局的答复")
    assert feed.feed.link == f"http://testserver{agency.get_absolute_url()}"
    assert titles(feed) == [f"关于{WORD}公园建设的建议", f"关于保护{WORD}鸟类的建议"]
    newer = feed.entries[0]
    assert newer.link == f"http://testserver{letters['newer'].get_absolute_url()}"
    assert newer.id == newer.link
    assert newer.author == "资阳市林业局"
    assert newer.published == "2024-09-15T00:00:00+08:00"  # the letter's date, in the archive's time zone
    assert newer.updated_parsed is not None


def test_an_entry_has_the_opening_of_the_letter_masked(client, letters):
    agency = Agency.objects.get(name="资阳市林业局")

    older = read(client, f"/agencies/{agency.pk}/feed/").entries[1]

    assert older.summary.startswith("罗大成代表： 您提出的建议收悉。")
    assert "139****5678" in older.summary and "13912345678" not in older.summary


def test_a_long_letter_is_cut_to_an_excerpt(client, make_reply, indexed):
    with indexed():
        make_reply(body_text="周敏代表：\n" + "湿地保护工作稳步推进。" * 100)

    entry = read(client, "/feeds/replies/").entries[0]

    assert len(entry.summary) <= 201 and entry.summary.endswith("…")


def test_the_newest_replies_feed_has_both_cities_and_no_hidden_reply(client, letters):
    feed = read(client, "/feeds/replies/")

    assert titles(feed) == [f"关于{WORD}水质监测的建议", f"关于{WORD}公园建设的建议", f"关于保护{WORD}鸟类的建议"]
    assert {entry.author for entry in feed.entries} == {"资阳市林业局", "眉山市生态环境局"}


def test_a_feed_holds_the_newest_fifty(client, make_reply, indexed):
    with indexed():
        for n in range(52):
            make_reply(title=f"关于第{n}项湿地的建议", date=f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}")

    entries = read(client, "/feeds/replies/").entries

    assert len(entries) == 50
    published = [entry.published_parsed for entry in entries]
    assert published == sorted(published, reverse=True)


@pytest.mark.parametrize("page", ["person", "place", "proposal"])
def test_a_person_place_and_proposal_have_their_own_feeds(client, letters, page):
    url = {
        "person": lambda: Person.objects.get(name="周敏").get_absolute_url(),
        "place": lambda: Place.objects.get(code="511400").get_absolute_url(),  # 眉山市
        "proposal": lambda: letters["older"].proposal.get_absolute_url(),
    }[page]()

    feed = read(client, f"{url}feed/")

    assert titles(feed) == {
        "person": [f"关于{WORD}公园建设的建议"],
        "place": [f"关于{WORD}水质监测的建议"],
        "proposal": [f"关于保护{WORD}鸟类的建议"],
    }[page]


def test_a_search_feed_is_newest_first_whatever_the_sort(client, letters):
    feed = read(client, f"/search/feed/?q={WORD}&sort=relevance&place=512000")

    assert titles(feed) == [f"关于{WORD}公园建设的建议", f"关于保护{WORD}鸟类的建议"]
    assert "地区：资阳市" in feed.feed.title
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link == f"http://testserver/search/feed/?q={quote(WORD)}&place=512000"  # a reader re-fetches this


def test_a_search_feed_holds_at_most_fifty(client, make_reply, indexed):
    with indexed():
        for n in range(55):
            make_reply(title=f"关于第{n}项湿地的建议")

    assert len(read(client, f"/search/feed/?q={WORD}").entries) == 50


def test_an_agency_with_only_hidden_replies_has_no_feed(client, make_reply, indexed):
    with indexed():
        hidden = make_reply(agency="潍坊市林业局", disclosure=Reply.Disclosure.WITHHELD)

    assert client.get(f"/agencies/{hidden.agency.pk}/feed/").status_code == 404
    assert client.get(f"{hidden.proposal.get_absolute_url()}feed/").status_code == 404


@pytest.mark.parametrize("url", ["/agencies/999999/feed/", "/people/0/feed/", "/places/abc/feed/", "/proposals/1/feed/",
                                 "/proposals/1/第号/feed/", "/agencies/1234567890123456789/feed/"])
def test_a_feed_of_nothing_is_a_404(client, db, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("query", [{"q": "湿地" * 1024}, {"year": ["abc", "2024"], "agency": "\x00"},
                                   {"page": "-1", "date_from": "2024-99-99"}, {"selected_facets": "x" * 5000}])
def test_hostile_search_feed_parameters_give_a_feed(client, letters, query):
    assert client.get("/search/feed/", query).status_code == 200


def test_a_search_feed_polled_in_a_loop_is_refused_in_chinese(client, db, settings):
    settings.SEARCH_API_RATE_LIMIT = 2

    statuses = [client.get("/search/feed/", {"q": WORD}).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert "订阅检索过于频繁" in client.get("/search/feed/").content.decode()


@pytest.mark.parametrize("page", ["home", "reply list", "agency", "person", "place", "proposal", "search"])
def test_pages_announce_their_feed_to_readers(client, letters, page):
    url = {
        "home": lambda: "/",
        "reply list": lambda: "/replies/",
        "agency": lambda: letters["newest"].agency.get_absolute_url(),
        "person": lambda: Person.objects.get(name="李华").get_absolute_url(),
        "place": lambda: Place.objects.get(code="511400").get_absolute_url(),
        "proposal": lambda: letters["newest"].proposal.get_absolute_url(),
        "search": lambda: f"/search/?q={WORD}&place=511400",
    }[page]()
    html = client.get(url).content.decode()

    link = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', html)[1]

    assert f"关于{WORD}水质监测的建议" in titles(read(client, link.replace("&amp;", "&")))


def test_an_entry_of_a_letter_saved_from_a_web_page_starts_at_the_salutation(client, db, indexed):
    from archive.ingest import import_text
    from tests.parsing.test_stored_text import WEB_PAGE_LETTER

    with indexed():
        import_text(WEB_PAGE_LETTER, publish=True)

    entry = feedparser.parse(client.get("/feeds/replies/").content).entries[0]

    assert entry.summary.startswith("尊敬的黄立群委员：")
    assert "分类标识" not in entry.summary
