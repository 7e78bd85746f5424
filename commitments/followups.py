"""Follow-ups (后续答复): which later reply takes up a commitment.

A commitment is followed up by the first public reply of the same agency, dated after its own, that
answers the same proposal (a 跟踪答复, a second answer, next year's reply to the same number); failing
that, by the first such reply on a related proposal — one sharing at least ``SHARED_WORDS`` of the
replies' topic keywords (``Reply.keywords``, as related replies are found), one of which the
commitment's own text names. An undated reply neither has nor is a follow-up: order needs dates.
"""

import threading
from dataclasses import dataclass, field
from datetime import date

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Q

from archive.models import Reply
from commitments.models import Commitment

# Topic keywords (of eight) two replies must share to be on a related proposal.
SHARED_WORDS = 3


@dataclass(frozen=True)
class _Letter:
    pk: int
    proposal_id: int
    date: date
    keywords: frozenset[str]


def refresh_follow_ups(agency_id: int, *, up_to: date | None = None) -> int:
    """Link again the commitments of the agency's replies; returns how many links changed.

    With ``up_to``, only those of replies dated then or earlier, and those linked to a reply dated then or
    earlier: after saves of replies dated up to then, the later ones keep their links, as a reply can follow
    up only earlier ones (a link to a saved reply is to one dated up to then, and is looked at again).
    """
    rows = Reply.objects.filter(agency_id=agency_id).exclude(date=None).values_list("pk", "proposal_id", "date",
                                                                                 "keywords")
    letters = {pk: _Letter(pk, proposal, day, frozenset(words or ())) for pk, proposal, day, words in rows}
    public = Reply.objects.public().filter(agency_id=agency_id).values_list("pk", flat=True)
    later = sorted((letters[pk] for pk in public if pk in letters), key=lambda letter: (letter.date, letter.pk))
    commitments = Commitment.objects.filter(reply__agency_id=agency_id).only("pk", "reply_id", "text", "follow_up_id")
    if up_to is not None:
        commitments = commitments.filter(
            Q(reply__date__lte=up_to) | Q(reply__date=None) | Q(follow_up__date__lte=up_to)
        )
    changed = []
    for commitment in commitments:
        letter = letters.get(commitment.reply_id)
        follow_up = _follow_up(letter, commitment.text, later) if letter else None
        if follow_up != commitment.follow_up_id:
            commitment.follow_up_id = follow_up
            changed.append(commitment)
    Commitment.objects.bulk_update(changed, ["follow_up"], batch_size=500)
    return len(changed)


def _follow_up(letter: _Letter, text: str, later: list[_Letter]) -> int | None:
    candidates = [other for other in later if other.date > letter.date]
    same = next((other for other in candidates if other.proposal_id == letter.proposal_id), None)
    if same is not None:
        return same.pk
    for other in candidates:
        shared = letter.keywords & other.keywords
        if len(shared) >= SHARED_WORDS and any(word in text for word in shared):
            return other.pk
    return None


def refresh_around(reply: Reply, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """After a reply's save: the links it may have made, broken or moved, in its agency and in one it left.

    A reply the public cannot see follows nothing up and shows no links: only the links to it are undone
    (its own are made when it is published, which saves it again). The links are made when the transaction
    commits, once per agency however many of its replies the transaction saved (an ingest, a batch
    published); a refresh that fails then is logged, and ``manage.py derive_commitments`` links all again.
    """
    agencies = set(Commitment.objects.filter(follow_up=reply).values_list("reply__agency_id", flat=True))
    if reply.is_public:
        agencies.add(reply.agency_id)
    elif not agencies:
        return
    if reply.agency_id is None:
        reply.commitments.exclude(follow_up=None).update(follow_up=None)
    agencies.discard(None)
    if not agencies:
        return
    refresh = _queued(using)
    if refresh is not None:
        refresh.add(agencies, reply.date)
        return
    refresh = _Refresh()
    refresh.add(agencies, reply.date)
    _local.queued = {**getattr(_local, "queued", {}), using: refresh}
    # On commit, or at once outside a transaction. Robust: the reply is saved by then, and the callbacks
    # after this one (the search index's) must run all the same.
    transaction.on_commit(refresh.run, using=using, robust=True)


@dataclass
class _Refresh:
    """The agencies a transaction's saves of replies touched, each with the latest date saved (None: any)."""

    up_to: dict[int, date | None] = field(default_factory=dict)
    ran: bool = False

    def add(self, agencies: set[int], day: date | None) -> None:
        for agency_id in agencies:
            known = self.up_to.get(agency_id, day)
            self.up_to[agency_id] = None if known is None or day is None else max(known, day)

    def run(self) -> None:
        if self.ran:
            return
        self.ran = True
        for agency_id, up_to in sorted(self.up_to.items()):
            refresh_follow_ups(agency_id, up_to=up_to)


_local = threading.local()  # the refresh last queued, by database alias (connections are per thread too)


def _queued(using: str) -> _Refresh | None:
    """The refresh the current transaction will run on commit, if one is queued: it has not run, and no
    rollback dropped it from the connection's callbacks."""
    refresh = getattr(_local, "queued", {}).get(using)
    if refresh is None or refresh.ran:
        return None
    callbacks = connections[using].run_on_commit
    return refresh if any(getattr(callback, "__self__", None) is refresh for _, callback, _ in callbacks) else None
