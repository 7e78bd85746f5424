"""Compare a parsed letter with its hand-made ground truth (the format of fixtures/seed_letters/expected.json)."""

import json
from pathlib import Path

# Fields compared exactly, as expected.json writes them.
EXACT_FIELDS = (
    "proposer_names",
    "proposer_role",
    "proposer_kind",
    "body",
    "proposal_number",
    "session",
    "proposal_title",
    "agency",
    "date",
    "doc_number",
    "result_label",
    "result_class",
    "disclosure",
    "signer",
    "contact_name",
    "contact_phone",
    "cc",
)


def load_expected(folder: Path) -> list[dict]:
    path = folder / "expected.json"
    return json.loads(path.read_text("utf-8")) if path.is_file() else []


def expected_value(expected: dict, field: str):
    if field == "agency" and expected.get("agency_in_text") is False:
        return None  # the clerk supplies an agency the letter does not name
    return expected[field]


def differences(parsed, expected: dict) -> list[str]:
    """Every field where the parse differs from the ground truth, as readable lines."""
    got = parsed.as_dict()
    wrong = []
    for field in EXACT_FIELDS:
        if field in expected and got[field] != expected_value(expected, field):
            wrong.append(f"{field}: got {got[field]!r}, want {expected_value(expected, field)!r}")
    titles = expected.get("section_titles")
    if titles is not None and expected.get("complete", True):
        top = [section.title for section in parsed.sections if section.level == 1]
        if top != titles:
            wrong.append(f"section_titles: got {top!r}, want {titles!r}")
    subsections: dict[str, list[str]] = {}
    current = None
    for section in parsed.sections:
        if section.level == 1:
            current = section.title
        else:
            subsections.setdefault(current, []).append(section.title)
    for title, subtitles in (expected.get("subsection_titles") or {}).items():
        if subsections.get(title) != subtitles:
            wrong.append(f"subsections of {title}: got {subsections.get(title)!r}, want {subtitles!r}")
    if "has_next_steps" in expected and bool(parsed.next_steps) != expected["has_next_steps"]:
        wrong.append(f"next_steps: got {parsed.next_steps!r}, want {'some' if expected['has_next_steps'] else 'none'}")
    return wrong
