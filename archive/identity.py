"""What makes two letters' names one record: the keys of places, agencies, sessions, people and proposals.

A session is (body, place, term, meeting); a proposal is (session, number), or without a session
(body, place, year, number); a person is (name, role, place). Place is in every key, so the
市政协五届四次会议 of two cities are two sessions, their 第70号 two proposals, and two cities'
王强委员 two people. Where a letter's place cannot be read, nothing is shared on a guess: its
session and its proposal are its own until a clerk merges them.
"""

from archive.models import Agency, Person, Place, Proposal, Session
from archive.parsing import ParsedReply, SessionParts
from archive.places import Division, leading_places, qualified_agency_name, read_place


def letter_place(agency: str | None, session: SessionParts | None, default: Division | None = None) -> Place | None:
    """The place of a letter's proposal, read from its session and agency, or the clerk's default.

    None where the names leave a doubt; the review page then asks the clerk for the place."""
    reading = read_place(agency=agency, session_region=session.region if session else None, default=default)
    return Place.objects.for_division(reading.division) if reading.division else None


def resolve_agency(name: str | None, place: Place | None) -> Agency | None:
    """The agency of this name or alias; an agency named only as 市民政局 gets its place in front."""
    if not name:
        return None
    name = qualified_agency_name(name, place.division if place else None)
    agency = Agency.objects.named(name).first()
    if agency is None:
        own = leading_places(name)
        agency_place = Place.objects.for_division(own[0]) if len(own) == 1 else None
        agency = Agency.objects.create(name=name, place=agency_place)
    return agency


def resolve_session(name: str | None, parts: SessionParts | None, place: Place | None) -> Session | None:
    """The session a letter names (``parts`` read from ``name``), of its place."""
    if not name or parts is None:
        return None
    fields = {"body": parts.body or "", "region": parts.region or "", "term": parts.term, "meeting": parts.meeting}
    if place is None:
        return Session.objects.create(name=name, year=parts.year, place=None, **fields)
    if parts.term and parts.meeting:
        session, _ = Session.objects.get_or_create(
            body=fields["body"], place=place, term=parts.term, meeting=parts.meeting,
            defaults={"name": name, "year": parts.year, "region": fields["region"]},
        )
    else:
        session, _ = Session.objects.get_or_create(
            body=fields["body"], place=place, name=name, defaults={**fields, "year": parts.year}
        )
    return session


def person_role(parsed: ParsedReply) -> str:
    """代表/委员 for people, 组织 for an organisation, "" for people the letter gives no role."""
    if parsed.proposer_kind == "organisation":
        return Person.Role.ORGANISATION
    return parsed.proposer_role or ""


def resolve_person(name: str, role: str, place: Place | None) -> Person:
    person, _ = Person.objects.get_or_create(name=name, role=role, place=place)
    return person


def matching_proposal(proposal: Proposal) -> Proposal | None:
    """The published archive's proposal that this one (a draft's, or a new letter's) is the same as.

    Without a session and a place nothing is matched: an agency named only 市教育局 is no place.
    """
    candidates = Proposal.objects.filter(is_draft=False).exclude(pk=proposal.pk)
    if proposal.number_normalized:
        candidates = candidates.filter(number_normalized=proposal.number_normalized)
    else:
        candidates = candidates.filter(number_normalized="", title=proposal.title)
    if proposal.session_id:
        candidates = candidates.filter(session_id=proposal.session_id)
    else:
        candidates = candidates.filter(session=None, body=proposal.body, year=proposal.year)
        if not proposal.place_id:
            return None
        candidates = candidates.filter(place_id=proposal.place_id)
    return candidates.order_by("pk").first()


def add_proposers(proposal: Proposal, people: list[Person]) -> None:
    """Append the people a letter names that the proposal does not list yet, keeping the order.

    Through the proposal's own links only, so migration 0005's historical models use it too."""
    known = set(proposal.proposer_links.values_list("person_id", flat=True))
    position = proposal.proposer_links.count()
    for person in people:
        if person.pk in known:
            continue
        proposal.proposer_links.create(person=person, position=position)
        known.add(person.pk)
        position += 1

