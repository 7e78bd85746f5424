"""Which review-form field a parser warning concerns, so the clerk sees it beside that field."""

from archive.parsing import ParseWarning

# The parser's contract fields, as the admin form names them; the proposal's fields share one box.
_FORM_FIELD = {
    "agency": "agency",
    "doc_number": "doc_number",
    "disclosure": "disclosure",
    "result_class": "result_label",
    "date": "date",
    "signer": "signer",
    "contact": "contact_name",
    "cc": "cc",
    "proposer_names": "proposal",
    "proposal_title": "proposal",
    "proposal_number": "proposal",
    "session": "proposal",
}


def field_of(warning: ParseWarning) -> str | None:
    """The Reply form field a warning is about, or None for the letter as a whole."""
    return _FORM_FIELD.get(warning.field)


def warnings_by_field(warnings: list[ParseWarning]) -> dict[str | None, list[ParseWarning]]:
    grouped: dict[str | None, list[ParseWarning]] = {}
    for warning in warnings:
        grouped.setdefault(field_of(warning), []).append(warning)
    return grouped
