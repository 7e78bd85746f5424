"""The 订阅邮件提醒 form on the search, agency, proposer and place pages saves the search that lists what the page
lists."""

import pytest

from alerts.saved_search import params_of
from search.query import every_match
from tests.alerts.smtp import query_on

pytestmark = pytest.mark.usefixtures("search_index")


@pytest.fixture
def two_cities(make_reply, indexed):
    """A letter of 资阳市 and one of 眉山市, each from its own 王强 (two people of one name)."""
    with indexed():
        return {city: make_reply(title=f"关于{city}湿地保护的建议", agency=f"{city}生态环境局", proposers=("王强",))
                for city in ("资阳市", "眉山市")}


PAGES = {
    "agency": lambda reply: reply.agency.get_absolute_url(),
    "proposer": lambda reply: reply.proposal.proposer_links.get().person.get_absolute_url(),
    "place": lambda reply: reply.proposal.place.get_absolute_url(),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_pages_form_saves_the_search_of_that_pages_replies(client, two_cities, page):
    reply = two_cities["资阳市"]
    html = client.get(PAGES[page](reply)).content.decode()

    assert "订阅邮件提醒" in html and 'action="/alerts/subscribe/"' in html and "csrfmiddlewaretoken" in html
    assert every_match(params_of(query_on(html)), 100).ids == [reply.pk]


def test_the_search_pages_form_saves_its_words_and_filters_newest_first_without_the_page(client, two_cities):
    html = client.get("/search/", {"q": "湿地", "place": "512000", "page": "2", "sort": "relevance"}).content.decode()

    params = params_of(query_on(html))

    assert (params.q, params.filters, params.sort, params.page) == ("湿地", {"place": ["512000"]}, "date", 1)
    assert "<strong>检索词“湿地” · 地区：资阳市</strong>" in html


def test_the_form_names_the_proposer_with_their_place(client, two_cities):
    person = two_cities["眉山市"].proposal.proposer_links.get().person
    html = client.get(person.get_absolute_url()).content.decode()

    assert "提出人：王强（眉山市）" in html
