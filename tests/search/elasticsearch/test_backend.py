"""The Elasticsearch backend: what the indexer writes, what a rebuild asks of the cluster, and a cluster that
is down (``unreachable_cluster``: a port where nothing listens)."""

import time

import pytest
from django.core.management import call_command
from django.http import QueryDict

from search.elasticsearch.backend import ElasticsearchBackend
from search.executor import SearchRequest, SearchUnavailable, executor
from search.indexing import drain_queue, identifier, reply_index
from search.management.commands.run_search_indexer import FILE_ERROR_PAUSE_S
from search.management.commands.run_search_indexer import Command as Indexer
from search.models import IndexQueue
from search.query import SearchParams, search

from .fake_cluster import FakeCluster, facet_buckets, search_answer

ACKNOWLEDGED = {"acknowledged": True}


def on(live: ElasticsearchBackend, *answers) -> FakeCluster:
    """Answer ``live``'s requests from these answers."""
    cluster = FakeCluster(*answers)
    live._client = cluster.client()
    return cluster


def bulk_answer(*items) -> dict:
    return {"took": 1, "errors": any("error" in result for item in items for result in item.values()), "items": items}


def queued() -> set[int]:
    return set(IndexQueue.objects.filter(processed_at__isnull=True).values_list("reply_id", flat=True))


def test_with_the_cluster_down_the_site_starts_and_a_search_is_unavailable(unreachable_cluster, db):
    engine = executor()  # built, connecting to nothing

    with pytest.raises(SearchUnavailable, match="Connection refused"):
        engine.page(SearchRequest(), 1, 20, time.perf_counter() + 0.3)
    with pytest.raises(SearchUnavailable):
        engine.document_count()


def test_with_the_cluster_down_every_change_stays_queued(unreachable_cluster, make_reply):
    reply = make_reply()

    with pytest.raises(SearchUnavailable):
        drain_queue()

    assert queued() == {reply.pk}
    assert Indexer().drain_once() == (0, FILE_ERROR_PAUSE_S)  # the indexer waits and retries, it does not die
    assert queued() == {reply.pk}


def test_a_document_holds_the_mapped_fields_and_the_masked_sections(unreachable_cluster, make_reply):
    sections = [(1, "一", "加强心理辅导"), (1, "二", "联系电话13812345678")]
    reply = make_reply(proposers=("朱蓉", "王强"), sections=sections)

    prepared = reply_index().full_prepare(reply)
    doc = unreachable_cluster.document(reply_index(), reply)

    assert {"text", "sections", "updated", "django_ct", "django_id"} <= set(doc)  # what is searched and told apart
    left_out = {key for key, value in prepared.items() if value not in (None, "", [])} - set(doc)
    assert all(f"{key}_exact" in doc for key in left_out)  # only the facets' twins: every other field is mapped
    assert doc["id"] == identifier(reply.pk) and doc["django_id"] == str(reply.pk)
    assert doc["agency_exact"] == "慈溪市教育局" and doc["proposer_name_exact"] == ["朱蓉", "王强"]
    assert doc["date"] == "2024-06-28" and "agency" not in doc  # no twin of a facet field
    assert doc["sections"][0].startswith("一、加强心理辅导")
    assert "138****5678" in doc["sections"][1] and "13812345678" not in str(doc)


def test_a_write_is_one_bulk_request_searchable_when_it_returns(unreachable_cluster, make_reply):
    reply = make_reply()
    doc = unreachable_cluster.document(reply_index(), reply)
    cluster = on(unreachable_cluster, {}, bulk_answer({"index": {"status": 201}}, {"delete": {"status": 404}}))

    unreachable_cluster.write([doc], ["archive.reply.999"])

    bulk = cluster.requests[-1]
    assert bulk["target"] == "/replies/_bulk?refresh=wait_for"
    assert bulk["body"][0] == {"index": {"_id": identifier(reply.pk)}} and "id" not in bulk["body"][1]
    assert bulk["body"][2] == {"delete": {"_id": "archive.reply.999"}}  # not there: 404, and no error


def test_a_refused_document_keeps_its_change_queued(unreachable_cluster, make_reply):
    reply = make_reply()
    refused = {"index": {"status": 400, "error": {"type": "strict_dynamic_mapping_exception"}}}
    on(unreachable_cluster, {}, bulk_answer(refused))

    with pytest.raises(SearchUnavailable, match="strict_dynamic_mapping_exception"):
        drain_queue()

    assert queued() == {reply.pk}


