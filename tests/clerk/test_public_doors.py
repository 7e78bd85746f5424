"""Public means public: no draft or withheld reply can be reached through any public door.

Three replies share the word 鹈鹕湿地: one public, one draft, one published but 依申请公开. Each
door is one entry in DOORS, so a new public page is covered by adding one line.
"""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import Reply

WORD = "鹈鹕湿地"
PUBLIC, DRAFT, ON_REQUEST = "公开甲", "草稿乙", "依申请丙"
# Each reply is of its own city, so place pages and the place facet are doors too.
CITY = {PUBLIC: "资阳市", DRAFT: "眉山市", ON_REQUEST: "潍坊市"}

pytestmark = pytest.mark.usefixtures("search_index")


@pytest.fixture
def replies(make_reply, indexed):
    def make(tag, **fields):
        return make_reply(title=f"关于保护{WORD}{tag}的建议", agency=f"{CITY[tag]}生态环境局",
                          proposers=(f"{tag}代表人",),
                          body_text=f"{tag}代表人代表：\n您提出的关于保护{WORD}的建议收悉。联系电话13912345678。",
                          next_steps=f"下一步，我局将于2025年底前完成{WORD}{tag}保护规划，咨询电话13912345678。",
                          **fields)

    with indexed():
        made = {PUBLIC: make(PUBLIC), DRAFT: make(DRAFT, publish=False),
                ON_REQUEST: make(ON_REQUEST, disclosure=Reply.Disclosure.ON_REQUEST)}
    for reply in made.values():
        reply.original.save("reply.txt", SimpleUploadedFile("reply.txt", reply.agency.name.encode()))
    return made


def lead(reply):
    return reply.proposal.proposer_links.get(position=0).person


# Each door: a public URL for a reply (None: the door is a listing that shows replies by title).
DOORS = {
    "home": lambda reply: "/",
    "reply list": lambda reply: "/replies/",
    "reply page": lambda reply: reply.get_absolute_url(),
    "original file": lambda reply: f"{reply.get_absolute_url()}original/",
    "proposal page": lambda reply: reply.proposal.get_absolute_url(),
    "proposal page by id": lambda reply: f"/proposals/{reply.proposal_id}/",
    "agency page": lambda reply: reply.agency.get_absolute_url(),
    "proposer page": lambda reply: lead(reply).get_absolute_url(),
    "agency list": lambda reply: "/agencies/",
    "place page": lambda reply: reply.proposal.place.get_absolute_url(),
    "place list": lambda reply: "/places/",
    "search export": lambda reply: f"/search/export/?q={WORD}&format=csv",
    "search export, Excel": lambda reply: f"/search/export/?q={WORD}&format=xlsx",
    "newest replies feed": lambda reply: "/feeds/replies/",
    "search feed": lambda reply: f"/search/feed/?q={WORD}",
    "agency feed": lambda reply: f"{reply.agency.get_absolute_url()}feed/",
    "proposer feed": lambda reply: f"{lead(reply).get_absolute_url()}feed/",
    "place feed": lambda reply: f"{reply.proposal.place.get_absolute_url()}feed/",
    "proposal feed": lambda reply: f"{reply.proposal.get_absolute_url()}feed/",
    "proposal feed by id": lambda reply: f"/proposals/{reply.proposal_id}/feed/",
    "place facet": lambda reply: f"/search/?place={reply.proposal.place.code}&q={WORD}",
    "commitment filter": lambda reply: f"/search/?commitment=有期限承诺&q={WORD}",
    "search page": lambda reply: f"/search/?q={WORD}",
    "search browse": lambda reply: "/search/",
    "search API": lambda reply: f"/api/search/?q={WORD}",
    "search API v1": lambda reply: f"/api/v1/search/?q={WORD}",
    "API reply": lambda reply: f"/api/v1/replies/{reply.pk}/",
    "API proposal": lambda reply: f"/api/v1/proposals/{reply.proposal_id}/",
    "API agency": lambda reply: f"/api/v1/agencies/{reply.agency_id}/",
    "API proposer": lambda reply: f"/api/v1/people/{lead(reply).pk}/",
    "API place": lambda reply: f"/api/v1/places/{reply.proposal.place.code}/",
    "sitemap": lambda reply: "/sitemap.xml",
    "statistics page": lambda reply: "/stats/",
    "statistics agencies CSV": lambda reply: "/stats/agencies.csv",
    "statistics results by agency CSV": lambda reply: "/stats/results-by-agency.csv",
    "related replies": lambda reply: None,  # checked on the public reply's own page, below
}


# Doors that name agencies or places, not letters: there the reply's city is what would give it away.
NAMES_ONLY = {"original file", "agency list", "place list", "statistics page", "statistics agencies CSV",
              "statistics results by agency CSV"}
# Doors that list the addresses of letters: there the reply's own URL would give it away.
URLS_ONLY = {"sitemap"}


def cells_of(workbook: bytes) -> str:
    sheet = openpyxl.load_workbook(io.BytesIO(workbook), read_only=True).active
    return "\n".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row if value)


def shows(client, door, reply) -> bool:
    url = DOORS[door](reply)
    response = client.get(url)
    if response.status_code == 404:
        return False
    assert response.status_code in (200, 410), url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    page = cells_of(body) if url.endswith("format=xlsx") else body.decode()
    if door in URLS_ONLY:
        return f"{reply.get_absolute_url()}<" in page
    tag = next(tag for tag in CITY if tag in reply.proposal.title)
    if response.status_code == 410:  # 已撤回: a page of its own, which must say nothing the letter said
        return any(word in page for word in (tag, CITY[tag], WORD))
    return (CITY[tag] if door in NAMES_ONLY else tag) in page


