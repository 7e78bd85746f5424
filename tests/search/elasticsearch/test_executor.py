"""The Elasticsearch executor reads a cluster's answers: canned JSON through the real client (``fake_cluster``)."""

import time

import pytest
from elastic_transport import ConnectionError as TransportConnectionError

from search.elasticsearch import requests as bodies
from search.elasticsearch.executor import ElasticsearchExecutor
from search.executor import SearchRequest, SearchUnavailable, Widening
from search.facets import FACETS
from search.querylang import Clause, ParsedQuery

from .fake_cluster import FakeCluster, buckets, facet_buckets, search_answer

XINLI = SearchRequest(ParsedQuery(groups=[[Clause(["心理"])]]))


def facets(**counts) -> dict:
    return {name: facet_buckets(counts.get(name, {})) for name in FACETS}


def executor(*answers) -> tuple[ElasticsearchExecutor, FakeCluster]:
    cluster = FakeCluster(*answers)
    return ElasticsearchExecutor(cluster.client(), "replies"), cluster


def soon() -> float:
    return time.perf_counter() + 0.3


def test_a_page_has_the_total_the_ids_in_order_and_the_facet_counts(db):
    answer = search_answer([31, 7, 12], total=43, aggregations=facets(
        place={"330000": 40, "330200": 40, "330282": 38}, year={"2024": 30, "2023": 13}, agency={"慈溪市教育局": 25},
    ))
    engine, cluster = executor(answer)

    found = engine.page(XINLI, 1, 20, soon())

    assert (found.total, found.page, found.ids) == (43, 1, [31, 7, 12])
    assert found.facets["place"] == {"330000": 40, "330200": 40, "330282": 38}
    assert found.facets["year"]["2023"] == 13 and found.facets["agency"]["慈溪市教育局"] == 25
    assert found.facets["proposer"] == {} and not found.out_of_time
    assert cluster.requests[0]["target"] == "/replies/_search"
    assert cluster.bodies[0]["timeout"].endswith("ms") and cluster.requests[0]["request_timeout"] > 1


def test_the_words_the_engine_marked_are_the_excerpts_words(db):
    highlights = {0: {"sections": ["一、加强<mark>心理健康</mark>教育"], "text": ["<mark>心理</mark>辅导室"]},
                  1: {"text": ["建设<mark>心理健康</mark>课程，<mark>CITY</mark>"]}}
    engine, _ = executor(search_answer([1, 2], aggregations=facets(), highlights=highlights))

    assert engine.page(XINLI, 1, 20, soon()).words == ["心理健康", "心理", "city"]


def test_without_marks_the_typed_words_are_the_excerpts_words(db):
    engine, _ = executor(search_answer([1], aggregations=facets()))

    assert engine.page(XINLI, 1, 20, soon()).words is None


def test_a_page_past_the_end_shows_the_last_one(db):
    engine, cluster = executor(search_answer([], total=45, aggregations=facets(year={"2024": 45})),
                               search_answer([41, 42, 43, 44, 45], total=45))

    found = engine.page(XINLI, 9, 20, soon())

    assert (found.page, found.ids, found.facets["year"]["2024"]) == (3, [41, 42, 43, 44, 45], 45)
    assert cluster.bodies[1]["from"] == 40 and "aggs" not in cluster.bodies[1]


def test_an_answer_cut_short_by_the_clusters_timeout_says_so(db):
    engine, _ = executor(search_answer([5], total=9, aggregations=facets(), timed_out=True))

    found = engine.page(XINLI, 1, 20, soon())

    assert found.out_of_time and found.ids == [5]


def test_a_reply_withdrawn_while_the_indexer_is_behind_is_left_out(make_reply, settings):
    settings.SEARCH_DRAIN_ON_COMMIT = False
    withdrawn = make_reply()
    pk = withdrawn.pk
    withdrawn.delete()  # queued, not yet indexed: the index still holds it
    engine, cluster = executor(search_answer([], aggregations=facets()))

    engine.page(XINLI, 1, 20, soon())

    assert cluster.bodies[0]["query"]["bool"]["must_not"] == [{"ids": {"values": [f"archive.reply.{pk}"]}}]


