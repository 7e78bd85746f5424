"""The blind corpus of tests/data/letters is read exactly as its expected.json says."""

from pathlib import Path

import pytest

from archive.parsing import parse_reply

from .golden import differences, load_expected

LETTERS = Path(__file__).resolve().parents[1] / "data" / "letters"
EXPECTED = load_expected(LETTERS)

pytestmark = pytest.mark.skipif(not EXPECTED, reason=f"no corpus at {LETTERS}")


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda entry: Path(entry["file"]).stem)
def test_parser_reads_corpus_letter_exactly(expected):
    parsed = parse_reply((LETTERS / expected["file"]).read_text("utf-8"))

    assert differences(parsed, expected) == []


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda entry: Path(entry["file"]).stem)
def test_corpus_letter_with_a_gap_says_so_in_a_warning(expected):
    parsed = parse_reply((LETTERS / expected["file"]).read_text("utf-8"))

    if not expected.get("proposer_names"):
        assert parsed.warnings  # not a reply, or one whose proposer the clerk must supply
        return
    if expected.get("date") is None:
        assert any("日期" in warning for warning in parsed.warnings)
    if expected.get("agency_in_text") is False:
        assert any("答复单位" in warning for warning in parsed.warnings)
