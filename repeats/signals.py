"""A reply published (or made public) offers its proposal to the groups, once the change is committed."""

import logging

from django.db import transaction
from django.db.models import signals

from archive.models import Reply

logger = logging.getLogger(__name__)
# Saves that cannot make a reply public: the keyword refresh writes only its keywords.
_VISIBILITY = {"status", "disclosure", "proposal"}


def _offer(proposal_id: int) -> None:
    from repeats.grouping import join_group

    try:
        join_group(proposal_id)
    except Exception:  # the reply is saved and published; a missed join is made by the next regroup
        logger.exception("同类建议提案：建议提案 %s 未能加入分组", proposal_id)


def _reply_saved(sender, instance: Reply, update_fields=None, **kwargs):
    if instance.is_public and (update_fields is None or _VISIBILITY & set(update_fields)):
        transaction.on_commit(lambda: _offer(instance.proposal_id), using=kwargs.get("using"))


def connect() -> None:
    signals.post_save.connect(_reply_saved, sender=Reply, dispatch_uid="repeats.reply_saved")
