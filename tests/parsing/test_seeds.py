"""The five real seed letters (fixtures/seed_letters) are read exactly as their expected.json says."""

from pathlib import Path

import pytest

from archive.parsing import parse_reply

from .golden import differences, load_expected

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seed_letters"
EXPECTED = load_expected(SEEDS)


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda entry: entry["file"].split("_")[0])
def test_parser_reads_seed_letter_exactly(expected):
    parsed = parse_reply((SEEDS / expected["file"]).read_text("utf-8"))

    assert differences(parsed, expected) == []


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda entry: entry["file"].split("_")[0])
def test_seed_letter_body_text_keeps_every_paragraph_of_the_letter(expected):
    parsed = parse_reply((SEEDS / expected["file"]).read_text("utf-8"))

    for section in parsed.sections:
        assert section.text in parsed.body_text
    assert parsed.next_steps is None or all(part in parsed.body_text for part in parsed.next_steps.split("\n"))
