"""Hostile searches (issue 13): none may hold a worker, answer 500 or build a query too deep to run.

Every case of ``tests/data/hostile_queries.json`` (the benchmark's hostile row runs the same corpus at
10,000 replies) goes to the page and the API of a small archive. The ceiling is generous on purpose:
timing belongs to ``benchmarks/bench.py``; here a case that re-runs the text query per filter or keeps
duplicate clauses shows as seconds, not milliseconds.
"""

import json
import time

import pytest

from benchmarks.queries import HOSTILE, archive_values, hostile_queries
from search import querylang, whoosh_executor
from search.mapped_storage import MappedFileStorage
from search.params import MAX_FILTER_VALUES
from search.query import SearchParams, search
from search.querylang import parse_query
from tests.search.corpus import write_spaced_index

CASES = [case["name"] for case in json.loads(HOSTILE.read_text(encoding="utf-8"))["cases"]]
CEILING_SECONDS = 3.0  # the machine may be busy with other work: a budget-less search took 7-60 s

LETTERS = [
    dict(title="关于加强社区养老服务工作的建议", agency="慈溪市民政局", date="2024-03-01", result_class="A"),
    dict(title="关于推进中小学心理健康教育工作的建议", agency="慈溪市教育局", date="2024-05-02", result_class="B"),
    dict(title="关于完善公交线路建设的建议", agency="慈溪市交通运输局", date="2023-06-03", result_class="A"),
    dict(title="关于加强垃圾分类工作机制的建议", agency="慈溪市城市管理局", date="2023-07-04", result_class="C"),
    dict(title="关于提升基层医疗服务水平的建议", agency="慈溪市卫生健康局", date="2022-08-05", result_class="A"),
    dict(title="关于加强校园安全管理工作的建议", agency="慈溪市教育局", date="2022-09-06", result_class="B"),
    dict(title="关于推进工作机制创新的建议", agency="长春市教育局", date="2021-10-07", result_class="A",
         session="长春市政协十四届二次会议", role="委员", proposers=("李娜",)),
    dict(title="关于工作工作的建议", agency="长春市民政局", date="2021-11-08", result_class="C",
         session="长春市政协十四届二次会议", role="委员", proposers=("张伟",)),
]


@pytest.fixture(autouse=True)
def _production_budget(settings):
    """The budget a site runs with: these tests are about what it bounds."""
    settings.SEARCH_TIME_BUDGET_SECONDS = 0.3


@pytest.fixture
def archive(make_reply, indexed):
    with indexed():
        for letter in LETTERS:
            body = (f"代表：\n您提出的《{letter['title']}》收悉。现答复如下：\n"
                    "一、加强工作\n我们将进一步加强工作，推进建设，完善机制。")
            make_reply(body_text=body, **letter)


@pytest.fixture
def cases(archive):
    return {query.name: query for query in hostile_queries(archive_values())}


@pytest.mark.parametrize("name", CASES)
def test_a_hostile_search_answers_at_once_on_the_page_and_the_api(client, settings, cases, name):
    settings.SEARCH_API_RATE_LIMIT = 1_000_000
    path = cases[name].path
    for url in (path, path.replace("/search/", "/api/search/", 1)):
        started = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - started

        assert response.status_code == 200, url[:200]
        assert seconds < CEILING_SECONDS, (name, url[:200], seconds)


# ---- the normalised query ----------------------------------------------------------------------


def test_a_repeated_phrase_is_one_clause():
    parsed = parse_query('"工作 工作" ' * 24)

    assert len(parsed.groups) == 1 and not parsed.excluded


def test_a_word_repeated_without_spaces_is_one_word():
    parsed = parse_query("工作" * 100)

    assert [clause.words for group in parsed.groups for clause in group] == [["工作"]]


def test_repeated_or_groups_and_exclusions_are_kept_once():
    parsed = parse_query("工作 OR 建议 工作 OR 建议 -教育 -教育")

    assert len(parsed.groups) == 1 and len(parsed.groups[0]) == 2 and len(parsed.excluded) == 1


