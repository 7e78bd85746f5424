"""The benchmark's generated letters are letters of the genre: the parser reads back what was generated."""

import random

import pytest

from archive.parsing import parse_reply
from benchmarks.corpus import make_letter
from benchmarks.queries import bench_queries

FIELDS = ["proposer_names", "proposer_role", "body", "proposal_kind", "proposal_number", "session", "proposal_title",
          "agency", "date", "doc_number", "result_class", "disclosure", "contact_name", "contact_phone"]


@pytest.mark.parametrize("serial", range(25))
def test_a_generated_letter_parses_back_to_its_fields(serial):
    letter = make_letter(random.Random(serial), serial)

    parsed = parse_reply(letter.text)

    assert {f: getattr(parsed, f) for f in FIELDS} == {f: getattr(letter.parsed, f) for f in FIELDS}
    assert [(s.level, s.number, s.title) for s in parsed.sections] == \
        [(s.level, s.number, s.title) for s in letter.parsed.sections]


def test_generated_letters_are_as_long_as_real_ones_and_deterministic():
    rng = random.Random(2024)
    lengths = [len(make_letter(rng, serial).text) for serial in range(200)]

    assert 4_800 < sum(lengths) / len(lengths) < 6_000  # the issue asks for ~5,400 characters
    assert make_letter(random.Random(1), 1).text == make_letter(random.Random(1), 1).text


def test_the_benchmark_runs_over_a_hundred_kinds_of_search():
    names, agencies = [f"人{n}" for n in range(10)], [f"单位{n}" for n in range(20)]
    queries = bench_queries(names, agencies, ["0070"] * 5, [2024, 2023, 2022])

    assert len(queries) >= 100
    assert {"word", "words", "phrase", "name", "agency", "number", "operators", "facet", "date", "browse"} == \
        {query.kind for query in queries}
