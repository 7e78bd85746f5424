"""Whoever writes the index holds writer.lock (an OS lock in the index's data dir): drains and rebuilds wait for it."""

import fcntl
from contextlib import contextmanager

import pytest
from django.core.management import call_command

from search.backend import IndexLocked
from search.indexing import drain_queue, index_lock, lock_dir
from search.models import IndexQueue
from search.query import SearchParams, search

pytestmark = pytest.mark.usefixtures("search_index")


@contextmanager
def another_writer():
    """Another process's hold on the lock: flock locks of two open files exclude each other, even in one process."""
    with open(lock_dir() / "writer.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield


def pending():
    return IndexQueue.objects.filter(processed_at__isnull=True).count()


def test_a_drain_waits_for_another_writer_and_leaves_the_change_queued(make_reply, settings, monkeypatch):
    settings.SEARCH_DRAIN_ON_COMMIT = False
    make_reply(body_text="五育并举。")
    monkeypatch.setattr("search.backend.WRITE_LOCK_TIMEOUT_S", 0.3)

    with another_writer(), pytest.raises(IndexLocked):
        drain_queue()
    assert pending() > 0 and search(SearchParams(q="五育并举")).total == 0

    assert drain_queue() > 0
    assert pending() == 0 and search(SearchParams(q="五育并举")).total == 1


def test_a_rebuild_does_not_switch_while_another_writer_holds_the_lock(make_reply, settings, search_index,
                                                                      monkeypatch):
    settings.SEARCH_DRAIN_ON_COMMIT = False
    make_reply(body_text="五育并举。")
    call_command("rebuild_search_index", verbosity=0)
    live = search_index.resolve()
    monkeypatch.setattr("search.indexing.REBUILD_LOCK_TIMEOUT_S", 0.3)

    with another_writer(), pytest.raises(IndexLocked):
        call_command("rebuild_search_index", verbosity=0)
    assert search_index.resolve() == live

    call_command("rebuild_search_index", verbosity=0)
    assert search_index.resolve() != live and search(SearchParams(q="五育并举")).total == 1


def test_the_lock_is_reentrant_in_one_thread(db):
    with index_lock("writer", timeout=0.3), index_lock("writer", timeout=0.3):
        assert drain_queue() == 0  # a repair drains inside its own hold
