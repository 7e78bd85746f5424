"""The one writer of commitments: a reply's next steps, read by ``archive.parsing.commitments``, become rows.

``derive_commitments`` runs whenever a reply is saved (``commitments.signals``), so an edit of its next
steps, text or date re-derives them; ``derive_all`` does it for the whole archive (``manage.py
derive_commitments``). Rows are replaced only when what the letter says changed, so follow-up links
survive an unrelated save.
"""

from django.db import transaction

from archive.models import Reply
from archive.parsing.commitments import find_commitments
from commitments.followups import refresh_follow_ups
from commitments.models import Commitment
from search import indexing


def derive_commitments(reply: Reply, *, dry_run: bool = False) -> bool:
    """Make the reply's stored commitments those its text states now; True when they changed."""
    found = find_commitments(reply.next_steps, reply.date, reply.body_text)
    wanted = [(item.text, item.deadline or "", item.due) for item in found]
    stored = list(reply.commitments.order_by("position").values_list("text", "deadline", "due"))
    if wanted == stored:
        return False
    if not dry_run:
        reply.commitments.all().delete()
        Commitment.objects.bulk_create(
            Commitment(reply=reply, position=position, text=text, deadline=deadline, due=due)
            for position, (text, deadline, due) in enumerate(wanted)
        )
    return True


def derive_all(*, dry_run: bool = False) -> int:
    """Derive every reply's commitments and link their follow-ups again; returns how many replies changed.

    A changed reply is queued for the search index, its ``commitment`` facet may have changed; it is not
    saved again (its 修改时间 stays, and nothing else reads it again).
    """
    changed = []
    replies = Reply.objects.only("pk", "next_steps", "date", "body_text").order_by("pk")
    for reply in replies.iterator(chunk_size=500):
        with transaction.atomic():
            if derive_commitments(reply, dry_run=dry_run):
                changed.append(reply.pk)
    if not dry_run:
        agencies = Reply.objects.exclude(agency=None).values_list("agency_id", flat=True).distinct()
        for agency_id in agencies.order_by("agency_id"):
            with transaction.atomic():
                refresh_follow_ups(agency_id)
        with transaction.atomic():  # enqueue writes in the caller's transaction, drained when it commits
            indexing.enqueue(changed)
    return len(changed)
