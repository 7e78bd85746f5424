"""The search page and the JSON API, through the client: what a reader sees."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.search.corpus import SEEDLIKE


@pytest.fixture
def seedlike(make_reply, indexed):
    with indexed():
        return [make_reply(**reply) for reply in SEEDLIKE]


def test_hit_shows_title_proposers_agency_date_and_result(client, seedlike):
    response = client.get("/search/", {"q": "筛查"})

    assertContains(response, "构建学生心理健康长效机制的建议")
    for text in ["罗大成", "资阳市教育和体育局", "2024年6月20日", "正在解决"]:
        assertContains(response, text)
    assertContains(response, "共 <strong>1</strong> 件答复", html=False)


def test_hit_names_and_links_the_section_it_was_found_in(client, seedlike):
    reply = seedlike[1]
    response = client.get("/search/", {"q": "双减"})

    assertContains(response, f'href="/replies/{reply.pk}/#s1"')
    assertContains(response, "见于：一、落实双减政策")
    assertContains(response, "<mark>双减</mark>")


def test_excerpt_escapes_html_in_the_letter_and_marks_chinese_words(client, make_reply, indexed):
    with indexed():
        make_reply(body_text='心理辅导室<img src=x onerror="alert(1)">建设<script>x()</script>')

    response = client.get("/search/", {"q": "心理辅导室"})

    assertContains(response, "<mark>心理辅导室</mark>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;")
    assertNotContains(response, "<img src=x")
    assertNotContains(response, "<script>x()")


def test_facet_link_narrows_and_active_filter_can_be_removed(client, seedlike):
    page = client.get("/search/", {"q": "心理"}).content.decode()
    assert 'href="?q=%E5%BF%83%E7%90%86&amp;agency=%E9%95%BF%E6%98%A5%E5%B8%82%E6%95%99%E8%82%B2%E5%B1%80"' in page

    narrowed = client.get("/search/", {"q": "心理", "agency": "长春市教育局"})

    assertContains(narrowed, "共 <strong>1</strong> 件答复")
    assertContains(narrowed, "答复单位：长春市教育局")
    assertContains(narrowed, 'aria-label="去掉条件 答复单位：长春市教育局"')
    assertNotContains(narrowed, "构建学生心理健康长效机制的建议")


def test_filters_combine_and_date_range_narrows(client, seedlike):
    response = client.get(
        "/search/", {"q": "心理", "result": "已解决", "date_from": "2024-01-01", "date_to": "2024-12-31"}
    )

    assertContains(response, "共 <strong>2</strong> 件答复")
    assertContains(response, "日期：2024-01-01 至 2024-12-31")


def test_selected_facets_are_whitelisted(client, seedlike):
    response = client.get("/search/", {"q": "心理", "selected_facets": ["text:双减", "django_ct:x", "year_exact:2022"]})

    assertContains(response, "共 <strong>1</strong> 件答复")
    assertContains(response, "关于关注留守儿童心理的建议")


def test_browse_lists_newest_first_with_facets_when_q_is_empty(client, seedlike):
    page = client.get("/search/").content.decode()

    assert page.index("降低中小学生学习负担") < page.index("关于关注留守儿童心理的建议")
    assert "人大/政协" in page and "答复单位" in page and "年份" in page


def test_pagination_keeps_query_and_filters(client, make_reply, indexed):
    with indexed():
        for n in range(23):
            make_reply(agency="慈溪市教育局", body_text=f"第{n}件：心理健康教育答复。")

    first = client.get("/search/", {"q": "心理", "agency": "慈溪市教育局"})
    second = client.get("/search/", {"q": "心理", "agency": "慈溪市教育局", "page": 2})

    assertContains(first, "共 <strong>23</strong> 件答复，第 1 / 2 页")
    # ?q=心理&page=2&agency=慈溪市教育局
    assertContains(
        first,
        'href="?q=%E5%BF%83%E7%90%86&amp;page=2'
        '&amp;agency=%E6%85%88%E6%BA%AA%E5%B8%82%E6%95%99%E8%82%B2%E5%B1%80"',
    )
    assert second.content.decode().count('class="hit"') == 3


def test_empty_state_suggests_removing_a_filter_and_close_terms(client, seedlike):
    response = client.get("/search/", {"q": "双减", "agency": "长春市教育局"})

    assertContains(response, "没有找到与“双减”相符的答复")
    assertContains(response, "去掉“答复单位：长春市教育局”")

    close = client.get("/search/", {"q": "心理辅导站"})
    assertContains(close, "相近的词")
    assertContains(close, "心理辅导室")


HOSTILE = [
    '"心理', '心理"', '"', "-", "OR", "AND", "NOT", "|", "*", "?", "~", "^2", "心", "a", "7",
    "心理" * 1000, "x" * 2000, "abc DEF", "2024", "<script>alert(1)</script>", "<b>心理</b>",
    "' OR 1=1; DROP TABLE archive_reply; --", "text:心理", "django_ct:*", "id:archive.reply.1", "agency_exact:慈溪",
    "心理^10", "心理~2", "(心理", "[2020 TO 2024]", "{a TO b}", "心理 AND", "OR 心理", "-心理", "--心理", "\\", "%",
    "\x00", "　", "“心理”", "心理 OR", "OR OR OR", "-\"心理\"", "*心理*", "第号", "五届四次",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_any_typed_query_gets_a_results_page(client, seedlike, q):
    assert client.get("/search/", {"q": q}).status_code == 200
    assert client.get("/api/search/", {"q": q}).status_code == 200


@pytest.mark.parametrize("params", [
    {"page": "x"}, {"page": "-3"}, {"page": "99999"}, {"date_from": "2024-13-45"}, {"date_to": "yesterday"},
    {"sort": "<x>"}, {"agency": "x" * 500}, {"selected_facets": "nocolon"}, {"year": "二〇二四"},
])
def test_malformed_parameters_get_a_results_page(client, seedlike, params):
    assert client.get("/search/", {"q": "心理", **params}).status_code == 200


def test_query_html_is_escaped_on_the_page(client, seedlike):
    response = client.get("/search/", {"q": "<script>alert(1)</script>"})

    assertNotContains(response, "<script>alert(1)</script>")


def test_api_returns_count_results_facets_and_paging(client, seedlike):
    data = client.get("/api/search/", {"q": "心理辅导室"}).json()

    assert data["count"] == 2
    assert {hit["agency"] for hit in data["results"]} == {"慈溪市教育局", "信阳市教育体育局"}
    hit = next(hit for hit in data["results"] if hit["agency"] == "信阳市教育体育局")
    assert hit["title"] == "降低中小学生学习负担，增强孩子心理健康"
    assert hit["proposers"] == ["高海朋"] and hit["date"] == "2024-07-02" and hit["result_class"] == "已解决"
    assert hit["url"].endswith(f"/replies/{hit['id']}/")
    assert "<mark>心理辅导室</mark>" in hit["snippets"][0]["html"]
    assert hit["snippets"][0]["url"].endswith("#s2")
    assert ["人大", 1] in data["facets"]["body"] and ["政协", 1] in data["facets"]["body"]
    assert data["next"] is None and data["previous"] is None


def test_api_next_link_keeps_the_parameters(client, make_reply, indexed):
    with indexed():
        for n in range(21):
            make_reply(body_text=f"第{n}件：双减答复。")

    data = client.get("/api/search/", {"q": "双减", "year": "2024"}).json()

    assert data["count"] == 21 and len(data["results"]) == 20
    assert data["next"].startswith("http://testserver/api/search/?q=")
    assert "page=2" in data["next"] and "year=2024" in data["next"]


def test_search_page_query_count_does_not_grow_with_hits(client, make_reply, indexed, django_assert_max_num_queries):
    with indexed():
        for n in range(20):
            make_reply(body_text=f"第{n}件：双减答复。", sections=[(1, "一", "双减")])

    with django_assert_max_num_queries(6):
        client.get("/search/", {"q": "双减"})


def test_header_has_a_search_box(client, db):
    assertContains(client.get("/"), 'action="/search/"')


def test_an_empty_archive_gets_a_browse_page_and_a_search_page(client, db):
    assertContains(client.get("/search/"), "没有找到")
    assertContains(client.get("/search/", {"q": "心理"}), "没有找到与“心理”相符的答复")