@pytest.mark.parametrize("door", [d for d in DOORS if d != "related replies"])
@pytest.mark.parametrize("hidden", [DRAFT, ON_REQUEST])
def test_a_hidden_reply_is_behind_no_public_door(client, replies, door, hidden):
    assert not shows(client, door, replies[hidden])


@pytest.mark.parametrize("door", [d for d in DOORS if d != "related replies"])
def test_the_public_reply_is_behind_every_door(client, replies, door):
    assert shows(client, door, replies[PUBLIC])


def test_the_public_replys_page_names_no_hidden_reply_among_its_related(client, replies, make_reply, indexed):
    with indexed():  # a second public reply on the topic, so the related list is not empty anyway
        make_reply(title=f"关于{WORD}生态修复的建议", agency="戊市生态环境局", proposers=("戊代表人",),
                   body_text=f"戊代表人代表：\n您提出的关于保护{WORD}的建议收悉。")

    page = client.get(replies[PUBLIC].get_absolute_url()).content.decode()

    related = page[page.index('id="related-heading"'):]
    assert "生态修复" in related
    assert DRAFT not in page and ON_REQUEST not in page


def test_search_counts_and_facets_count_only_the_public_reply(client, replies):
    payload = client.get("/api/search/", {"q": WORD}).json()

    assert payload["count"] == 1
    assert dict(payload["facets"]["agency"]) == {f"{CITY[PUBLIC]}生态环境局": 1}
    assert dict(payload["facets"]["place"]) == {"510000": 1}
    assert dict(payload["facets"]["proposer"]) == {f"{PUBLIC}代表人（{CITY[PUBLIC]}）": 1}


@pytest.mark.parametrize("url", ["reply page", f"/search/?q={WORD}", f"/api/search/?q={WORD}"])
def test_a_personal_mobile_number_is_masked_wherever_the_letter_is_shown(client, replies, url):
    url = replies[PUBLIC].get_absolute_url() if url == "reply page" else url
    page = client.get(url).content.decode()
    assert "139" in page and "13912345678" not in page


@pytest.mark.parametrize("partial", ["", "&partial=1"])
def test_a_number_in_a_title_is_masked_on_the_whole_search_page_and_on_its_results_alone(client, make_reply, indexed,
                                                                                         partial):
    # Titles are masked by the page, not where they are read: the results are masked once within a whole page, and
    # alone when a script asks for them (partial).
    with indexed():
        make_reply(title=f"关于{WORD}巡护热线13800001111的建议", agency="资阳市林业局", proposers=("巡护代表人",))
    page = client.get(f"/search/?q={WORD}{partial}").content.decode()
    assert "138****1111" in page and "13800001111" not in page


def test_a_personal_mobile_number_cannot_be_searched_for(client, replies):
    assert client.get("/api/search/", {"q": "13912345678"}).json()["count"] == 0


@pytest.mark.parametrize("hide", ["withdraw to draft", "disclosure 不予公开"])
def test_hiding_a_public_reply_closes_every_door_at_once(client, replies, indexed, hide):
    reply = replies[PUBLIC]
    doors = [door for door in DOORS if door != "related replies"]

    with indexed():
        if hide == "withdraw to draft":
            reply.status = Reply.Status.DRAFT
        else:
            reply.disclosure = Reply.Disclosure.WITHHELD
        reply.save()

    assert [door for door in doors if shows(client, door, reply)] == []
    assert client.get("/api/search/", {"q": WORD}).json()["count"] == 0


# ---- what is gone leaves nothing behind (issue 13) ------------------------------------------------


def withdraw(reply):
    reply.status = Reply.Status.DRAFT
    reply.save()


def test_a_withdrawn_replys_words_are_never_suggested(client, replies, indexed):
    # The index's word list keeps a deleted document's words until its segment merges away.
    with indexed():
        withdraw(replies[PUBLIC])

    for q in ["鹈湖", "鹈"]:
        page = client.get("/search/", {"q": q}).content.decode()
        assert "鹈鹕" not in page, q


def test_a_withdrawn_reply_leaves_no_count_or_facet_while_the_indexer_is_stopped(client, replies, settings):
    reply = replies[PUBLIC]
    settings.SEARCH_DRAIN_ON_COMMIT = False  # the indexer is stopped: the change waits in the queue
    withdraw(reply)

    searched = client.get("/api/search/", {"q": WORD}).json()
    browsed = client.get("/api/search/").json()
    by_agency = client.get("/api/search/", {"agency": reply.agency.name}).json()
    page = client.get("/search/", {"q": WORD}).content.decode()

    assert searched["count"] == 0 and searched["facets"] == {}
    assert reply.agency.name not in dict(browsed["facets"].get("agency", []))
    assert by_agency["count"] == 0
    assert CITY[PUBLIC] not in page and PUBLIC not in page


def test_a_withdrawn_replys_words_are_not_suggested_while_the_indexer_is_stopped(client, replies, settings):
    settings.SEARCH_DRAIN_ON_COMMIT = False
    withdraw(replies[PUBLIC])

    page = client.get("/search/", {"q": "鹈湖"}).content.decode()

    assert "鹈鹕" not in page


def test_a_withdrawn_reply_is_no_widen_count_while_the_indexer_is_stopped(client, replies, settings):
    settings.SEARCH_DRAIN_ON_COMMIT = False
    withdraw(replies[PUBLIC])

    results = client.get("/search/", {"q": WORD, "year": "1999"}).context["results"]

    assert results.total == 0 and results.widen == []
