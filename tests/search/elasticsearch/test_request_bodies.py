"""Golden tests of the Elasticsearch request bodies: what the executor sends for representative searches.

Each body is compared with ``tests/data/elasticsearch_golden/<case>.json``. After a deliberate change to
``search/elasticsearch/requests.py`` or ``mapping.py``, regenerate the files and read their diff::

    ARCHIVE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/search/elasticsearch/test_request_bodies.py -q

The queries are written as the query language reads them (``search.querylang``), so a change of jieba's
dictionary does not move them; what was typed is in each case's comment.
"""

import json
import os
from datetime import date
from pathlib import Path

import pytest

from search.elasticsearch import requests as bodies
from search.elasticsearch.mapping import index_body
from search.executor import SearchRequest
from search.querylang import Clause, ParsedQuery, Pin

GOLDEN = Path(__file__).resolve().parents[2] / "data" / "elasticsearch_golden"
UPDATE = os.environ.get("ARCHIVE_UPDATE_GOLDEN") == "1"


def words(*groups, excluded=()) -> ParsedQuery:
    """Groups of clauses ANDed; a clause is a word list (a tuple for a quoted phrase)."""
    def clause(item):
        return Clause(list(item), phrase=isinstance(item, tuple))

    return ParsedQuery(groups=[[clause(item) for item in group] for group in groups],
                       excluded=[clause(item) for item in excluded])


def page(request: SearchRequest, stale=(), number: int = 1) -> dict:
    return bodies.page_body(request, stale, number, 20)


CASES = {
    # 心理健康教育 工作: two words of one clause, ANDed
    "words": lambda: page(SearchRequest(words([["心理健康", "教育"]], [["工作"]]))),
    # "加强心理辅导": a phrase, on the ik_smart subfield
    "phrase": lambda: page(SearchRequest(words([("加强", "心理", "辅导")]))),
    # "smart city": Latin words of a phrase keep their space
    "phrase_latin": lambda: page(SearchRequest(words([("smart", "city")]))),
    # 心理 OR 体育 学校
    "or": lambda: page(SearchRequest(words([["心理"], ["体育"]], [["学校"]]))),
    # 教育 -体育 -"体育 设施"
    "exclusion": lambda: page(SearchRequest(words([["教育"]], excluded=[["体育"], ("体育", "设施")]))),
    # -体育 alone: every reply but those
    "exclusion_only": lambda: page(SearchRequest(words(excluded=[["体育"]]))),
    # 心: the words it begins
    "single_character": lambda: page(SearchRequest(words([["心"]]))),
    # 十七届一次会议第18号: the proposal of that session first, or the text
    "number_with_session": lambda: page(SearchRequest(
        words([("十七届", "一次", "会议", "第", "18", "号")]), pin=Pin(number="18", session_key="17-1"))),
    # 朱蓉: a proposer's (or an agency's) name
    "name": lambda: page(SearchRequest(words([["朱蓉"]]), pin=Pin(names=("朱蓉",)))),
    # 教体局: an agency's alias names its full name too
    "agency_alias": lambda: page(SearchRequest(
        words([["教体局"]]), pin=Pin(names=("教体局", "资阳市教育和体育局")))),
    # 心理 with an agency, a year, a place (a city: its counties too) and two proposers
    "filters": lambda: page(SearchRequest(words([["心理"]]), filters={
        "agency": ["慈溪市教育局"], "year": ["2024"], "place": ["330282"],
        "proposer": ["朱蓉（慈溪市）", "王强（慈溪市）"],
    })),
    # 心理 from 2024-01-01 to 2024-06-30, and from a date on
    "date_range": lambda: page(SearchRequest(words([["心理"]]), date_from=date(2024, 1, 1), date_to=date(2024, 6, 30))),
    "date_from": lambda: page(SearchRequest(words([["心理"]]), date_from=date(2024, 1, 1))),
    # 心理, newest first, page 3
    "date_sort": lambda: page(SearchRequest(words([["心理"]]), by_date=True), number=3),
    # nothing typed, one body: every reply of it, newest first
    "browse": lambda: page(SearchRequest(filters={"body": ["政协"]})),
    # replies withdrawn while the indexer is behind are left out
    "stale": lambda: page(SearchRequest(words([["心理"]])), stale={12, 5}),
    # the page past the end, asked again without the facets
    "page_again": lambda: bodies.page_body(SearchRequest(words([["心理"]])), (), 4, 20, facets=False),
    "every_match": lambda: bodies.every_match_body(SearchRequest(words([["心理"]]), by_date=True), {7}, 10_000),
    "every_match_after": lambda: bodies.every_match_body(SearchRequest(words([["心理"]])), (), 3_000, [2.5, 41]),
    "count": lambda: bodies.count_body(SearchRequest(words([["养老"]], [["道路"]])), {7}),
    "widen": lambda: bodies.widen_body(SearchRequest(
        words([["心理"]]), filters={"agency": ["慈溪市教育局"], "proposer": ["朱蓉（慈溪市）"]},
        date_from=date(2020, 1, 1)), {9}),
    "suggestions": lambda: bodies.suggest_body(["心里", "辅到", "学校"], 6),
    "public_terms": lambda: bodies.public_terms_body(["心理", "心里话"], {3}),
    "keyword_frequencies": lambda: bodies.keyword_frequency_body(["心理健康", "辅导室", "教师"]),
    "related": lambda: bodies.related_body(17, {"辅导室": 4.2, "心理健康": 1.5}, 20),
    "mapping_ik": lambda: index_body("ik"),
    "mapping_smartcn": lambda: index_body("smartcn"),
}


@pytest.mark.parametrize("case", CASES)
def test_request_body_matches_its_golden_file(case):
    body = json.loads(json.dumps(CASES[case]()))  # as the client serialises it: tuples are lists
    path = GOLDEN / f"{case}.json"
    if UPDATE:
        path.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert path.exists(), f"no golden file for {case}: run with ARCHIVE_UPDATE_GOLDEN=1 and read the diff"
    assert body == json.loads(path.read_text(encoding="utf-8"))


def test_every_golden_file_is_a_case():
    assert {path.stem for path in GOLDEN.glob("*.json")} == set(CASES)
