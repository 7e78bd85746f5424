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


# ---- behind a reverse proxy (issue 13.8) -------------------------------------------------------------------------

PROXY = "10.0.0.1"


def search_from(client, remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})}
    return client.get("/api/search/", {"q": "心理"}, **headers).status_code


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, db, settings):
    # Every request arrives from the proxy: keyed on REMOTE_ADDR, one busy client used up everyone's limit.
    settings.SEARCH_API_RATE_LIMIT = 2
    settings.TRUSTED_PROXIES = [PROXY]

    first = [search_from(client, PROXY, "203.0.113.5") for _ in range(3)]
    second = search_from(client, PROXY, "198.51.100.7")

    assert first == [200, 200, 429]
    assert second == 200


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, db, settings):
    settings.SEARCH_API_RATE_LIMIT = 2
    settings.TRUSTED_PROXIES = [PROXY]

    direct = [search_from(client, "198.51.100.66", forged) for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3")]
    # Through the proxy, the client's own header is kept on the left: only the address the proxy saw counts.
    proxied = [search_from(client, PROXY, f"{forged}, 203.0.113.5") for forged in ("4.4.4.4", "5.5.5.5", "6.6.6.6")]

    assert direct == [200, 200, 429]
    assert proxied == [200, 200, 429]
