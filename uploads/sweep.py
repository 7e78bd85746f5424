"""Uploads a dead worker left behind go back to the queue: at the worker's start and every minute after.

A worker killed mid-file (out of memory, a restart, a machine lost) leaves its row 识别中 with a lease; once
the lease has run out the row is queued again and read from the start (nothing of the first reading was
committed). A file that has used up its attempts is 未能读取: it is what kills the worker. Queued rows
whose message is gone (a purged queue) get a new one.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from uploads import queue
from uploads.models import Upload
from uploads.processing import discard_file

GAVE_UP = (
    "这个文件读取了 {attempts} 次都没有完成（每次至多 {minutes} 分钟），已停止尝试，未保存。"
    "可能文件过大、页数过多或内容异常；请拆分后重新上传，或把文件交给系统管理员。"
)


@transaction.atomic
def requeue_stale() -> int:
    """Queue again the rows whose reader's lease ran out, and the queued rows no message will reach; how many."""
    now = timezone.now()
    expired = Upload.objects.filter(state=Upload.State.READING, lease_until__lt=now)
    given_up = list(expired.filter(attempts__gte=settings.UPLOAD_MAX_ATTEMPTS))
    for upload in given_up:
        message = GAVE_UP.format(attempts=upload.attempts, minutes=settings.UPLOAD_TIME_LIMIT_SECONDS // 60)
        if expired.filter(pk=upload.pk).update(state=Upload.State.FAILED, error=message, finished_at=now):
            transaction.on_commit(lambda upload=upload: discard_file(upload))
    stale = list(expired.values_list("pk", flat=True))
    expired.filter(pk__in=stale).update(state=Upload.State.QUEUED, lease_owner="", lease_until=None)
    if not queue.messages_waiting():
        stale += Upload.objects.filter(state=Upload.State.QUEUED).exclude(pk__in=stale).values_list("pk", flat=True)
    for upload_id in stale:
        queue.enqueue(upload_id)
    return len(stale)
