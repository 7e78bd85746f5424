"""The letter corpora of tests/data are read exactly as their expected.json say.

``letters/`` was written alongside the parser; ``holdout/`` was written blind, from the genre,
by someone who had not read the parser, and measures how it reads letters it was not fitted to.
Holdout letters saved as .docx/.html/.pdf go through ``archive.extract`` first, as uploads do.
"""

from pathlib import Path

import pytest

from archive.extract import extract_text
from archive.parsing import parse_reply

from .golden import differences, load_expected

DATA = Path(__file__).resolve().parents[1] / "data"
CORPORA = ("letters", "holdout")
CASES = [
    pytest.param(DATA / corpus / entry["file"], entry, id=f"{corpus}/{Path(entry['file']).stem}")
    for corpus in CORPORA
    for entry in load_expected(DATA / corpus)
]

pytestmark = pytest.mark.skipif(not CASES, reason=f"no corpus under {DATA}")


def parse_file(path: Path):
    return parse_reply(extract_text(path.read_bytes(), path.name))


@pytest.mark.parametrize(
    ("path", "expected"),
    CASES,
)
def test_parser_reads_corpus_letter_exactly(path, expected):
    assert differences(parse_file(path), expected) == []


@pytest.mark.parametrize(("path", "expected"), CASES)
def test_corpus_letter_with_a_gap_says_so_in_a_warning(path, expected):
    parsed = parse_file(path)

    if not expected.get("proposer_names"):
        assert parsed.warnings  # not a reply, or one whose proposer the clerk must supply
        return
    fields = {warning.field for warning in parsed.warnings}
    if expected.get("date") is None:
        assert "date" in fields
    if expected.get("agency_in_text") is False:
        assert "agency" in fields
