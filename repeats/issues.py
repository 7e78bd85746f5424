"""What the public sees of a group: its public proposals, with their public replies, and the line on a proposal page.

Groups are made by a regroup that may be hours old; a reply withdrawn or hidden since then must not show. So
every read here filters again through ``Reply.objects.public()``: a proposal whose replies are all hidden is
left out, and a group with fewer than two public proposals is no group to the public.
"""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.db.models import Prefetch

from archive.models import Proposal, Proposer, Reply
from repeats import similarity
from repeats.models import Membership, ProposalWords, RepeatGroup, public_proposals


def public_label(group: RepeatGroup, titles: dict[int, str]) -> str:
    """The group's name as the public may read it, given its public proposals' titles by id: every page that names
    a group calls this, never ``group.label`` itself.

    The stored label is the medoid's title at the last regroup; since then that proposal's replies may have been
    withdrawn or made 依申请公开, and its title must go with them. So the stored label only while a public proposal
    of the group bears it; else the title of the public proposal closest to the stored medoid (by its kept vector;
    on a tie, or with no vector kept, the lowest id).
    """
    if not titles:
        return ""
    if group.label in titles.values():
        return group.label
    kept = dict(ProposalWords.objects.filter(proposal_id__in=titles).values_list("proposal_id", "vector"))
    closest = max(sorted(titles), key=lambda pk: similarity.cosine(kept.get(pk, {}), group.medoid))
    return titles[closest]


def public_members(group: RepeatGroup) -> list[Proposal]:
    """The group's public proposals, the earliest answered first, each with ``public_replies`` and its proposers."""
    proposals = (
        public_proposals()
        .filter(repeat_memberships__group=group, repeat_memberships__removed_by_clerk=False)
        .select_related("place", "session")
        .prefetch_related(
            Prefetch("replies", Reply.objects.public().without_texts().select_related("agency")
                     .order_by("date", "uploaded_at", "pk"), to_attr="public_replies"),
            Prefetch("proposer_links", Proposer.objects.select_related("person").order_by("position")),
        )
    )
    return sorted(proposals, key=_first_answered)


def _first_answered(proposal: Proposal) -> tuple[date, int]:
    dates = [reply.date for reply in proposal.public_replies if reply.date]
    return min(dates, default=date.max), proposal.pk  # undated last


def year_of(proposal: Proposal) -> int | None:
    """The year a proposal was raised: its session's or its own, else its first public reply's."""
    if proposal.session_id and proposal.session.year:
        return proposal.session.year
    first = _first_answered(proposal)[0]
    return proposal.year or (first.year if first != date.max else None)


@dataclass(frozen=True)
class Repeats:
    """这一问题自 2022 年以来已在 3 个地方提出 5 次: the group, its public proposals, their places, the first year."""

    group: RepeatGroup
    proposals: list[Proposal]

    @cached_property
    def label(self) -> str:
        return public_label(self.group, {proposal.pk: proposal.title for proposal in self.proposals})

    @property
    def count(self) -> int:
        return len(self.proposals)

    @property
    def places(self) -> int:
        return len({proposal.place_id for proposal in self.proposals if proposal.place_id})

    @property
    def since(self) -> int | None:
        years = [year for year in map(year_of, self.proposals) if year]
        return min(years) if years else None


def repeats_of(group: RepeatGroup) -> Repeats | None:
    proposals = public_members(group)
    return Repeats(group, proposals) if len(proposals) >= 2 else None


def repeats_of_proposal(proposal: Proposal) -> Repeats | None:
    """The public proposals raising this proposal's issue, itself included; None when it is raised only once."""
    membership = Membership.objects.active().filter(proposal=proposal).select_related("group").first()
    return repeats_of(membership.group) if membership else None
