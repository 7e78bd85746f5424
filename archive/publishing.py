"""Publishing a draft reply: what it created becomes public, and its proposal joins the one it is part of.

A draft keeps a proposal of its own (``Proposal.is_draft``), so nothing it names — a proposal, a
person, a proposer link — shows on any public page before a clerk publishes it. On publishing,
the draft's proposal joins the archive's proposal with the same key (``identity.matching_proposal``:
the same session and number of the same place), unless the clerk chose to keep it separate.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from archive.identity import add_proposers, matching_proposal
from archive.models import Proposal, Reply


def planned_join(reply: Reply) -> Proposal | None:
    """The published proposal this draft will join when published, or None when it will be a new one."""
    if reply.pk is None or not reply.proposal.is_draft:
        return None
    return matching_proposal(reply.proposal)


@transaction.atomic
def publish_reply(reply: Reply, *, join: bool = True) -> Proposal | None:
    """Publish a reply; returns the existing proposal it joined, if any. Saves the reply."""
    joined = None
    draft = reply.proposal
    if draft.is_draft:
        joined = matching_proposal(draft) if join else None
        if joined is not None:
            if reply.disclosure not in Reply.PRIVATE_DISCLOSURES:
                # A letter the public may not read names no one on the public proposal's pages.
                add_proposers(joined, [link.person for link in draft.proposer_links.select_related("person")])
            reply.proposal = joined
        else:
            _refuse_clash(draft)
            draft.is_draft = False
            draft.save()
    reply.status = Reply.Status.PUBLISHED
    reply.save()
    if joined is not None and not draft.replies.exists():
        draft.delete()
    return joined


def _refuse_clash(draft: Proposal) -> None:
    # Two proposals with one session and number cannot both be published: one of the two is misread.
    if draft.session_id and draft.number_normalized and matching_proposal(draft) is not None:
        raise ValidationError(
            f"{draft.session.name}第{draft.number}号建议提案已经存在，不能另建。"
            "如确属不同的建议提案，请先更正编号或会议，再发布。",
            code="proposal_clash",
        )
