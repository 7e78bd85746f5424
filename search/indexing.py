"""The one writer of the search index: drain the queue, rebuild beside the live index, check and repair.

* ``drain_queue()`` makes the index match the database for every queued reply (a public reply
  is (re)written, anything else removed) and marks the rows processed after Whoosh commits.
* ``rebuild()`` writes every public reply into a new generation folder, replays the changes
  queued meanwhile, switches the live symlink atomically and replays once more, so nothing
  committed during the rebuild is lost and searches never see an empty index.
* ``compare()`` lists what index and database disagree on; ``repair()`` queues and drains it.

One writer at a time, by the operating system: whoever writes the index holds ``writer.lock`` (an
``fcntl.flock`` in the index's data dir) from reading the database to marking the queue rows: a drain
for each batch, a rebuild while it replays and switches. The indexer's worker also holds
``indexer.lock`` for as long as it runs, so a second indexer waits for the first instead of writing.
The kernel drops both locks when their holder dies, however it dies.
"""

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from haystack import connections
from haystack.constants import ID

from archive.db_statistics import refresh_planner_statistics
from archive.models import Reply

# Processed queue rows are kept this long (a rebuild replays them), then deleted.
KEEP_PROCESSED = timedelta(days=1)


# How long a rebuild waits for the writer lock before its switch (a drain holds it for one batch at most).
REBUILD_LOCK_TIMEOUT_S = 300.0


def lock_dir() -> Path:
    """The index's data dir (the folder of the live symlink), where the writers' lock files are."""
    path = settings.HAYSTACK_CONNECTIONS["default"].get("PATH")
    folder = Path(path).parent if path else Path(settings.DATA_DIR) / "search"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


_held_by_thread = threading.local()  # lock name -> how deeply this thread holds it (a repair drains inside its hold)
_thread_locks: dict[str, threading.RLock] = {"writer": threading.RLock(), "indexer": threading.RLock()}


def acquire_index_lock(name: str = "writer", timeout: float | None = None, waiting=None) -> Callable[[], None]:
    """Take ``<lock_dir>/<name>.lock`` exclusively (flock) and return its release; IndexLocked after ``timeout`` s.

    ``timeout=None`` waits as long as it takes. Re-entrant within a thread; threads of one process take turns.
    ``waiting(tries)`` is called before each try after the first (1, 2, …): to say once that we wait, or to
    give up (by raising) when waiting no longer makes sense.
    """
    from search.backend import IndexLocked

    deadline = None if timeout is None else time.monotonic() + timeout
    in_process = _thread_locks[name]
    if not in_process.acquire(timeout=-1 if timeout is None else timeout):
        raise IndexLocked(f"the index's {name} lock stayed taken for {timeout:.0f} s")
    depth = getattr(_held_by_thread, name, 0)
    handle = None
    try:
        if depth == 0:
            handle = open(lock_dir() / f"{name}.lock", "a+")  # noqa: SIM115 (closed by release(), which unlocks)
            tries = 0
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if deadline is not None and time.monotonic() >= deadline:
                        raise IndexLocked(f"another process held the index's {name} lock for {timeout:.0f} s") from None
                    tries += 1
                    if waiting:
                        waiting(tries)
                    time.sleep(0.1)
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")  # who holds it, for a person looking
            handle.flush()
    except BaseException:
        if handle is not None:
            handle.close()
        in_process.release()
        raise
    setattr(_held_by_thread, name, depth + 1)

    def release() -> None:
        setattr(_held_by_thread, name, depth)
        if handle is not None:
            handle.close()  # the kernel drops the flock with the last descriptor of this open file
        in_process.release()

    return release


@contextmanager
def index_lock(name: str = "writer", timeout: float | None = None, waiting=None) -> Iterator[None]:
    """Hold the index's ``name`` lock for the block (see ``acquire_index_lock``)."""
    release = acquire_index_lock(name, timeout, waiting)
    try:
        yield
    finally:
        release()


def backend():
    """The haystack backend of the default connection (one per process and thread)."""
    return connections["default"].get_backend()


def reply_index():
    return connections["default"].get_unified_index().get_index(Reply)


def identifier(pk: int) -> str:
    return f"archive.reply.{pk}"


def enqueue(reply_ids: Iterable[int]) -> None:
    """Queue replies for re-indexing in the caller's transaction."""
    from search.models import IndexQueue

    IndexQueue.objects.bulk_create(IndexQueue(reply_id=pk) for pk in set(reply_ids))
    if settings.SEARCH_DRAIN_ON_COMMIT:
        # robust: the change is committed and its row queued; an index that cannot be written (a full or
        # read-only disk) is logged and retried by the next drain, never turned into a 500 for the clerk.
        transaction.on_commit(drain_queue, robust=True)


def apply_replies(reply_ids: Iterable[int], target=None) -> None:
    """Make the index hold exactly the public ones of these replies, as the database has them now."""
    target = target or backend()
    ids = set(reply_ids)
    if not ids:
        return
    index = reply_index()
    public = list(index.index_queryset().filter(pk__in=ids))
    documents = [doc for doc in (target.document(index, reply) for reply in public) if doc]
    hidden = ids - {reply.pk for reply in public}
    target.write(documents, [identifier(pk) for pk in hidden])


