"""The Elasticsearch engine in tests: on a port where nothing listens, or on the cluster
``ARCHIVE_TEST_ELASTICSEARCH_URL`` names (skipped, and saying so, when it names none)."""

import os

import pytest

from .cluster import configured_engine, elasticsearch_engine

UNREACHABLE = "http://127.0.0.1:9/replies"  # the discard port: nothing listens, a connection is refused


@pytest.fixture
def unreachable_cluster(settings, tmp_path):
    """The engine configured on a cluster that refuses every connection; the queue is not drained on commit."""
    settings.DATA_DIR = tmp_path  # the writers' lock files
    with configured_engine(UNREACHABLE, settings) as live:
        settings.SEARCH_DRAIN_ON_COMMIT = False
        yield live


@pytest.fixture
def elasticsearch_cluster(settings):
    url = os.environ.get("ARCHIVE_TEST_ELASTICSEARCH_URL")
    if not url:
        pytest.skip("ARCHIVE_TEST_ELASTICSEARCH_URL names no Elasticsearch cluster")
    with elasticsearch_engine(url, settings) as live:
        yield live
