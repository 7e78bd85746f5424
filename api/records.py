"""What the API says about a reply, a proposal, an agency, a person and a place: plain dicts, ready for JSON.

The fields are those the public pages show, under names that stay (the documentation at /api/ lists each):
ids are the rows' ids, dates ISO 8601, a value the letter does not give is null. ``link`` makes a site path
absolute (``request.build_absolute_uri``). Nothing here masks: every API answer is masked whole
(``api.answers.answer``), so no field can be forgotten.
"""

from collections.abc import Callable, Iterable

from django.urls import reverse

from archive.citation import cite_reply
from archive.models import Agency, Person, Place, Proposal, Reply, Section, Session
from archive.original_door import offers_original
from archive.stats import NOT_STATED, ReplySummary

Link = Callable[[str], str]


def _urls(link: Link, page: str, api_name: str, key) -> dict:
    return {"url": link(page), "api_url": link(reverse(f"api:{api_name}", args=[key]))}


def place_brief(place: Place | None, link: Link) -> dict | None:
    if place is None:
        return None
    return {"code": place.code, "name": place.name, "level": place.get_level_display(), "path": place.path,
            **_urls(link, place.get_absolute_url(), "v1-place", place.code)}


def agency_brief(agency: Agency | None, link: Link) -> dict | None:
    if agency is None:
        return None
    return {"id": agency.pk, "name": agency.name, "place": place_brief(agency.place, link),
            **_urls(link, agency.get_absolute_url(), "v1-agency", agency.pk)}


def person_brief(person: Person, link: Link) -> dict:
    return {"id": person.pk, "name": person.name, "role": person.role or None,
            "role_label": person.get_role_display() or None, "place": place_brief(person.place, link),
            **_urls(link, person.get_absolute_url(), "v1-person", person.pk)}


def session_brief(session: Session | None) -> dict | None:
    if session is None:
        return None
    # ``label`` names the place where the wording does not: the value of the search's ``session`` filter.
    return {"id": session.pk, "name": session.name, "label": str(session), "body": session.body or None,
            "term": session.term, "meeting": session.meeting, "year": session.year}


def proposal_brief(proposal: Proposal, link: Link) -> dict:
    return {"id": proposal.pk, "title": proposal.title, "kind": proposal.kind or None, "body": proposal.body or None,
            "number": proposal.number or None, "session": session_brief(proposal.session), "year": proposal.year,
            "place": place_brief(proposal.place, link),
            **_urls(link, proposal.get_absolute_url(), "v1-proposal", proposal.pk)}


def proposers(proposal: Proposal, link: Link) -> list[dict]:
    """In the letter's order: the first is the lead proposer (领衔)."""
    return [person_brief(proposer.person, link) for proposer in proposal.proposer_links.all()]


def reply_brief(reply: Reply, link: Link) -> dict:
    """A reply in a list: enough to choose it, and its own URLs for the rest."""
    return {"id": reply.pk, "title": reply.proposal.title, "agency": reply.agency.name if reply.agency_id else None,
            "kind": reply.kind, "date": reply.date.isoformat() if reply.date else None,
            "result_class": reply.result_class or None,
            **_urls(link, reply.get_absolute_url(), "v1-reply", reply.pk)}


def section_record(section: Section, link: Link) -> dict:
    return {"anchor": section.anchor, "level": section.level, "number": section.number or None,
            "title": section.title, "text": section.text, "url": link(section.get_absolute_url())}


def reply_record(reply: Reply, sections: Iterable[Section], link: Link) -> dict:
    """Every field the reply's page shows."""
    page = link(reply.get_absolute_url())
    original = link(reverse("archive:reply-original", args=[reply.pk])) if offers_original(reply) else None
    return {
        **reply_brief(reply, link),
        "original_url": original,
        "proposal": proposal_brief(reply.proposal, link),
        "proposers": proposers(reply.proposal, link),
        "agency": agency_brief(reply.agency, link),
        "handling_role": reply.handling_role or None,
        "doc_number": reply.doc_number or None,
        "result_class_label": reply.get_result_class_display() if reply.result_class else None,
        "result_label": reply.result_label or None,
        "disclosure": reply.disclosure or None,
        "signer": reply.signer or None,
        "contact_name": reply.contact_name or None,
        "contact_phone": reply.contact_phone or None,
        "cc": list(reply.cc),
        "keywords": list(reply.keywords),
        "sections": [section_record(section, link) for section in sections],
        "next_steps": reply.next_steps or None,
        "body_text": reply.body_text,
        "citation": cite_reply(reply, page),
        "updated_at": reply.updated_at.isoformat(),
    }


def proposal_record(proposal: Proposal, replies: Iterable[Reply], link: Link) -> dict:
    """A proposal with its public replies, the first answer first."""
    return {**proposal_brief(proposal, link), "proposers": proposers(proposal, link),
            "replies": [reply_brief(reply, link) for reply in replies]}


def counts_record(summary: ReplySummary) -> dict:
    return {
        "replies": summary.total,
        "by_year": [{"year": None if year == NOT_STATED else int(year), "count": n} for year, n in summary.by_year],
        "by_result": [{"result_class": value or None, "label": label, "count": n}
                      for value, label, n in summary.by_result],
    }


def listing_record(subject: dict, summary: ReplySummary, newest: Iterable[Reply], search_url: str,
                   link: Link) -> dict:
    """An agency, a person or a place: who or what it is, its counts, its newest replies, a search for all."""
    return {**subject, "counts": counts_record(summary),
            "newest_replies": [reply_brief(reply, link) for reply in newest], "search_url": link(search_url)}
