"""The JSON search API answers 429 in Chinese to a client that asks too often."""

import pytest

pytestmark = pytest.mark.usefixtures("search_index")


def test_a_client_over_the_limit_gets_429_with_a_chinese_message(client, db, settings):
    settings.SEARCH_API_RATE_LIMIT = 3

    statuses = [client.get("/api/search/", {"q": "心理"}).status_code for _ in range(4)]
    refused = client.get("/api/search/", {"q": "心理"})

    assert statuses == [200, 200, 200, 429]
    assert "请求过于频繁" in refused.json()["detail"]
    assert refused["Retry-After"] == "60"


def test_another_client_is_not_limited_by_the_first(client, db, settings):
    settings.SEARCH_API_RATE_LIMIT = 1
    client.get("/api/search/")
    client.get("/api/search/")

    assert client.get("/api/search/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_the_search_page_for_people_is_not_limited(client, db, settings):
    settings.SEARCH_API_RATE_LIMIT = 1

    assert [client.get("/search/", {"q": "心理"}).status_code for _ in range(3)] == [200, 200, 200]
