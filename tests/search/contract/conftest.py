"""The contract suite runs once per executor: Whoosh always, Elasticsearch when a cluster is named.

``ARCHIVE_TEST_ELASTICSEARCH_URL`` (for example ``http://127.0.0.1:9200``) names a cluster with the IK plugin;
each test then gets its own uniquely named index there (``tests/search/elasticsearch/cluster.py``). Without
it the Elasticsearch half of every test is skipped, and says why: our machines have no cluster.
"""

import os

import pytest

ELASTICSEARCH_URL = os.environ.get("ARCHIVE_TEST_ELASTICSEARCH_URL", "")


@pytest.fixture(params=["whoosh", "elasticsearch"])
def engine(request, search_index):
    """The engine the test's searches run on, empty; replies saved in ``indexed()`` blocks reach it."""
    if request.param == "elasticsearch":
        if not ELASTICSEARCH_URL:
            pytest.skip("ARCHIVE_TEST_ELASTICSEARCH_URL 未设置：没有 Elasticsearch 集群，契约测试只在 Whoosh 上运行")
        from tests.search.elasticsearch.cluster import elasticsearch_engine

        with elasticsearch_engine(ELASTICSEARCH_URL, request.getfixturevalue("settings")):
            yield request.param
        return
    yield request.param
