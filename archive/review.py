"""What the review page checks: which field a parser warning concerns, and what a reply lacks to be published."""

from archive.ingest import UNKNOWN_TITLE
from archive.models import Reply
from archive.parsing import ParseWarning

# The parser's contract fields, as the draft's review form names them (archive.forms.DraftReviewForm).
_FORM_FIELD = {
    "agency": "agency",
    "doc_number": "doc_number",
    "disclosure": "disclosure",
    "result_class": "result_label",
    "date": "date",
    "signer": "signer",
    "contact": "contact_name",
    "cc": "cc",
    "proposer_names": "proposers",
    "proposal_title": "proposal_title",
    "proposal_number": "proposal_number",
    "session": "proposal_session",
}


def field_of(warning: ParseWarning) -> str | None:
    """The Reply form field a warning is about, or None for the letter as a whole."""
    return _FORM_FIELD.get(warning.field)


def warnings_by_field(warnings: list[ParseWarning]) -> dict[str | None, list[ParseWarning]]:
    grouped: dict[str | None, list[ParseWarning]] = {}
    for warning in warnings:
        grouped.setdefault(field_of(warning), []).append(warning)
    return grouped


def missing_before_publishing(reply: Reply) -> list[str]:
    """What a public page cannot name the reply without: publishing it without them asks the clerk to confirm."""
    missing = []
    if reply.proposal.title in ("", UNKNOWN_TITLE):
        missing.append("建议提案标题")
    if reply.agency_id is None:
        missing.append("答复单位")
    if reply.date is None:
        missing.append("答复日期")
    return missing
