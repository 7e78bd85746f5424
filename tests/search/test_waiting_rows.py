"""Every search asks the index queue for its waiting rows (``stale_reply_ids``): that must stay a lookup, however
long the queue of processed rows, and whatever the database's statistics say about it."""

import sqlite3
from contextlib import contextmanager

import pytest
from django.db import connection
from django.utils import timezone

from search.executor import stale_reply_ids
from search.models import IndexQueue


@pytest.mark.django_db
def test_the_waiting_rows_are_read_through_their_own_index_after_a_rebuild_marked_thousands_at_once():
    # A rebuild marks every row processed at one instant; ANALYZE then told SQLite that processed_at has one value,
    # and it scanned the whole queue on every search.
    now = timezone.now()
    IndexQueue.objects.bulk_create(IndexQueue(reply_id=pk, processed_at=now) for pk in range(1, 3001))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    plan = IndexQueue.objects.waiting().values_list("reply_id", flat=True).explain()
    if connection.vendor == "sqlite":  # PostgreSQL's planner may well read a table this small whole
        assert "USING" in plan and "SCAN" not in plan, plan
    assert stale_reply_ids() == set()


@pytest.mark.django_db
def test_a_waiting_reply_that_is_not_public_is_stale_and_a_public_one_is_not(make_reply):
    public = make_reply()
    hidden = make_reply(publish=False, agency="湖州市民政局", session="湖州市十五届政协二次会议", role="委员",
                        proposers=("龚秋菊",))
    IndexQueue.objects.all().delete()
    IndexQueue.objects.bulk_create([IndexQueue(reply_id=public.pk), IndexQueue(reply_id=hidden.pk)])
    assert stale_reply_ids() == {hidden.pk}


@pytest.mark.django_db
def test_a_queue_longer_than_a_query_may_name_still_answers(make_reply):
    # A bulk import leaves tens of thousands of rows waiting until the indexer drains them; searches go on meanwhile.
    # SQLite takes at most 32,766 values in one query, so the waiting replies must never be named one by one.
    hidden = make_reply(publish=False, agency="宜宾市教育体育局", proposers=("叶晓燕",))
    IndexQueue.objects.bulk_create(IndexQueue(reply_id=pk) for pk in range(1_000_000, 1_040_000))
    IndexQueue.objects.create(reply_id=hidden.pk)
    with default_sqlite_limits():
        assert hidden.pk in stale_reply_ids()


@pytest.mark.django_db
def test_a_reply_queued_many_times_counts_once_among_the_few_named(make_reply):
    # Each save queues a row: a clerk editing 300 replies twice leaves 600 rows for 300 replies. The first 501 rows
    # name only 251 replies, fewer than FEW_WAITING: read as "few", the 49 after them were never looked at.
    IndexQueue.objects.bulk_create(IndexQueue(reply_id=pk) for pk in range(2_000_001, 2_000_301) for _ in range(2))
    hidden = make_reply(publish=False, agency="慈溪市民政局", proposers=("陈海光",))
    IndexQueue.objects.filter(reply_id=hidden.pk).delete()
    IndexQueue.objects.bulk_create([IndexQueue(reply_id=hidden.pk), IndexQueue(reply_id=hidden.pk)])

    stale = stale_reply_ids()

    assert hidden.pk in stale and set(range(2_000_001, 2_000_301)) <= stale


@contextmanager
def default_sqlite_limits():
    """SQLite as it is built by default, 32,766 values a query (Debian's allows 250,000); nothing elsewhere."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    connection.connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 32_766)
    try:
        yield
    finally:
        connection.connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)
