"""The Elasticsearch engine configured for a test: on a real cluster (the contract suite) or on none.

``elasticsearch_engine(cluster_url, settings)`` is what the contract suite enters when
``ARCHIVE_TEST_ELASTICSEARCH_URL`` names a cluster (``http://127.0.0.1:9200``): a fresh, uniquely named
alias with its own empty index, the queue drained into it on commit (each write refreshed, so what a test
saved is searchable when ``indexed()`` ends), and every index of that alias deleted afterwards. Our
machines have no cluster, so this path is not run here: it only uses the backend's own ``ensure_index``
and ``delete_indices``, which the tests with a fake cluster run.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from search.connection import search_connection


@contextmanager
def configured_engine(url: str, settings) -> Iterator:
    """The default search connection on ``url`` (``http(s)://host:port/<alias>``) for the block: its backend."""
    from haystack import connections

    from search.indexing import backend

    before = connections.connections_info
    settings.HAYSTACK_CONNECTIONS = {"default": search_connection(url, settings.DATA_DIR)}
    settings.SEARCH_DRAIN_ON_COMMIT = True
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.reload("default")
    try:
        yield backend()
    finally:
        connections.connections_info = before
        connections.reload("default")


@contextmanager
def elasticsearch_engine(cluster_url: str, settings) -> Iterator:
    """A new alias ``test-replies-<random>`` on the cluster, with an empty index, deleted afterwards."""
    alias = f"test-replies-{uuid.uuid4().hex[:12]}"
    with configured_engine(f"{cluster_url.rstrip('/')}/{alias}", settings) as live:
        live.ensure_index()
        try:
            yield live
        finally:
            live.delete_indices(sorted(live.client.indices.get(index=f"{alias}-*").body))
