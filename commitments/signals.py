"""Keep commitments in step with their replies: every save of a reply derives them again and re-links follow-ups.

One post_save receiver covers every writer — the ingest, publishing, the admin's edits and actions, the
fixture loader — without any of them knowing about commitments. A save that names only fields commitments
do not depend on (``update_fields``) is skipped. The commitments are derived in the save's transaction;
the follow-ups are linked when it commits, once for each agency it touched (``followups.refresh_around``).
"""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import signals

from archive.models import Reply
from commitments.deriving import derive_commitments
from commitments.followups import refresh_around

# What a reply's commitments and their follow-ups are made of.
DEPENDS_ON = frozenset({"next_steps", "body_text", "date", "status", "disclosure", "agency", "proposal", "keywords"})


def reply_saved(sender, instance: Reply, update_fields=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    if update_fields is not None and not DEPENDS_ON.intersection(update_fields):
        return
    # The ingest saves a reply twice (as a draft, then published): its words are read once.
    source = (instance.next_steps, instance.body_text, instance.date)
    if getattr(instance, "_commitments_read_from", None) != source:
        derive_commitments(instance)
        instance._commitments_read_from = source
    refresh_around(instance, using=using)  # when the transaction commits, once per agency


def connect() -> None:
    signals.post_save.connect(reply_saved, sender=Reply, dispatch_uid="commitments.reply_saved")
