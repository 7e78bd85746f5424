"""A clerk's correction of a draft's proposal on the review page: title, session, number, proposers, place.

A draft keeps a proposal of its own (``Proposal.is_draft``) until it is published, so correcting it
touches no other letter. The corrected names go through the identity keys (``archive.identity``)
as a letter's own would: a proposer is (name, role, place), so correcting 罗大城 to 罗大成 links the
罗大成 the archive already has, never renames the person; a session is (body, place, term, meeting).
A corrected session or number is a corrected key: publishing then joins the proposal with that key
(``publishing.planned_join``). People and sessions only the draft named, and no longer does, go.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from archive.identity import add_proposers, resolve_person, resolve_session
from archive.ingest import UNKNOWN_TITLE, proposal_year
from archive.models import Person, Place, Proposal
from archive.parsing import read_session
from archive.places import Division


@dataclass(frozen=True)
class ProposalFields:
    """A proposal as the review page shows it; "" where it names nothing."""

    title: str
    session: str
    number: str
    proposers: tuple[str, ...]
    role: str  # Person.Role, "" when the letter gives none
    place: Division | None


def fields_of(proposal: Proposal) -> ProposalFields:
    links = list(proposal.proposer_links.select_related("person"))
    return ProposalFields(
        title="" if proposal.title == UNKNOWN_TITLE else proposal.title,
        session=proposal.session.name if proposal.session_id else "",
        number=proposal.number,
        proposers=tuple(link.person.name for link in links),
        role=links[0].person.role if links else "",
        place=proposal.place.division if proposal.place_id else None,
    )


@transaction.atomic
def correct_draft_proposal(proposal: Proposal, fields: ProposalFields, *, reply_date: date | None) -> None:
    """Give a draft's own proposal these fields; what its old names alone held is removed."""
    if not proposal.is_draft:
        raise ValueError("只有待发布的建议提案可以在答复页上更正。")
    before = fields_of(proposal)
    place = Place.objects.for_division(fields.place) if fields.place else None
    old_session = proposal.session
    if (fields.session, fields.place) != (before.session, before.place):
        # Resolved afresh only when changed: a session of no place is never shared, so resolving it again
        # would make another.
        parts = read_session(fields.session) if fields.session else None
        proposal.session = resolve_session(fields.session or None, parts, place)
        proposal.body = (parts.body if parts and parts.body else "") or proposal.body
    proposal.place = place
    proposal.number = fields.number
    proposal.title = fields.title or UNKNOWN_TITLE
    proposal.year = proposal_year(proposal.session, reply_date) or proposal.year
    proposal.save()
    if (fields.proposers, fields.role, fields.place) != (before.proposers, before.role, before.place):
        _relink_proposers(proposal, [resolve_person(name, fields.role, place) for name in fields.proposers])
    if old_session is not None and old_session != proposal.session and not old_session.proposals.exists():
        old_session.delete()


def _relink_proposers(proposal: Proposal, people: list[Person]) -> None:
    old = list(proposal.proposer_links.values_list("person_id", flat=True))
    proposal.proposer_links.all().delete()
    add_proposers(proposal, people)
    Person.objects.filter(pk__in=old, proposer_links=None).delete()

