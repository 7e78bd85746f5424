"""What every executor must answer alike: the same replies, counts, order and privacy on any engine.

Each test runs on Whoosh, and on Elasticsearch when ``ARCHIVE_TEST_ELASTICSEARCH_URL`` names a cluster
(``conftest.py``). The searches go through the site's own functions (``search``, ``every_match``, related
replies and the hostile-query corpus), so what is checked is what a visitor sees.
"""

from collections import Counter

import pytest
from django.http import QueryDict

from archive.models import Reply
from benchmarks.queries import archive_values, hostile_queries
from search.query import SearchParams, every_match, search
from search.related import related_replies
from tests.search.corpus import SEEDLIKE

WORD = "鹈鹕湿地"
# Two more cities, and two replies no visitor may find: a draft and one disclosed only on request.
MORE = [
    dict(title=f"关于保护{WORD}的建议", agency="潍坊市生态环境局", proposers=("赵敏",), role="代表",
         session="潍坊市十八届人大三次会议", number="0031", date="2025-01-15", result_class="A",
         body_text=f"赵敏代表：\n一、保护{WORD}\n划定{WORD}保护范围，开展心理健康科普进社区。"),
    dict(title="关于建设城市绿道的建议", agency="眉山市住房和城乡建设局", proposers=("王强",), role="委员",
         session="眉山市政协五届三次会议", number="0070", date="2023-09-01", result_class="B",
         body_text="王强委员：\n一、建设城市绿道\n推进绿道建设，方便市民出行。"),
]
HIDDEN = [
    dict(title=f"关于{WORD}草稿的建议", agency="潍坊市生态环境局", proposers=("草稿人",), publish=False,
         body_text=f"草稿人代表：\n{WORD}草稿。"),
    dict(title=f"关于{WORD}依申请的建议", agency="潍坊市自然资源局", proposers=("依申请人",),
         disclosure=Reply.Disclosure.ON_REQUEST, body_text=f"依申请人代表：\n{WORD}依申请公开。"),
]


@pytest.fixture
def archive(engine, make_reply, indexed):
    with indexed():
        replies = [make_reply(**letter) for letter in SEEDLIKE + MORE]
        hidden = [make_reply(**letter) for letter in HIDDEN]
    return {"public": replies, "hidden": hidden}


def run(q="", **filters):
    query = QueryDict(mutable=True)
    query["q"] = q
    for name, value in filters.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return search(SearchParams.from_querydict(query))


def agencies(results):
    return [hit.reply.agency.name for hit in results.hits]


# ---- relevance ---------------------------------------------------------------------------------


@pytest.mark.parametrize("q, first", [
    ("双减", "信阳市教育体育局"),
    ("留守儿童", "广州市南沙区教育局"),
    ("筛查", "资阳市教育和体育局"),
    ("危机干预", "长春市教育局"),
    (WORD, "潍坊市生态环境局"),
])
def test_a_topic_finds_its_letter_first(archive, q, first):
    assert agencies(run(q))[0] == first


def test_a_quoted_phrase_finds_the_words_in_order_only(archive):
    # 慈溪 has 加强心理辅导室建设; 信阳 has 建设心理辅导室: the same words, the other way round.
    assert agencies(run('"心理辅导室建设"')) == ["慈溪市教育局"]
    assert set(agencies(run("心理辅导室 建设"))) == {"慈溪市教育局", "信阳市教育体育局"}


def test_an_excluded_word_removes_its_letters(archive):
    found = set(agencies(run("心理辅导室 -双减")))

    assert "信阳市教育体育局" not in found and "慈溪市教育局" in found


def test_or_finds_either_word(archive):
    assert set(agencies(run("双减 OR 留守儿童"))) == {"信阳市教育体育局", "广州市南沙区教育局"}


# ---- numbers and names first -------------------------------------------------------------------


def test_a_proposal_number_puts_its_proposals_first(archive):
    results = run("0070")

    assert {hit.reply.proposal.number_normalized for hit in results.hits[:3]} == {"70"}  # normalised
    assert results.total >= 3


