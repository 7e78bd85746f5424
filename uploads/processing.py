"""The worker's task: read one upload into a draft reply, once.

The slow part (conversion, OCR) runs outside any transaction, so the database stays free for the site
meanwhile; the reply is then saved by ``archive.ingest`` in its own transaction, and the row turns 待核对
inside that same transaction (a signal on the reply's save): the reply and the row's new state are committed
together, or neither is. A message delivered twice, or to two workers at once, is read once (``lease.take``).
"""

import logging
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.admin.models import ADDITION, LogEntry
from django.db.models.signals import post_save
from django.dispatch import receiver

from archive.ingest import import_file
from archive.models import Reply
from archive.places import division
from archive.upload import outcome_of
from uploads import lease
from uploads.models import Upload

logger = logging.getLogger(__name__)


class LeaseLost(Exception):
    """Another worker took the row over while this one read it: what this one was saving is rolled back."""


@dataclass(frozen=True)
class _Reading:
    upload_id: int
    owner: str


# The upload this thread is reading, for the signal that finishes it when its reply is saved.
_reading: ContextVar[_Reading | None] = ContextVar("upload being read", default=None)


def process_upload(upload_id: int) -> None:
    """Read the upload if no other worker has or does; the task the queue runs."""
    owner = lease.new_owner()
    if not lease.take(upload_id, owner):
        return  # read already, or being read: a repeated message does nothing
    upload = Upload.objects.select_related("uploaded_by").get(pk=upload_id)
    place = division(upload.place_code) if upload.place_code else None
    token = _reading.set(_Reading(upload_id, owner))
    try:
        outcome = outcome_of(upload.name, lambda: import_file(
            _stored_bytes(upload), upload.filename, uploaded_by=upload.uploaded_by, place=place,
        ))
    finally:
        _reading.reset(token)
    # A saved one turned 待核对 with its reply. A worker that lost the row leaves the file to the one that took it.
    if outcome.saved or lease.finish(
        upload_id, owner, state=Upload.State.FAILED, error=outcome.error, existing=outcome.existing
    ):
        discard_file(upload)


def _stored_bytes(upload: Upload) -> bytes:
    with upload.file.open("rb") as stored:
        return stored.read()


def discard_file(upload: Upload) -> None:
    """The stored bytes go once the upload is read: its reply keeps its own original; a refused one is the clerk's."""
    if upload.file:
        upload.file.storage.delete(upload.file.name)
        Upload.objects.filter(pk=upload.pk).update(file="")


@receiver(post_save, sender=Reply, dispatch_uid="uploads.finish_with_reply")
def _finish_with_reply(sender, instance: Reply, created: bool, **kwargs) -> None:
    reading = _reading.get()
    if not created or reading is None:
        return
    if not lease.finish(reading.upload_id, reading.owner, state=Upload.State.READY, reply=instance, error=""):
        raise LeaseLost(f"upload {reading.upload_id} was taken over by another worker")
    if instance.uploaded_by_id:  # the reply's history says who added it, as when the admin saves one
        LogEntry.objects.log_actions(instance.uploaded_by_id, [instance], ADDITION, [{"added": {}}], single_object=True)
