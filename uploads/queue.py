"""The task library, django-q2 with its ORM broker: its queue is a table of the archive's own database.

Why django-q2 and not huey (README, "Uploads read in the background"): a message is written through Django's
own connection, so it is committed with the upload's row or not at all, on SQLite and PostgreSQL alike, with
no second database file or server; and a message leaves the queue only once its task has finished, so one
whose worker was killed comes back after ``Q_CLUSTER["retry"]`` seconds. huey deletes a message as a worker
takes it, and its SQLite storage is a connection of its own that waits on the request's write lock.
"""

from django_q.models import OrmQ, Schedule
from django_q.tasks import async_task

PROCESS = "uploads.processing.process_upload"
SWEEP = "uploads.sweep.requeue_stale"
SWEEP_SCHEDULE = "上传文件：找回中断的读取"


def enqueue(upload_id: int) -> None:
    """Queue one upload for reading, in the caller's transaction: the message is committed with the row."""
    async_task(PROCESS, upload_id, group="uploads")


def messages_waiting() -> bool:
    """Whether any message is in the queue (waiting, or taken by a worker that has not finished it)."""
    return OrmQ.objects.exists()


def schedule_sweep() -> None:
    """Have the worker look for interrupted uploads every minute (a row in django-q2's schedule, made once)."""
    Schedule.objects.update_or_create(
        name=SWEEP_SCHEDULE, defaults={"func": SWEEP, "schedule_type": Schedule.MINUTES, "minutes": 1, "repeats": -1}
    )