def test_the_number_of_phrases_and_words_is_capped_and_said():
    parsed = parse_query(" ".join(f'"加强 工作{n}"' for n in range(10)))
    long_run = parse_query("加强工作推进建设完善机制提升服务水平落实责任" * 3)

    assert sum(clause.phrase for group in parsed.groups for clause in group) == querylang.MAX_PHRASES
    assert parsed.truncated
    assert all(len(clause.words) <= querylang.MAX_CLAUSE_WORDS for group in long_run.groups for clause in group)


def test_the_number_of_single_characters_is_capped_and_said():
    parsed = parse_query("市 OR 区 OR 县 OR 建 OR 议 OR 答 OR 复 教 育 服")

    assert sum(len(group) for group in parsed.groups) == querylang.MAX_PREFIXES and parsed.truncated


def test_the_issue_query_keeps_one_phrase_and_searches_four_years_as_any_of_them(archive, client):
    payload = client.get("/api/search/", {"q": '"工作 工作" ' * 24, "year": ["2024", "2023", "2022", "2021"]}).json()

    assert payload["contradictory"] is False and payload["count"] == 1  # 关于工作工作的建议, of 2021


# ---- contradictory filters are answered without the index --------------------------------------


@pytest.mark.parametrize("params", [
    {"q": "工作", "date_from": "2024-12-31", "date_to": "2020-01-01"},
    {"q": "工作", "year": "2024", "date_from": "2021-01-01", "date_to": "2022-12-31"},
    {"q": "工作", "year": ["2024", "2023"], "date_from": "2021-01-01", "date_to": "2022-12-31"},
    {"q": "工作 -工作"},
])
def test_contradictory_filters_answer_nothing_without_searching(archive, client, monkeypatch, params):
    def no_index():
        raise AssertionError("the index was asked")

    monkeypatch.setattr("search.indexing.backend", no_index)
    response = client.get("/search/", params)
    payload = client.get("/api/search/", params).json()

    assert response.status_code == 200 and "互相矛盾" in response.content.decode()
    assert payload["count"] == 0 and payload["contradictory"] is True and payload["results"] == []


def test_two_proposers_are_not_a_contradiction(archive, client):
    payload = client.get("/api/search/", {"q": "工作", "proposer": ["李娜", "张伟"]}).json()

    assert payload["contradictory"] is False


# ---- widen: one text match for every filter ----------------------------------------------------


def test_widen_matches_the_text_once_whatever_the_number_of_filters(archive, client, monkeypatch):
    calls = []
    matching = whoosh_executor._matching

    def counted(*args, **kwargs):
        calls.append(args)
        return matching(*args, **kwargs)

    monkeypatch.setattr(whoosh_executor, "_matching", counted)
    params = {"q": "养老", "agency": "慈溪市民政局", "result": "B", "role": "代表", "body": "人大",
              "date_from": "2021-01-01", "date_to": "2024-12-31"}
    found = search(SearchParams.from_querydict(_querydict(params)))

    assert found.total == 0
    # The filtered search, one without each chosen facet (agency, result, body) for its counts, the text alone once.
    assert len(calls) <= 5
    assert [(label.split("：")[0], count) for label, count, _ in found.widen] == [("办理结果", 1)]


def test_widen_counts_what_each_dropped_filter_would_find(archive):
    found = search(SearchParams.from_querydict(_querydict({"q": "工作", "year": "2021", "agency": "慈溪市教育局"})))

    assert found.total == 0
    widen = {label: count for label, count, _ in found.widen}
    assert widen == {"年份：2021年": 2, "答复单位：慈溪市教育局": 2}


def _querydict(params):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query


# ---- the time budget ---------------------------------------------------------------------------


def test_a_search_past_its_time_budget_answers_with_what_it_has_and_says_so(archive, client, settings):
    settings.SEARCH_TIME_BUDGET_SECONDS = 0

    page = client.get("/search/", {"q": "工作"})
    payload = client.get("/api/search/", {"q": "工作"}).json()

    assert page.status_code == 200 and "检索用时超出限制" in page.content.decode()
    assert payload["out_of_time"] is True and 1 <= payload["count"] <= len(LETTERS)


def test_a_search_within_its_budget_says_nothing(archive, client):
    page = client.get("/search/", {"q": "工作"})
    payload = client.get("/api/search/", {"q": "工作"}).json()

    assert "检索用时超出限制" not in page.content.decode()
    assert payload["out_of_time"] is False and payload["count"] == len(LETTERS)


