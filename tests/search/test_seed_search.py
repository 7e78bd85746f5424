"""Searching the five real seed replies, as a visitor to a fresh `make run` would."""

import pytest
from django.core.management import call_command

SEED_AGENCIES = {"慈溪市教育局", "信阳市教育体育局", "长春市教育局", "资阳市教育和体育局", "广州市南沙区教育局"}


@pytest.fixture
def seeds_indexed(seed_replies):
    call_command("rebuild_search_index", verbosity=0)


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200
    return response.json()


def agencies_of(payload):
    return {hit["agency"] for hit in payload["results"]}


def facet(payload, name):
    return dict(payload["facets"][name])


def test_心理健康_finds_all_five_seeds_with_correct_facet_counts(client, seeds_indexed):
    payload = api(client, q="心理健康")

    assert payload["count"] == 5
    assert agencies_of(payload) == SEED_AGENCIES
    assert facet(payload, "agency") == dict.fromkeys(SEED_AGENCIES, 1)
    assert sum(facet(payload, "body").values()) == 5


def test_a_facet_narrows_the_seed_results_and_its_count_matches(client, seeds_indexed):
    everything = api(client, q="心理健康")
    body, count = everything["facets"]["body"][0]

    narrowed = api(client, q="心理健康", body=body)

    assert narrowed["count"] == count
    # The chosen facet keeps its other values: choosing them too would add their replies.
    assert facet(narrowed, "body") == facet(everything, "body")


@pytest.mark.parametrize(
    "query, agency",
    [
        ("双减", "信阳市教育体育局"),
        ("罗大成", "资阳市教育和体育局"),
        ("长春", "长春市教育局"),
    ],
)
def test_a_word_or_name_puts_the_right_seed_first(client, seeds_indexed, query, agency):
    payload = api(client, q=query)

    assert payload["results"], query
    assert payload["results"][0]["agency"] == agency


def test_心理辅导室_finds_the_letters_that_mention_it(client, seeds_indexed):
    found = agencies_of(api(client, q="心理辅导室"))

    assert {"慈溪市教育局", "信阳市教育体育局"} <= found


def test_a_hit_links_to_the_section_it_was_found_in(client, seeds_indexed):
    hit = api(client, q="心理辅导室")["results"][0]

    assert any("#s" in snippet["url"] and snippet["section"] for snippet in hit["snippets"])


def test_the_search_page_shows_the_seeds_and_their_count(client, seeds_indexed):
    response = client.get("/search/", {"q": "心理健康"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "5" in page
    for agency in SEED_AGENCIES:
        assert agency in page