def test_the_first_write_to_an_empty_cluster_creates_the_index_with_the_alias(unreachable_cluster, make_reply):
    doc = unreachable_cluster.document(reply_index(), make_reply())
    cluster = on(unreachable_cluster, (404, {}), ACKNOWLEDGED, bulk_answer({"index": {"status": 201}}))

    unreachable_cluster.write([doc])

    created = cluster.requests[1]
    assert created["method"] == "PUT" and created["target"].startswith("/replies-")
    assert created["body"]["aliases"] == {"replies": {}}
    assert created["body"]["mappings"]["properties"]["text"]["analyzer"] == "ik_max_word"


def test_smartcn_is_the_analyzer_when_chosen(unreachable_cluster, settings):
    settings.SEARCH_ANALYZER = "smartcn"
    cluster = on(unreachable_cluster, ACKNOWLEDGED)

    unreachable_cluster.create_index()

    text = cluster.bodies[0]["mappings"]["properties"]["text"]
    assert (text["analyzer"], text["search_analyzer"]) == ("smartcn", "smartcn")


def test_a_rebuild_fills_a_new_index_then_moves_the_alias_in_one_request(unreachable_cluster, make_reply):
    replies = [make_reply(), make_reply()]
    old = "replies-20240101t000000000000"
    cluster = on(
        unreachable_cluster,
        ACKNOWLEDGED,  # the new index
        bulk_answer({"index": {"status": 201}}, {"index": {"status": 201}}),
        ACKNOWLEDGED, {},  # refreshing again, and now
        {}, {old: {"aliases": {"replies": {}}}},  # the alias, and where it points
        ACKNOWLEDGED,  # the switch
        ACKNOWLEDGED,  # the old index deleted
    )

    call_command("rebuild_search_index", verbosity=0)

    new = cluster.requests[0]["target"].lstrip("/")
    assert cluster.bodies[0]["settings"]["index"]["refresh_interval"] == "-1" and "aliases" not in cluster.bodies[0]
    assert cluster.requests[1]["target"] == f"/{new}/_bulk?refresh=false"
    assert {line["index"]["_id"] for line in cluster.bodies[1][::2]} == {identifier(reply.pk) for reply in replies}
    assert cluster.bodies[2] == {"index": {"refresh_interval": None}}
    assert cluster.bodies[6] == {"actions": [{"remove": {"index": old, "alias": "replies"}},
                                             {"add": {"index": new, "alias": "replies"}}]}
    assert cluster.requests[7]["method"] == "DELETE" and cluster.requests[7]["target"] == f"/{old}"
    assert queued() == set()  # everything queued before the switch is in the new index


def test_the_search_page_reads_the_clusters_hits_back_from_the_database(unreachable_cluster, make_reply):
    reply = make_reply(body_text="朱蓉代表：\n加强心理健康教育，建设心理辅导室。")
    aggregations = {name: facet_buckets({}) for name in ("body", "place", "year", "proposer", "result", "session",
                                                          "commitment")}
    aggregations["agency"] = facet_buckets({"慈溪市教育局": 1})
    on(unreachable_cluster, search_answer([reply.pk], aggregations=aggregations,
                                          highlights={0: {"text": ["建设<mark>心理辅导室</mark>。"]}}))

    results = search(SearchParams.from_querydict(QueryDict("q=心理")))

    assert [hit.reply for hit in results.hits] == [reply] and results.total == 1
    assert "<mark>心理辅导室</mark>" in results.hits[0].excerpts[0].html  # the word the engine matched
    assert [(value.value, value.count) for facet in results.facets for value in facet.values] == [("慈溪市教育局", 1)]


def test_check_search_index_reads_the_clusters_documents_and_finds_what_differs(unreachable_cluster, make_reply):
    from search.indexing import compare

    kept, edited, missing = make_reply(agency="慈溪市教育局"), make_reply(agency="资阳市教育和体育局"), make_reply()
    documents = [unreachable_cluster.document(reply_index(), reply) for reply in (kept, edited)]
    documents[1]["agency_exact"] = "旧名称局"  # an edit that never reached the cluster
    hits = [{"_id": doc["id"], "_source": {k: v for k, v in doc.items() if k not in ("id", "text")},
             "sort": [int(doc["django_id"])]} for doc in documents]
    on(unreachable_cluster, {"hits": {"total": {"value": 2, "relation": "eq"}, "hits": hits}})

    comparison = compare()

    assert comparison.missing == {missing.pk} and comparison.stale == {edited.pk} and not comparison.extra
