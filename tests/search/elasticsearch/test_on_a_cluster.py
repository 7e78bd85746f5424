"""Against a real cluster, when ``ARCHIVE_TEST_ELASTICSEARCH_URL`` names one (skipped otherwise): what the
indexer writes is found, and a rebuild moves the alias to a new index. The contract suite
(``tests/search/contract``) asks the rest of both executors."""

import time

from django.core.management import call_command

from search.executor import SearchRequest, executor
from search.querylang import parse_query


def test_a_saved_reply_is_found_with_its_facets(elasticsearch_cluster, make_reply, indexed):
    with indexed():
        wanted = make_reply(body_text="建设心理辅导室。")
        make_reply(title="关于开放学校体育场地的建议", body_text="体育场地开放。", agency="慈溪市体育局")

    found = executor().page(SearchRequest(parse_query("心理辅导")), 1, 20, time.perf_counter() + 5)

    assert found.ids == [wanted.pk] and found.total == 1
    assert found.facets["agency"] == {"慈溪市教育局": 1}


def test_a_rebuild_moves_the_alias_to_a_new_index(elasticsearch_cluster, make_reply, indexed):
    with indexed():
        make_reply()
    indices = elasticsearch_cluster.client.indices
    before = set(indices.get_alias(name=elasticsearch_cluster.alias).body)

    call_command("rebuild_search_index", verbosity=0)

    after = set(indices.get_alias(name=elasticsearch_cluster.alias).body)
    assert len(after) == 1 and after != before and not indices.exists(index=",".join(before))
    assert executor().document_count() == 1