def drain_queue(batch_size: int = 500) -> int:
    """Index every queued change; returns how many queue rows were processed. Raises IndexLocked."""
    from search.backend import WRITE_LOCK_TIMEOUT_S
    from search.models import IndexQueue

    processed = 0
    while True:
        # Under the writer lock from reading the replies to marking the rows: two writers could otherwise
        # each read a reply, and the one that read it first write last, a hidden reply searchable again.
        with index_lock("writer", timeout=WRITE_LOCK_TIMEOUT_S):
            pending = IndexQueue.objects.waiting().order_by("id")
            rows = list(pending.values_list("id", "reply_id")[:batch_size])
            if not rows:
                break
            apply_replies({reply_id for _, reply_id in rows})
            # Only after Whoosh committed: a crash before this line means the batch is simply redone.
            IndexQueue.objects.filter(id__in=[row_id for row_id, _ in rows]).update(processed_at=timezone.now())
        processed += len(rows)
    IndexQueue.objects.filter(processed_at__lt=timezone.now() - KEEP_PROCESSED).delete()
    return processed


def _replay_since(last_id: int, target) -> int:
    from search.models import IndexQueue

    rows = list(IndexQueue.objects.filter(id__gt=last_id).order_by("id").values_list("id", "reply_id"))
    if rows:
        apply_replies({reply_id for _, reply_id in rows}, target)
    return rows[-1][0] if rows else last_id


def last_change_id() -> int:
    """The newest queued change: it grows with every change to a reply or what it is made of."""
    from search.models import IndexQueue

    return IndexQueue.objects.order_by("-id").values_list("id", flat=True).first() or 0


def rebuild(batch_size: int = 1000, procs: int | None = None, progress=None) -> int:
    """Build a complete new index beside the live one and switch to it; returns the number indexed."""
    from search.backend import ChineseWhooshSearchBackend, new_generation, prune_generations, switch_live

    live = backend()
    if not isinstance(live, ChineseWhooshSearchBackend):  # Elasticsearch: a new index, then the alias switched
        from search.elasticsearch.rebuild import rebuild as rebuild_elasticsearch

        return rebuild_elasticsearch(live, batch_size, progress)
    start_id = last_change_id()
    folder = new_generation(live.live)
    fresh = ChineseWhooshSearchBackend(live.connection_alias, **live.connection_options)
    fresh.setup(folder=folder)
    index = reply_index()
    queryset = index.index_queryset().order_by("pk")
    total = 0
    pks = list(queryset.values_list("pk", flat=True))
    # One jieba process per core: tokenizing is the cost (82 against 40 docs/s at 10,000 replies on 2 cores).
    procs = procs or min(os.cpu_count() or 1, 4)
    writer_options = {"procs": procs, "multisegment": True, "limitmb": 256} if procs > 1 else {"limitmb": 256}
    writer = fresh.index.writer(**writer_options)
    try:
        for start in range(0, len(pks), batch_size):
            for reply in queryset.filter(pk__in=pks[start : start + batch_size]):
                doc = fresh.document(index, reply)
                if doc:
                    writer.add_document(**doc)
                    total += 1
            if progress:
                progress(total, len(pks))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    fresh.setup(folder=folder)
    from search.models import IndexQueue

    # The new folder is ours alone until the switch; from the replay on we write what others read, so we
    # hold the writer lock (the indexer finishes its batch, then waits for us).
    try:
        release = acquire_index_lock("writer", timeout=REBUILD_LOCK_TIMEOUT_S, waiting=lock_waiting)
    except BaseException:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)  # never switched to: no one reads it
        raise
    try:
        # Changes committed while we read the database: replay them into the new folder, switch, replay again
        # (the indexer may have applied the last few to the old folder only). Re-applying is harmless.
        seen = _replay_since(start_id, fresh)
        switch_live(live.live, folder)
        last = _replay_since(seen, fresh)
        # Everything queued up to here is in the new index: left pending, it would make the indexer redo
        # the whole archive before reaching new changes (the 10,000-reply load test found uploads waiting
        # behind 84,000 such rows).
        IndexQueue.objects.waiting().filter(id__lte=last).update(processed_at=timezone.now())
        prune_generations(live.live)
    finally:
        release()
    refresh_planner_statistics()  # a rebuild follows a restore or a bulk load: the tables' shape changed
    return total


def lock_waiting(tries: int) -> None:
    if tries == 1:
        import logging

        logging.getLogger(__name__).warning("另一个进程正在写检索索引，等待它写完……")


@dataclass
class Comparison:
    missing: set[int]  # public in the database, absent from the index
    extra: set[int]  # in the index, but deleted or not public
    stale: set[int]  # indexed before the reply's last change

    @property
    def agrees(self) -> bool:
        return not (self.missing or self.extra or self.stale)


def compare() -> Comparison:
    """What the index and the database disagree on (by id, and by the date of each indexed document)."""
    target = backend()
    stored = target.stored_documents()
    indexed = set(stored)
    public = set(Reply.objects.public().values_list("pk", flat=True))
    # A document whose stored facet values differ from the database's is stale (an edit that never arrived).
    index = reply_index()
    stale = set()
    for reply in index.index_queryset().filter(pk__in=indexed & public):
        doc = target.document(index, reply) or {}
        fields = stored[reply.pk]
        compared = [key for key in doc if key != target.content_field_name and key != ID]
        if any(str(doc.get(key, "")) != str(fields.get(key, "")) for key in compared):
            stale.add(reply.pk)
    return Comparison(missing=public - indexed, extra=indexed - public, stale=stale)


def repair(comparison: Comparison) -> int:
    """Queue and index every reply the comparison found; returns how many."""
    ids = comparison.missing | comparison.extra | comparison.stale
    with transaction.atomic():
        enqueue(ids)
    drain_queue()
    return len(ids)
