"""A search engine that cannot be reached costs the search, never a page that needs none.

``SEARCH_URL`` names an Elasticsearch cluster on a port where nothing listens: the reply, list, agency and
place pages serve as usual (a reply page without its related replies), the search page answers the Chinese
503 page, the API a JSON 503, and ``/healthz`` says why. A clerk's change is saved and stays queued.
"""

import pytest
from haystack import connections

from search.connection import search_connection
from search.models import IndexQueue

NOWHERE = "http://127.0.0.1:9/replies"  # the discard port: connection refused at once


@pytest.fixture
def unreachable(settings, tmp_path, make_reply):
    # Two cities' replies, saved while the engine was still the embedded one.
    replies = [make_reply(agency="慈溪市教育局"),
               make_reply(agency="资阳市教育和体育局", title="关于建设城市绿道的建议")]
    settings.HAYSTACK_CONNECTIONS = {"default": {**search_connection(NOWHERE, tmp_path), "TIMEOUT": 2}}
    settings.SEARCH_DRAIN_ON_COMMIT = True
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.reload("default")
    yield replies
    connections.reload("default")


def test_pages_that_need_no_search_serve_as_usual(client, unreachable):
    reply = unreachable[0]
    for url in ("/", "/replies/", reply.get_absolute_url(), reply.agency.get_absolute_url(), "/places/",
                reply.proposal.place.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "相关答复" not in client.get(reply.get_absolute_url()).content.decode()


def test_the_search_page_says_in_chinese_that_search_is_unavailable(client, unreachable):
    response = client.get("/search/", {"q": "心理健康"})

    assert response.status_code == 503
    assert "检索暂时不可用" in response.content.decode()
    assert response.headers["Retry-After"]


def test_the_api_answers_a_json_503(client, unreachable):
    response = client.get("/api/search/", {"q": "心理健康"})

    assert response.status_code == 503
    assert "检索服务暂时无法连接" in response.json()["detail"]


def test_healthz_says_the_index_cannot_be_reached(client, unreachable):
    response = client.get("/healthz")
    report = response.json()

    assert response.status_code == 503
    assert report["database"] == "ok"
    assert report["index"].startswith("error: unreachable")


def test_a_change_is_saved_and_stays_queued_for_the_indexer(unreachable, make_reply, indexed):
    with indexed():
        reply = make_reply(agency="潍坊市生态环境局")

    assert IndexQueue.objects.filter(reply_id=reply.pk, processed_at__isnull=True).exists()