def test_ranking_past_the_budget_keeps_the_best_it_saw(archive, monkeypatch):
    from search.indexing import backend

    monkeypatch.setattr(whoosh_executor, "CLOCK_EVERY", 1)
    searcher = backend().searcher()
    scored = whoosh_executor.build_text_query(parse_query("工作"))
    docnums, _ = whoosh_executor._matching(searcher, scored, None, deadline=float("inf"))

    in_time, late = whoosh_executor._best(searcher, scored, docnums, 20, restrict=False, deadline=float("inf"))
    cut, out_of_time = whoosh_executor._best(searcher, scored, docnums, 20, restrict=True, deadline=0)

    assert len(in_time) == len(LETTERS) and not late
    assert out_of_time and len(cut) < len(LETTERS)


def test_matching_past_the_budget_returns_what_it_found(tmp_path, monkeypatch):
    # 1,000 letters: 工作's postings are several blocks, and the clock stops the reading after the first.
    write_spaced_index(tmp_path, 1000)
    monkeypatch.setattr(whoosh_executor, "BLOCKS_BETWEEN_CLOCKS", 1)
    scored = whoosh_executor.build_text_query(parse_query("工作"))
    with MappedFileStorage(str(tmp_path)).open_index().searcher() as searcher:
        every, late = whoosh_executor._matching(searcher, scored, None, deadline=float("inf"))
        found, out_of_time = whoosh_executor._matching(searcher, scored, None, deadline=0)

    assert not late and len(every) > 128
    assert out_of_time and 1 <= len(found) < len(every) and set(found) <= set(every)


def test_no_hostile_case_builds_a_large_or_deep_query(cases, rf):
    # 990 selected_facets once built an And of 990 terms, too deep for Whoosh's recursion: a RecursionError, a 500.
    for name, case in cases.items():
        params = SearchParams.from_querydict(rf.get(case.path).GET)
        text = whoosh_executor.build_text_query(parse_query(params.q))
        filters = whoosh_executor._filter_query(params)

        assert text is None or len(list(text.leaves())) <= querylang.MAX_WORDS, name
        assert filters is None or len(list(filters.leaves())) <= MAX_FILTER_VALUES * 8 + 1, name


@pytest.mark.parametrize("q", ['"加强 工作"', '"工作 机制"', '"工作 工作"', '工作 -"推进 建设"',
                               '"工作 机制" OR "养老 服务"', '"推进 工作" 机制', '"进一步 加强 工作" -"完善 机制"',
                               "工作 -建议 -教育", "工作 -机制 -服务 OR 养老", "-机制"])
def test_phrases_and_exclusions_checked_on_the_matched_letters_find_what_whoosh_finds(archive, q):
    from search.indexing import backend

    searcher = backend().searcher()
    parsed = parse_query(q)

    found, out_of_time = whoosh_executor._match(searcher, parsed, None, None, deadline=float("inf"))

    assert sorted(found) == sorted(searcher.docs_for_query(whoosh_executor.build_text_query(parsed)))
    assert not out_of_time


def test_a_phrase_check_past_the_budget_keeps_only_what_it_checked(archive, monkeypatch):
    from search.indexing import backend

    monkeypatch.setattr(whoosh_executor, "CLOCK_EVERY", 1)
    searcher = backend().searcher()
    candidates = sorted(searcher.reader().all_doc_ids())

    found, unchecked = whoosh_executor._phrase_documents(searcher, ["加强", "工作"], candidates, deadline=0)
    kept, out_of_time = whoosh_executor._matching_phrases(searcher, parse_query('"加强 工作"'), None, deadline=0)

    assert not found and unchecked == set(candidates)
    assert out_of_time and kept == []


def test_exclusions_that_remove_every_letter_still_look_at_the_clock(archive, monkeypatch):
    # Every letter holds 建议: inside Whoosh's AND NOT, no letter was ever yielded, so the clock was never looked at
    # and the search ran as long as the archive was large (1.6 s at 100,000 replies).
    from search.indexing import backend

    monkeypatch.setattr(whoosh_executor, "CLOCK_EVERY", 1)
    searcher = backend().searcher()

    found, out_of_time = whoosh_executor._match(searcher, parse_query("工作 -建议"), None, None, deadline=0)

    assert found == [] and out_of_time
