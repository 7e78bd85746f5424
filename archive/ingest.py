"""The one writer: a parsed reply letter becomes rows, in one transaction.

The admin and the ``import_replies`` command call these functions; they never call back.
A reply is saved with its proposal, session, agency, proposers and sections, or not at all;
a letter whose content hash is already stored is refused with a message naming that reply.
"""

import hashlib
import re
import weakref
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from archive.extract import Extracted, ExtractError, extract
from archive.identity import (
    add_proposers,
    letter_place,
    person_role,
    resolve_agency,
    resolve_person,
    resolve_session,
)
from archive.models import Place, Proposal, Reply, Section, Session, duplicate_message
from archive.parsing import ParsedReply, parse_reply, read_session, result_class_of
from archive.places import Division
from archive.publishing import publish_reply
from archive.text_analysis import extract_keywords


class DuplicateReply(ValidationError):
    """The letter is already in the archive."""

    def __init__(self, existing: Reply):
        super().__init__(duplicate_message(existing), code="duplicate")
        self.existing = existing


@dataclass(frozen=True)
class ImportResult:
    reply: Reply | None  # None on a dry run
    parsed: ParsedReply


def content_hash(raw_text: str) -> str:
    """SHA-256 of the text with whitespace removed, so re-saved copies of one letter match."""
    return hashlib.sha256(re.sub(r"\s+", "", raw_text).encode("utf-8")).hexdigest()


def refuse_duplicate(fingerprint: str) -> None:
    """Raise DuplicateReply, naming the stored letter, when this content is already archived."""
    existing = Reply.objects.filter(content_hash=fingerprint).select_related("agency", "proposal").first()
    if existing is not None:
        raise DuplicateReply(existing)


def section_anchors(levels: list[int]) -> list[str]:
    """Stable anchors by position: s1, s1-1, s1-2, s2 …; a subsection before any section gets s0-N."""
    anchors, top, sub = [], 0, 0
    for level in levels:
        if level == 1:
            top, sub = top + 1, 0
            anchors.append(f"s{top}")
        else:
            sub += 1
            anchors.append(f"s{top}-{sub}")
    return anchors


# A proposal's title when the letter's cannot be read: the review page asks before such a reply is published.
UNKNOWN_TITLE = "（标题未识别）"


def proposal_year(session: Session | None, reply_date: date | None) -> int | None:
    """A proposal's year: its session's, else its reply's (it tells proposals without a session apart)."""
    return (session.year if session and session.year else None) or (reply_date.year if reply_date else None)


def _own_proposal(
    parsed: ParsedReply, session: Session | None, place: Place | None, reply_date: date | None
) -> Proposal:
    """The letter's proposal as it names it, kept to itself until the reply is published (archive.publishing)."""
    number = parsed.proposal_number or ""
    proposal = Proposal.objects.create(
        session=session, body=parsed.body or (session.body if session else ""), number=number,
        kind=parsed.proposal_kind or "", title=parsed.proposal_title or UNKNOWN_TITLE, place=place,
        year=proposal_year(session, reply_date), is_draft=True,
    )
    role = person_role(parsed)
    add_proposers(proposal, [resolve_person(name, role, place) for name in parsed.proposer_names])
    return proposal


@transaction.atomic
def save_parsed_reply(
    parsed: ParsedReply,
    *,
    raw_text: str,
    original: bytes | None = None,
    original_name: str = "",
    uploaded_by=None,
    publish: bool = False,
    place: Division | None = None,
    provenance: Extracted | None = None,
    keywords: list[str] | None = None,
) -> Reply:
    """Store a parsed reply with its sections; nothing is saved if any step fails.

    ``place`` is the clerk's default, used where the letter's agency and session name no place;
    ``provenance`` how the text was obtained (for a scan, OCR's confidence and doubtful words);
    ``keywords`` the letter's topic words when the caller extracted them already (elsewhere, in parallel).
    """
    fingerprint = content_hash(raw_text)
    refuse_duplicate(fingerprint)
    session_parts = read_session(parsed.session) if parsed.session else None
    place_of_letter = letter_place(parsed.agency, session_parts, place)
    agency = resolve_agency(parsed.agency, place_of_letter)
    session = resolve_session(parsed.session, session_parts, place_of_letter)
    reply_date = date.fromisoformat(parsed.date) if parsed.date else None
    reply = Reply(
        proposal=_own_proposal(parsed, session, place_of_letter, reply_date),
        agency=agency,
        handling_role=parsed.handling_role or "",
        kind=parsed.reply_kind or Reply.Kind.REPLY,
        date=reply_date,
        doc_number=parsed.doc_number or "",
        result_label=parsed.result_label or "",
        result_code=parsed.result_class or "",
        result_class=result_class_of(parsed.result_class, parsed.result_label),
        disclosure=parsed.disclosure or "",
        signer=parsed.signer or "",
        contact_name=parsed.contact_name or "",
        contact_phone=parsed.contact_phone or "",
        cc=list(parsed.cc),
        next_steps=parsed.next_steps or "",
        body_text=parsed.body_text,
        keywords=extract_keywords(parsed.proposal_title or "", parsed.body_text) if keywords is None else keywords,
        raw_text=raw_text,
        content_hash=fingerprint,
        status=Reply.Status.DRAFT,
        uploaded_by=uploaded_by,
        text_source=provenance.source if provenance else "",
        ocr_confidence=provenance.confidence if provenance else None,
        ocr_doubtful=[[span.start, span.end, span.text, span.confidence] for span in provenance.doubtful]
        if provenance else [],
    )
    if original is not None:
        _store_original(reply, original, original_name)
    try:
        reply.save()
        anchors = section_anchors([section.level for section in parsed.sections])
        Section.objects.bulk_create(
            Section(reply=reply, position=position, level=section.level, number=section.number,
                    title=section.title[:300], text=section.text, anchor=anchor)
            for position, (section, anchor) in enumerate(zip(parsed.sections, anchors, strict=True))
        )
        if publish:
            publish_reply(reply)  # joins the proposal it is part of, as a clerk's publishing does
    except Exception:
        # The file went to disk before the rows: take it away again so nothing is half-saved.
        if reply.original:
            reply.original.storage.delete(reply.original.name)
        raise
    return reply


