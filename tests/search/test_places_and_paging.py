"""The place facet (省 › 市 › 区县, counts at each level), pages past the end, and selected_facets."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from search.params import MAX_FILTER_VALUES, SearchParams

AGENCIES = ["广州市南沙区教育局", "广州市教育局", "资阳市教育和体育局", "慈溪市教育局", "长春市教育局"]


@pytest.fixture
def places(make_reply, indexed):
    with indexed():
        return [make_reply(agency=agency, title=f"关于湿地保护的建议（{agency}）", session="", number=str(n))
                for n, agency in enumerate(AGENCIES, start=1)]


def facet(response, name):
    facets = {f.name: f for f in response.context["results"].facets}
    return {value.label: value.count for value in facets[name].values} if name in facets else {}


def test_the_place_facet_first_counts_provinces(client, places):
    response = client.get("/search/", {"q": "湿地保护"})
    assert facet(response, "place") == {"广东省": 2, "四川省": 1, "浙江省": 1, "吉林省": 1}


def test_choosing_a_province_shows_its_cities_and_choosing_a_city_its_districts(client, places):
    province = client.get("/search/", {"q": "湿地保护", "place": "440000"})
    assert facet(province, "place") == {"广东省": 2, "广州市": 2}
    city = client.get("/search/", {"q": "湿地保护", "place": "440100"})
    assert facet(city, "place") == {"广东省 › 广州市": 2, "南沙区": 1}  # a chosen place with those above it
    assertContains(city, "地区：广州市")
    district = client.get("/search/", {"q": "湿地保护", "place": "440115"})
    assert district.context["results"].total == 1
    assertContains(district, "关于湿地保护的建议（广州市南沙区教育局）")
    assertNotContains(district, "关于湿地保护的建议（广州市教育局）")


def test_a_county_level_city_counts_under_its_prefecture(client, places):
    response = client.get("/search/", {"q": "湿地保护", "place": "330200"})  # 宁波市
    assert response.context["results"].total == 1
    assertContains(response, "关于湿地保护的建议（慈溪市教育局）")


def test_a_page_past_the_end_shows_the_last_page_and_says_which(client, make_reply, indexed):
    with indexed():
        for n in range(45):
            make_reply(title=f"关于湿地保护第{n}项的建议", body_text=f"王代表：\n湿地保护第{n}项。")
    response = client.get("/search/", {"q": "湿地", "page": "999"})
    assert response.context["results"].params.page == 3
    assertNotContains(response, "999")
    assert client.get("/api/search/", {"q": "湿地", "page": "999"}).json()["page"] == 3


def params_of(rf, query):
    return SearchParams.from_querydict(rf.get(f"/search/?{query}").GET)


def test_a_selected_facet_repeated_990_times_is_one_filter(client, rf):
    query = "&".join(["selected_facets=agency_exact:甲局"] * 990)
    assert params_of(rf, query).filters == {"agency": ["甲局"]}
    assert client.get(f"/search/?{query}").status_code == 200


def test_selected_facets_are_cleaned_and_capped_like_other_filters(rf):
    query = "&".join(f"selected_facets=agency_exact:局{n}%00" for n in range(MAX_FILTER_VALUES + 4))
    assert params_of(rf, query).filters == {"agency": [f"局{n}" for n in range(MAX_FILTER_VALUES)]}


def test_selected_facets_and_plain_filters_share_one_cap(rf):
    query = (
        "agency=甲局&agency=乙局&selected_facets=agency_exact:乙局"
        "&selected_facets=agency:丙局&selected_facets=bogus:丁"
    )
    assert params_of(rf, query).filters == {"agency": ["甲局", "乙局", "丙局"]}


@pytest.mark.parametrize("year", ["²", "¹²³", "２０２４"])
def test_a_year_written_in_other_digits_answers_a_page_not_a_500(client, places, year):
    assert client.get("/search/", {"year": year, "date_from": "2024-01-01"}).status_code == 200
    assert client.get("/api/search/", {"year": year, "date_to": "2024-01-01"}).status_code == 200


def test_a_chosen_province_and_city_are_each_listed_once(client, places):
    payload = client.get("/api/search/", {"q": "湿地保护", "place": ["440000", "440100"]}).json()
    codes = [code for code, _ in payload["facets"]["place"]]
    assert sorted(codes) == sorted(set(codes))


def test_the_place_facet_reads_no_table_of_places(client, places):
    client.get("/search/", {"q": "湿地保护"})  # warm: jieba, the searcher, the columns
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/search/", {"q": "湿地保护", "place": "440000"})
    assert not [query for query in queries.captured_queries if 'FROM "archive_place"' in query["sql"]]
