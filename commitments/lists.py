"""What the public pages list of commitments: a reply's own, an agency's, a place's or a person's due ones,
and a person's proposals by session. Only commitments of ``Reply.objects.public()``; lists are bounded.
"""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from archive.models import Agency, Person, Place, Reply
from commitments.models import Commitment

# How many commitments an agency's, place's or person's page lists in each of its two lists.
LIST_LENGTH = 20
# How many replies a person's proposals-by-session list reads (a delegate has tens).
PERSON_REPLIES = 200
# The letters' texts (10 KB a reply, ``ReplyQuerySet.without_texts``), which no list of commitments shows.
TEXTS = ("raw_text", "body_text", "next_steps")


def _without_texts(*relations: str) -> list[str]:
    """The texts of the replies joined in through ``relations``, to defer."""
    return [f"{relation}__{name}" for relation in relations for name in TEXTS]


@dataclass(frozen=True)
class Shown:
    """A commitment as a page shows it on ``today``."""

    text: str
    deadline: str
    due: date | None
    reply: Reply
    past_due: bool | None  # None: no date to be due by
    follow_up: Reply | None  # only a public one


def shown(commitment: Commitment, today: date) -> Shown:
    past_due = None if commitment.due is None else commitment.due < today
    return Shown(commitment.text, commitment.deadline, commitment.due, commitment.reply, past_due,
                 commitment.public_follow_up)


def of_reply(reply: Reply, today: date) -> list[Shown]:
    """A public reply's commitments in the letter's order (the reply page is reached only through public())."""
    # In one query with their follow-ups, of which only what the list shows (and ``is_public`` reads). Meta's
    # ordering goes through the reply, a join for nothing; a second query for the follow-ups cost 0.45 ms.
    commitments = reply.commitments.order_by("position").select_related("follow_up__agency").only(
        "reply", "position", "text", "deadline", "due", "follow_up",
        "follow_up__status", "follow_up__disclosure", "follow_up__date", "follow_up__agency__name",
    )
    return [shown(commitment, today) for commitment in commitments]


def replies_of(owner) -> QuerySet:
    """The public replies an agency's, a place's or a person's page is about."""
    public = Reply.objects.public()
    if isinstance(owner, Agency):
        return public.filter(agency=owner)
    if isinstance(owner, Place):
        return public.in_place(owner)
    if isinstance(owner, Person):
        return public.filter(proposal__proposer_links__person=owner)
    raise TypeError(f"no replies of {type(owner).__name__}")


@dataclass(frozen=True)
class Due:
    open: list[Shown]  # due today or later, soonest first
    open_count: int
    past_due: list[Shown]  # due before today, most recently due first
    past_due_count: int


def due_of(owner, today: date) -> Due:
    """An agency's, a place's or a person's dated commitments: those still open and those past due."""
    commitments = (
        Commitment.objects.filter(reply__in=replies_of(owner))
        .select_related("reply__agency", "reply__proposal", "follow_up__agency")
        .defer(*_without_texts("reply", "follow_up"))
    )
    # One count for both lists; a list is read only when it has something (most pages list nothing).
    counts = commitments.aggregate(
        open=Count("pk", filter=Q(due__gte=today)), past=Count("pk", filter=Q(due__lt=today))
    )
    open_ = commitments.open(today).order_by("due", "reply_id", "position")[:LIST_LENGTH] if counts["open"] else []
    past = commitments.past_due(today).order_by("-due", "reply_id", "position")[:LIST_LENGTH] if counts["past"] else []
    return Due(
        open=[shown(c, today) for c in open_], open_count=counts["open"],
        past_due=[shown(c, today) for c in past], past_due_count=counts["past"],
    )


@dataclass
class ProposalRow:
    proposal: object
    replies: list  # each with .open_commitments, .past_due_commitments, .commitment_count


def proposals_by_session(person: Person, today: date) -> list[tuple[object, list[ProposalRow]]]:
    """A person's proposals grouped by session (newest first), each with its public replies, their result
    class and how many commitments they made, still open and past due."""
    replies = (
        Reply.objects.public().filter(proposal__proposer_links__person=person)
        .select_related("agency", "proposal__session__place")
        .annotate(
            commitment_count=Count("commitments", distinct=True),
            open_commitments=Count("commitments", filter=Q(commitments__due__gte=today), distinct=True),
            past_due_commitments=Count("commitments", filter=Q(commitments__due__lt=today), distinct=True),
        )
        .without_texts()
        .order_by("-proposal__session__year", "proposal__session_id", "proposal__number_normalized", "date", "pk")
    )[:PERSON_REPLIES]
    sessions: OrderedDict = OrderedDict()
    for reply in replies:
        proposals = sessions.setdefault(reply.proposal.session, OrderedDict())
        proposals.setdefault(reply.proposal_id, ProposalRow(reply.proposal, [])).replies.append(reply)
    return [(session, list(proposals.values())) for session, proposals in sessions.items()]