def test_a_proposers_name_puts_their_reply_first(archive):
    assert run("罗大成").hits[0].reply.agency.name == "资阳市教育和体育局"


def test_an_agencys_name_puts_its_replies_first(archive):
    assert agencies(run("长春市教育局"))[0] == "长春市教育局"


# ---- facets ------------------------------------------------------------------------------------


def database_counts(name):
    public = Reply.objects.public().select_related("agency", "proposal")
    if name == "agency":
        return Counter(reply.agency.name for reply in public)
    if name == "year":
        return Counter(str(reply.date.year) for reply in public if reply.date)
    if name == "result":
        return Counter(reply.result_class for reply in public if reply.result_class)
    return Counter(reply.proposal.body for reply in public)


@pytest.mark.parametrize("facet", ["agency", "year", "result", "body"])
def test_browse_facet_counts_equal_the_databases(archive, facet):
    shown = {value.value: value.count for f in run().facets if f.name == facet for value in f.values}

    assert shown == dict(database_counts(facet))


def test_a_filter_narrows_to_its_count(archive):
    everything = run("心理")
    count = next(v.count for f in everything.facets if f.name == "agency" for v in f.values
                 if v.value == "长春市教育局")

    assert run("心理", agency="长春市教育局").total == count == 1


def test_place_facet_counts_every_city_of_a_province_under_it(archive):
    results = run(place="370000")  # 山东省: 潍坊市's public reply only

    assert results.total == 1 and agencies(results) == ["潍坊市生态环境局"]


# ---- privacy -----------------------------------------------------------------------------------


def test_hidden_replies_are_in_no_count_hit_or_facet(archive):
    results = run(WORD)
    agency_counts = {v.value: v.count for f in results.facets if f.name == "agency" for v in f.values}

    assert results.total == 1
    assert agencies(results) == ["潍坊市生态环境局"]
    assert "潍坊市自然资源局" not in agency_counts


def test_every_match_holds_every_public_match_and_no_hidden_one(archive):
    matches = every_match(SearchParams(q="心理", sort="date"), limit=100)
    public = {reply.pk for reply in archive["public"]}
    dates = [Reply.objects.get(pk=pk).date for pk in matches.ids]

    assert matches.total == len(matches.ids) >= 6
    assert set(matches.ids) <= public
    assert dates == sorted(dates, reverse=True)


def test_every_match_stops_at_its_limit_and_counts_all(archive):
    matches = every_match(SearchParams(sort="date"), limit=3)

    assert len(matches.ids) == 3 and matches.total == len(archive["public"])


def test_words_no_public_letter_holds_together_are_counted_with_or(archive):
    results = run(f"{WORD} 绿道")  # 潍坊's wetland and 眉山's greenway: a hidden letter holds the wetland too

    text, count, _ = results.or_form
    assert results.total == 0 and text.startswith(f"{WORD} OR ") and "绿道" in text
    assert count == every_match(SearchParams(q=text), limit=100).total == 2


def test_related_replies_are_public_and_of_other_proposals(archive):
    reply = archive["public"][0]
    related = related_replies(reply)
    hidden = {reply.pk for reply in archive["hidden"]}

    assert related and all(item.pk not in hidden and item.pk != reply.pk for item in related)


# ---- paging and hostile input ------------------------------------------------------------------


def test_a_page_past_the_end_shows_the_last(archive):
    query = QueryDict(mutable=True)
    query.update({"q": "心理", "page": "999"})
    results = search(SearchParams.from_querydict(query))

    assert results.params.page == results.pages == 1 and results.hits


def test_every_hostile_query_answers_with_public_replies_only(archive):
    from django.test import RequestFactory

    public = set(Reply.objects.public().values_list("pk", flat=True))
    factory = RequestFactory()
    for case in hostile_queries(archive_values()):
        results = search(SearchParams.from_querydict(factory.get(case.path).GET))
        assert {hit.reply.pk for hit in results.hits} <= public and len(results.hits) <= 20, case.name
        assert results.total <= len(public), case.name
