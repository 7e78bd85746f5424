"""Each search test gets its own empty Whoosh index, and the queue drains in-process on commit."""

import pytest


@pytest.fixture(autouse=True)
def _own_index(search_index):
    """Every search test gets the empty temporary index of ``search_index`` (tests/conftest.py)."""


@pytest.fixture
def drain(db):
    from search.indexing import drain_queue

    return drain_queue
