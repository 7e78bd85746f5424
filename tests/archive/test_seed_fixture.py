"""The seed fixture holds the five real letters with exactly the fields in fixtures/seed_letters/expected.json."""

import json

import pytest

from archive.models import Reply
from tests.conftest import SEED_LETTERS

pytestmark = pytest.mark.django_db

EXPECTED = json.loads((SEED_LETTERS / "expected.json").read_text("utf-8"))


def _reply_for(entry):
    text = (SEED_LETTERS / entry["file"]).read_text("utf-8")
    return Reply.objects.get(raw_text=text)


@pytest.mark.parametrize("entry", EXPECTED, ids=lambda e: e["file"][:3])
def test_seed_reply_matches_expected_fields(seed_replies, entry):
    reply = _reply_for(entry)
    proposal = reply.proposal

    got = {
        "proposer_names": [link.person.name for link in proposal.proposer_links.all()],
        "proposer_role": proposal.proposer_links.first().person.role,
        "body": proposal.body,
        "proposal_number": proposal.number or None,
        "session": proposal.session.name if proposal.session else None,
        "proposal_title": proposal.title,
        "agency": reply.agency.name,
        "date": reply.date.isoformat() if reply.date else None,
        "doc_number": reply.doc_number or None,
        "result_class": reply.result_code or None,
        "disclosure": reply.disclosure or None,
        "signer": reply.signer or None,
        "contact_name": reply.contact_name or None,
        "contact_phone": reply.contact_phone or None,
        "cc": reply.cc,
        "section_titles": [s.title for s in reply.sections.filter(level=1)],
        "has_next_steps": bool(reply.next_steps),
    }

    assert got == {key: entry[key] for key in got}


@pytest.mark.parametrize("entry", [e for e in EXPECTED if e.get("subsection_titles")], ids=lambda e: e["file"][:3])
def test_seed_subsections_sit_under_their_sections(seed_replies, entry):
    reply = _reply_for(entry)
    grouped, current = {}, None
    for section in reply.sections.all():
        if section.level == 1:
            current = section.title
        else:
            grouped.setdefault(current, []).append(section.title)

    # expected.json lists the subsections of some sections only; those must match exactly.
    assert {title: grouped.get(title) for title in entry["subsection_titles"]} == entry["subsection_titles"]


def test_all_seed_replies_are_published_and_public(seed_replies):
    assert Reply.objects.public().count() == len(EXPECTED)
