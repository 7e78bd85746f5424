"""Each search test gets its own empty Whoosh index, and the queue drains in-process on commit."""

import pytest


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path):
    from haystack import connections

    settings.HAYSTACK_CONNECTIONS = {
        "default": {"ENGINE": "search.backend.ChineseWhooshEngine", "PATH": str(tmp_path / "search" / "index")}
    }
    settings.SEARCH_DRAIN_ON_COMMIT = True
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.reload("default")
    yield tmp_path / "search" / "index"
    connections.reload("default")


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Use as ``with indexed(): make_reply(...)``: the replies are searchable when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def drain(db):
    from search.indexing import drain_queue

    return drain_queue
