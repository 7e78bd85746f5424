"""Which form field a parser warning concerns, so the clerk sees it beside that field."""

# The parser's warnings name what they are about in words; the first match decides.
_FIELD_WORDS = [
    ("答复单位", "agency"),
    ("文号", "doc_number"),
    ("公开", "disclosure"),
    ("办理结果", "result_label"),
    ("日期", "date"),
    ("签发", "signer"),
    ("联系", "contact_name"),
    ("抄送", "cc"),
    ("提出人", "proposal"),
    ("标题", "proposal"),
    ("编号", "proposal"),
    ("届次", "proposal"),
    ("会议", "proposal"),
]


def field_of(warning: str) -> str | None:
    """The Reply form field a warning is about, or None for the letter as a whole."""
    return next((field for word, field in _FIELD_WORDS if word in warning), None)


def warnings_by_field(warnings: list[str]) -> dict[str | None, list[str]]:
    grouped: dict[str | None, list[str]] = {}
    for warning in warnings:
        grouped.setdefault(field_of(warning), []).append(warning)
    return grouped
