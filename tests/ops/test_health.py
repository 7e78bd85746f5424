"""/healthz tells a load balancer whether the database and the index can be read and agree."""

from datetime import timedelta

import pytest
from django.db import DatabaseError
from django.utils import timezone

from archive.models import Reply
from search.indexing import backend, identifier
from search.models import IndexQueue

pytestmark = pytest.mark.usefixtures("search_index")


def test_healthy_when_database_and_index_hold_the_same_replies(client, make_reply, indexed):
    with indexed():
        make_reply()
        make_reply(publish=False)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["database_replies"] == response.json()["index_replies"] == 1
    assert response.json()["counts_agree"] is True


def test_unhealthy_when_the_index_lost_a_reply_and_nothing_is_queued(client, make_reply, indexed):
    with indexed():
        reply = make_reply()
    backend().remove(identifier(reply.pk))

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["counts_agree"] is False


def test_counts_that_differ_while_changes_are_queued_are_the_indexer_catching_up(client, make_reply):
    make_reply()  # committed without draining: the change waits in the queue

    response = client.get("/healthz")

    assert IndexQueue.objects.filter(processed_at__isnull=True).exists()
    assert response.status_code == 200
    assert response.json()["counts_agree"] is False


def test_a_change_that_waited_too_long_means_the_indexer_is_stuck(client, make_reply, settings):
    make_reply()
    IndexQueue.objects.update(queued_at=timezone.now() - timedelta(seconds=settings.SEARCH_INDEX_LAG_LIMIT + 60))

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["oldest_queued_seconds"] > settings.SEARCH_INDEX_LAG_LIMIT


def test_a_database_that_cannot_be_read_answers_503_with_a_reason(client, monkeypatch):
    def fail(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(Reply.objects, "public", fail)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"].startswith("error")


def test_an_index_that_cannot_be_read_answers_503(client, db, monkeypatch):
    monkeypatch.setattr(type(backend()), "searcher", lambda self: (_ for _ in ()).throw(OSError("gone")))

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["index"] == "error: OSError"
