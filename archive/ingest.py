"""The one writer: a parsed reply letter becomes rows, in one transaction.

The admin and the ``import_replies`` command call these functions; they never call back.
A reply is saved with its proposal, session, agency, proposers and sections, or not at all;
a letter whose content hash is already stored is refused with a message naming that reply.
"""

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from archive.extract import ExtractError, extract_text
from archive.keywords import extract_keywords
from archive.models import Agency, Person, Proposal, Proposer, Reply, Section, Session, duplicate_message
from archive.parsing import ParsedReply, normalize_proposal_number, parse_reply, read_session

# How result codes map to the four classes. Schemes differ by place and year (A/B/C or A/B/C/D):
# A is everywhere 已解决/采纳, B 正在解决 or 列入计划, C and D 暂不能解决/留作参考. The raw label is
# kept beside the class, so a clerk can correct a place whose scheme differs.
RESULT_CLASS_BY_CODE = {
    "A": Reply.ResultClass.SOLVED,
    "B": Reply.ResultClass.IN_PROGRESS,
    "C": Reply.ResultClass.REFERENCE,
    "D": Reply.ResultClass.REFERENCE,
}
# Some letters write the class in words instead of a letter.
RESULT_CLASS_BY_WORD = {
    "已解决": Reply.ResultClass.SOLVED,
    "基本解决": Reply.ResultClass.SOLVED,
    "已采纳": Reply.ResultClass.SOLVED,
    "正在解决": Reply.ResultClass.IN_PROGRESS,
    "列入计划": Reply.ResultClass.PLANNED,
    "留作参考": Reply.ResultClass.REFERENCE,
    "暂不能解决": Reply.ResultClass.REFERENCE,
}

# 广州市南沙区教育局 → 广州市, 南沙区: the region is the place names before the office's own name.
# Alternatives are tried in order, so "广州市" is read as a city ending in 市, never as "广州" + 市….
_AGENCY_REGION = re.compile(
    r"^(?P<province>[^省区市]{2,8}?(?:省|自治区))?"
    r"(?P<city>[^市省]{1,8}?市|[^市州省]{1,8}?(?:自治州|地区|盟|州))?"
    r"(?P<district>[^区县旗市]{1,8}?(?:区|县|旗))?"
)


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


def classify_result(code: str | None, label: str | None) -> str:
    """The normalised result class of a raw label, or "" when it says none."""
    if code and code.upper() in RESULT_CLASS_BY_CODE:
        return RESULT_CLASS_BY_CODE[code.upper()]
    for word, result_class in RESULT_CLASS_BY_WORD.items():
        if label and word in label:
            return result_class
    return ""


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


def agency_region(name: str) -> tuple[str, str]:
    """The region and level of an agency name: ("广州市南沙区", "区"), or ("", "") when it names none."""
    match = _AGENCY_REGION.match(name)
    province, city, district = (match[part] or "" for part in ("province", "city", "district"))
    if district:
        return city + district, Agency.Level.DISTRICT if district.endswith("区") else Agency.Level.COUNTY
    if city:
        return city, Agency.Level.CITY
    return (province, Agency.Level.PROVINCE) if province else ("", "")


def _resolve_agency(name: str | None) -> Agency | None:
    if not name:
        return None
    agency = Agency.objects.named(name).first()
    if agency is None:
        region, level = agency_region(name)
        agency = Agency.objects.create(name=name, region=region, level=level)
    return agency


def _resolve_session(name: str | None) -> Session | None:
    if not name:
        return None
    parts = read_session(name)
    if parts.term and parts.meeting:
        session, _ = Session.objects.get_or_create(
            body=parts.body or "", region=parts.region or "", term=parts.term, meeting=parts.meeting,
            defaults={"name": name, "year": parts.year},
        )
    else:
        session, _ = Session.objects.get_or_create(
            name=name, defaults={"body": parts.body or "", "region": parts.region or "", "year": parts.year}
        )
    return session


def _resolve_proposal(parsed: ParsedReply, session: Session | None) -> Proposal:
    number = parsed.proposal_number or ""
    title = parsed.proposal_title or "（标题未识别）"
    existing = Proposal.objects.filter(session=session)
    if number:
        proposal = existing.filter(number_normalized=normalize_proposal_number(number)).first()
    else:
        proposal = existing.filter(number_normalized="", title=title).first()
    if proposal is None:
        proposal = Proposal.objects.create(
            session=session, body=parsed.body or (session.body if session else ""), number=number,
            kind=parsed.proposal_kind or "", title=title,
        )
    role = parsed.proposer_role or Person.Role.ORGANISATION
    known = set(proposal.proposer_links.values_list("person__name", flat=True))
    position = proposal.proposer_links.count()
    for name in parsed.proposer_names:
        if name in known:
            continue
        person, _ = Person.objects.get_or_create(name=name, role=role)
        Proposer.objects.create(proposal=proposal, person=person, position=position)
        position += 1
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
) -> Reply:
    """Store a parsed reply with its sections; nothing is saved if any step fails."""
    fingerprint = content_hash(raw_text)
    refuse_duplicate(fingerprint)
    session = _resolve_session(parsed.session)
    reply = Reply(
        proposal=_resolve_proposal(parsed, session),
        agency=_resolve_agency(parsed.agency),
        handling_role=parsed.handling_role or "",
        kind=parsed.reply_kind or Reply.Kind.REPLY,
        date=date.fromisoformat(parsed.date) if parsed.date else None,
        doc_number=parsed.doc_number or "",
        result_label=parsed.result_label or "",
        result_code=parsed.result_class or "",
        result_class=classify_result(parsed.result_class, parsed.result_label),
        disclosure=parsed.disclosure or "",
        signer=parsed.signer or "",
        contact_name=parsed.contact_name or "",
        contact_phone=parsed.contact_phone or "",
        cc=list(parsed.cc),
        next_steps=parsed.next_steps or "",
        body_text=parsed.body_text,
        keywords=extract_keywords(parsed.proposal_title or "", parsed.body_text),
        raw_text=raw_text,
        content_hash=fingerprint,
        status=Reply.Status.PUBLISHED if publish else Reply.Status.DRAFT,
        uploaded_by=uploaded_by,
    )
    if original is not None:
        reply.original.save(Path(original_name).name or "reply.txt", ContentFile(original), save=False)
    try:
        reply.save()
        anchors = section_anchors([section.level for section in parsed.sections])
        Section.objects.bulk_create(
            Section(reply=reply, position=position, level=section.level, number=section.number,
                    title=section.title[:300], text=section.text, anchor=anchor)
            for position, (section, anchor) in enumerate(zip(parsed.sections, anchors))
        )
    except Exception:
        # The file went to disk before the rows: take it away again so nothing is half-saved.
        if reply.original:
            reply.original.storage.delete(reply.original.name)
        raise
    return reply


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
    agency: str | None = None, dry_run: bool = False,
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
                              uploaded_by=uploaded_by, publish=publish)
    return ImportResult(reply=reply, parsed=parsed)


def import_file(data: bytes, filename: str, **options) -> ImportResult:
    """Extract, parse and save one file; raises ExtractError or ValidationError (both in Chinese)."""
    text = extract_text(data, filename, max_bytes=settings.ARCHIVE_MAX_UPLOAD_BYTES)
    return import_text(text, original=data, original_name=filename, **options)


__all__ = ["DuplicateReply", "ExtractError", "ImportResult", "content_hash", "import_file", "import_text", "save_parsed_reply"]
