"""A public reply deleted outright leaves no bulk dump behind that still holds it.

A withdrawn reply keeps its row (``Reply.withdrawn_at``), by which ``archive.dataset.current`` passes over
older dumps; a deleted one leaves no trace to compare with, so the dumps go when the deletion commits.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete

from archive.dataset import discard_dumps
from archive.models import Reply


def connect() -> None:
    post_delete.connect(_public_reply_deleted, sender=Reply, dispatch_uid="archive.withdrawals")


def _public_reply_deleted(sender, instance: Reply, **kwargs) -> None:
    if instance.is_public:
        transaction.on_commit(lambda: discard_dumps(settings.DATASET_DIR))
