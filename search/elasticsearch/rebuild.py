"""Rebuild the Elasticsearch index without ever emptying what searches read (``manage.py rebuild_search_index``).

Every public reply is written into a new index ``<alias>-<timestamp>`` while searches keep reading the old
one through the alias. Then, under the indexer's writer lock (``search.indexing``), the changes queued
meanwhile are replayed into the new index, the alias is moved to it in one ``_aliases`` request (remove
and add together: a search sees the old index or the new, never none), the changes queued during the
replay are replayed again, and the old indices are deleted. The same order as the Whoosh rebuild's
folders and symlink, so nothing committed during a rebuild is lost.
"""

from contextlib import suppress

from django.utils import timezone

from archive.db_statistics import refresh_planner_statistics
from search.executor import SearchUnavailable


def rebuild(live, batch_size: int = 1000, progress=None) -> int:
    """Fill a new index from the database and switch the alias of ``live`` (an ``ElasticsearchBackend``) to it;
    returns the number of replies indexed."""
    from search.indexing import (
        REBUILD_LOCK_TIMEOUT_S,
        _replay_since,
        acquire_index_lock,
        last_change_id,
        lock_waiting,
        reply_index,
    )
    from search.models import IndexQueue

    start_id = last_change_id()
    fresh = live.writing_to(live.create_index(filling=True))
    index = reply_index()
    queryset = index.index_queryset().order_by("pk").prefetch_related("sections")
    pks = list(queryset.values_list("pk", flat=True))
    total = 0
    try:
        for start in range(0, len(pks), batch_size):
            replies = queryset.filter(pk__in=pks[start : start + batch_size])
            documents = [doc for doc in (fresh.document(index, reply) for reply in replies) if doc]
            fresh.write(documents, refresh=False)
            total += len(documents)
            if progress:
                progress(total, len(pks))
        fresh.finish_filling()
        release = acquire_index_lock("writer", timeout=REBUILD_LOCK_TIMEOUT_S, waiting=lock_waiting)
    except BaseException:
        with suppress(SearchUnavailable):  # never switched to, so no one reads it; a cluster that is down keeps it
            fresh.delete_indices([fresh.index_name])
        raise
    try:
        seen = _replay_since(start_id, fresh)
        old = live.switch_alias(fresh.index_name)
        # The indexer may have applied the last few changes to the old index only: again, into the new one.
        last = _replay_since(seen, fresh)
        IndexQueue.objects.waiting().filter(id__lte=last).update(processed_at=timezone.now())
        live.delete_indices(old)
    finally:
        release()
    refresh_planner_statistics()  # a rebuild follows a restore or a bulk load: the tables' shape changed
    return total