# Most file systems allow 255 bytes in a name; Django may add "_" and seven characters to make it unique.
_MAX_NAME_BYTES = 200


def original_file_name(name: str) -> str:
    """The uploaded file's own name, cut by UTF-8 bytes to fit the disk (84 Chinese characters are 256)."""
    name = Path(name.replace("\\", "/")).name or "reply.txt"
    if len(name.encode()) <= _MAX_NAME_BYTES:
        return name
    suffix = Path(name).suffix if len(Path(name).suffix.encode()) <= 16 else ""
    stem = name[: len(name) - len(suffix)].encode()[: _MAX_NAME_BYTES - len(suffix.encode())]
    return stem.decode("utf-8", errors="ignore").rstrip() + suffix


def _store_original(reply: Reply, data: bytes, name: str) -> None:
    """Write the original under its final name now, and take it away again unless the transaction commits.

    Django has no hook for a rollback, but it drops the callbacks it holds for a transaction that rolls
    back (or a savepoint that does); the file goes with the dropped callback. Writing after the commit
    instead would leave, on a crash between the two, a reply whose file is missing.
    """
    reply.original.save(original_file_name(name), ContentFile(data), save=False)
    transaction.on_commit(KeepUnlessRolledBack(reply.original.storage, reply.original.name))


class KeepUnlessRolledBack:
    """An on_commit callback: run, it keeps the file; dropped unrun, it deletes it."""

    def __init__(self, storage, name: str) -> None:
        self._delete = weakref.finalize(self, _delete_quietly, storage, name)

    def __call__(self) -> None:
        self._delete.detach()


def _delete_quietly(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        pass


def refuse_non_letter(parsed: ParsedReply) -> None:
    """Raise when the parser found nothing a reply letter has: no proposer, title, number, agency or section."""
    found = (parsed.proposer_names, parsed.proposal_title, parsed.proposal_number, parsed.agency, parsed.sections)
    if not any(found):
        raise ValidationError(
            "这份文字不像答复函：没有找到提出人、建议或提案标题、编号、答复单位或分条答复，未予保存。"
            "请确认上传的是答复函本身。",
            code="not_a_letter",
        )


def import_text(
    text: str, *, original: bytes | None = None, original_name: str = "", uploaded_by=None, publish: bool = False,
    agency: str | None = None, place: Division | None = None, dry_run: bool = False,
    provenance: Extracted | None = None,
) -> ImportResult:
    """Parse and save one letter's text (extracted from a file, or pasted); raises ValidationError in Chinese."""
    parsed = parse_reply(text)
    if agency and not parsed.agency:
        parsed = replace(parsed, agency=agency)
    refuse_non_letter(parsed)
    if dry_run:
        refuse_duplicate(content_hash(text))
        return ImportResult(reply=None, parsed=parsed)
    reply = save_parsed_reply(parsed, raw_text=text, original=original, original_name=original_name,
                              uploaded_by=uploaded_by, publish=publish, place=place, provenance=provenance)
    return ImportResult(reply=reply, parsed=parsed)


def import_file(data: bytes, filename: str, **options) -> ImportResult:
    """Extract, parse and save one file; raises ExtractError or ValidationError (both in Chinese)."""
    extracted = extract(data, filename, max_bytes=settings.ARCHIVE_MAX_UPLOAD_BYTES)
    return import_text(extracted.text, original=data, original_name=filename, provenance=extracted, **options)


__all__ = [
    "DuplicateReply", "ExtractError", "ImportResult", "content_hash", "import_file", "import_text", "save_parsed_reply",
]