def test_every_match_reads_batch_after_batch_in_order(db, monkeypatch):
    monkeypatch.setattr(bodies, "EXPORT_BATCH", 3)
    engine, cluster = executor(search_answer([9, 8, 7], total=7), search_answer([6, 5, 4], total=7),
                               search_answer([3], total=7))

    matches = engine.every_match(XINLI, 100, time.perf_counter() + 5)

    assert (matches.ids, matches.total, matches.out_of_time) == ([9, 8, 7, 6, 5, 4, 3], 7, False)
    assert cluster.bodies[1]["search_after"] == [1.0, 7] and cluster.bodies[2]["search_after"] == [1.0, 4]


def test_every_match_stops_at_the_limit(db, monkeypatch):
    monkeypatch.setattr(bodies, "EXPORT_BATCH", 3)
    engine, cluster = executor(search_answer([9, 8, 7], total=7), search_answer([6], total=7))

    matches = engine.every_match(XINLI, 4, time.perf_counter() + 5)

    assert (matches.ids, matches.total) == ([9, 8, 7, 6], 7) and cluster.bodies[1]["size"] == 1


def test_a_count_is_the_clusters_total(db):
    engine, cluster = executor(search_answer([], total=41))

    assert engine.count(XINLI, soon()) == 41
    assert cluster.bodies[0]["size"] == 0 and cluster.bodies[0]["track_total_hits"] is True


def test_suggestions_are_close_words_that_a_public_reply_holds(db):
    suggested = {"took": 1, "timed_out": False, "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
                 "suggest": {"w0": [{"text": "心里", "offset": 0, "length": 2, "options": [
                     {"text": "心理", "score": 0.5, "freq": 3}, {"text": "心里话", "score": 0.4, "freq": 1},
                     {"text": "心脏病学", "score": 0.2, "freq": 1}]}]}}
    public = search_answer([], aggregations={"public": {"buckets": [{"doc_count": 0}, {"doc_count": 3},
                                                                    {"doc_count": 1}]}})
    engine, cluster = executor(suggested, public)

    words = engine.suggestions(SearchRequest(ParsedQuery(groups=[[Clause(["心里"])]])), soon())

    checked = [test["term"]["text"] for test in cluster.bodies[1]["aggs"]["public"]["filters"]["filters"]]
    assert checked == ["心里话", "心理", "心脏病学"]  # the most alike first
    assert words == ["心理", "心脏病学"]  # 心里话 is only in a withdrawn reply's document


def test_widening_counts_what_each_one_filter_kept_out(db):
    request = SearchRequest(XINLI.parsed, filters={"agency": ["慈溪市教育局"], "year": ["2024"]})
    widen = search_answer([], aggregations={"widen": {"buckets": [{"doc_count": 4}, {"doc_count": 0}]}})
    engine, _ = executor(widen)

    assert engine.widen(request, soon()) == ([Widening("agency", 4)], False)


def test_related_replies_share_the_rarest_keywords_weighted_by_rarity(db):
    frequencies = search_answer([], total=100, aggregations={"keywords": buckets(
        {"教师": 60, "心理健康": 20, "辅导室": 2, "课程": 30, "校园": 40, "本件独有": 1})})
    engine, cluster = executor(frequencies, search_answer([8, 3]))

    ids = engine.related(17, ["教师", "心理健康", "辅导室", "课程", "校园", "本件独有", "不在索引"], 20)

    assert ids == [8, 3]
    weights = {clause["constant_score"]["filter"]["term"]["keywords"]: clause["constant_score"]["boost"]
               for clause in cluster.bodies[1]["query"]["bool"]["should"]}
    assert list(weights) == ["辅导室", "心理健康", "课程", "校园"]  # the four rarest others hold too, rarest first
    assert weights["辅导室"] > weights["心理健康"] > weights["校园"]


@pytest.mark.parametrize("status, error", [
    (500, {"error": {"type": "search_phase_execution_exception", "reason": "all shards failed"}, "status": 500}),
    (404, {"error": {"type": "index_not_found_exception", "reason": "no such index [replies]"}, "status": 404}),
    (429, {"error": {"type": "es_rejected_execution_exception", "reason": "queue full"}, "status": 429}),
])
def test_an_error_status_is_search_unavailable(db, status, error):
    engine, _ = executor((status, error))

    with pytest.raises(SearchUnavailable, match=error["error"]["type"]):
        engine.page(XINLI, 1, 20, soon())


def test_a_refused_connection_is_search_unavailable(db):
    engine, _ = executor(TransportConnectionError("Connection refused"))

    with pytest.raises(SearchUnavailable, match="Connection error"):
        engine.document_count()
