"""Facet counts equal what the database says, for many random combinations of filters."""

import random
from collections import Counter

import pytest

from archive.models import Place, Reply
from search.facets import FACET_LIMIT, UNSTATED
from search.query import SearchParams, search

AGENCIES = ["慈溪市教育局", "信阳市教育体育局", "资阳市教育和体育局", "广州市南沙区教育局", "长春市教育局"]
PEOPLE = ["朱蓉", "陈海光", "罗大成", "高海朋", "李娜", "王强"]
SESSIONS = ["市十七届人大一次会议", "市政协五届四次会议"]


@pytest.fixture
def varied(make_reply, indexed):
    rng = random.Random(4)
    with indexed():
        for n in range(40):
            make_reply(
                agency=rng.choice(AGENCIES), proposers=tuple(rng.sample(PEOPLE, rng.randint(1, 3))),
                role=rng.choice(["代表", "委员"]), session=rng.choice(SESSIONS),
                date=f"{rng.choice([2022, 2023, 2024])}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                result_class=rng.choice(["A", "B", "C", None]), body_text=f"第{n}件答复：心理健康教育。",
                disclosure=rng.choice([None, "主动公开", "主动公开", "不予公开"]), publish=rng.random() > 0.1,
                next_steps="下一步，我局将于年底前建成心理辅导室。" if n % 3 == 0 else None,
            )


def database_rows() -> list[dict[str, set]]:
    replies = (
        Reply.objects.public().select_related("agency", "proposal__session", "proposal__place__parent__parent")
        .prefetch_related("proposal__proposers", "commitments")
    )
    rows = []
    for reply in replies:
        row = {
            "body": {reply.proposal.body}, "agency": {reply.agency.name},
            "place": {place.code for place in reply.proposal.place.division.ancestry},
            "year": {str(reply.date.year)}, "proposer": {p.facet_label for p in reply.proposal.proposers.all()},
            "result": {reply.result_class or UNSTATED}, "session": {str(reply.proposal.session)},
            "commitment": {"有期限承诺" if any(c.due for c in reply.commitments.all()) else "无"},
        }
        rows.append(row)
    return rows


def meets(row: dict, filters: dict[str, str], skip: str = "") -> bool:
    return all(value in row[name] for name, value in filters.items() if name != skip)


def database_total(filters: dict[str, str]) -> int:
    return sum(meets(row, filters) for row in database_rows())


def database_counts(filters: dict[str, str]) -> dict[str, Counter]:
    """Each facet's counts among the replies meeting every filter but its own (a chosen facet still shows the
    values that choosing them too would add)."""
    rows = database_rows()
    counts = {name: Counter(v for row in rows if meets(row, filters, name) for v in row[name]) for name in rows[0]}
    if "place" in counts:  # the place facet shows one level: provinces, or the chosen place and its children
        chosen = filters.get("place")
        children = set(Place.objects.filter(parent__code=chosen).values_list("code", flat=True))
        shown = (lambda code: code == chosen or code in children) if chosen else (lambda code: code.endswith("0000"))
        counts["place"] = Counter({code: n for code, n in counts["place"].items() if shown(code)})
    return counts


def test_facet_counts_equal_database_counts_for_random_filter_combinations(varied):
    rng = random.Random(7)
    values = {name: sorted({v for c in database_counts({}).get(name, {}) for v in [c]}) for name in
              ["body", "agency", "place", "year", "proposer", "result", "session"]}
    for _ in range(40):
        filters = {name: rng.choice(values[name]) for name in rng.sample(sorted(values), rng.randint(0, 3))}
        results = search(SearchParams(q=rng.choice(["", "心理"]), filters={k: [v] for k, v in filters.items()}))
        expected = database_counts(filters)
        got = {facet.name: Counter({v.value: v.count for v in facet.values}) for facet in results.facets}
        assert set(got) == {name for name, counts in expected.items() if counts}, filters
        for name, counts in got.items():  # a facet shows its FACET_LIMIT largest values (years: all)
            shown = min(len(expected[name]), FACET_LIMIT) if name != "year" else len(expected[name])
            assert len(counts) == shown, (filters, name)
            assert all(expected[name][value] == n for value, n in counts.items()), (filters, name)
            assert min(counts.values()) >= sorted(expected[name].values(), reverse=True)[shown - 1], (filters, name)
        assert results.total == database_total(filters)


def test_facets_are_counted_for_the_query_not_the_whole_archive(make_reply, indexed):
    with indexed():
        make_reply(agency="慈溪市教育局", body_text="双减政策落实情况。")
        make_reply(agency="长春市教育局", body_text="课后服务情况。")

    results = search(SearchParams(q="双减"))

    counts = {facet.name: [(v.value, v.count) for v in facet.values] for facet in results.facets}
    assert counts["agency"] == [("慈溪市教育局", 1)]


def test_a_facets_counts_add_up_to_the_total_with_未注明(make_reply, indexed):
    # Replies without a date, a result class or an agency were in no bucket: the counts did not add up.
    with indexed():
        make_reply(agency="慈溪市教育局", result_class="A", date="2024-05-01")
        make_reply(agency="长春市教育局", result_class=None, date=None)
        make_reply(agency="资阳市教育和体育局", result_class="B", date="2023-03-01")

    results = search(SearchParams())
    counts = {facet.name: {v.value: v.count for v in facet.values} for facet in results.facets}

    assert counts["year"] == {"2024": 1, "2023": 1, UNSTATED: 1}
    assert sum(counts["result"].values()) == results.total == 3 and counts["result"][UNSTATED] == 1
    assert search(SearchParams(filters={"year": [UNSTATED]})).hits[0].reply.agency.name == "长春市教育局"


def test_two_years_find_the_replies_of_either(make_reply, indexed):
    # Two years ticked together found nothing, and the page blamed the query.
    with indexed():
        make_reply(agency="慈溪市教育局", date="2024-05-01")
        make_reply(agency="长春市教育局", date="2023-05-01")
        make_reply(agency="资阳市教育和体育局", date="2022-05-01")

    results = search(SearchParams(filters={"year": ["2024", "2023"]}))

    assert {hit.reply.agency.name for hit in results.hits} == {"慈溪市教育局", "长春市教育局"}
    year = next(facet for facet in results.facets if facet.name == "year")
    assert {v.value: (v.count, v.active) for v in year.values} == {
        "2024": (1, True), "2023": (1, True), "2022": (1, False)}


def test_more_values_than_the_limit_wait_behind_更多(make_reply, indexed):
    with indexed():
        for n in range(FACET_LIMIT + 3):
            make_reply(agency=f"慈溪市第{n}局", title=f"关于第{n}件事的建议")

    agency = next(facet for facet in search(SearchParams()).facets if facet.name == "agency")

    assert len(agency.values) == FACET_LIMIT and len(agency.more) == 3 and not agency.more_cut


def test_past_the_more_limit_values_are_left_out_and_the_page_says_how_to_find_them(client, make_reply, indexed,
                                                                                   monkeypatch):
    monkeypatch.setattr("search.query.FACET_MORE_LIMIT", 2)
    with indexed():
        for n in range(FACET_LIMIT + 3):
            make_reply(agency=f"慈溪市第{n}局", title=f"关于第{n}件事的建议", proposers=(f"代表{n}",))

    page = client.get("/search/").content.decode()
    agency = next(facet for facet in search(SearchParams()).facets if facet.name == "agency")

    assert len(agency.more) == 2 and agency.more_cut
    assert f"只列出答复较多的 {FACET_LIMIT + 2} 项" in page and "其余的请在检索框输入名称查找" in page


def test_one_search_asks_for_the_stale_replies_once(make_reply, indexed, monkeypatch):
    # Each match of a search asked the database again: four times for three chosen facets, more when it found
    # nothing and looked for other words and wider searches.
    from search import whoosh_executor

    with indexed():
        make_reply(agency="慈溪市教育局", date="2024-05-01", body_text="心理辅导室建设。")
        make_reply(agency="长春市教育局", date="2023-05-01", body_text="心理辅导室建成。")
    calls = []
    real = whoosh_executor.stale_reply_ids
    monkeypatch.setattr(whoosh_executor, "stale_reply_ids", lambda: calls.append(1) or real())

    search(SearchParams(q="心理辅导室", filters={"agency": ["慈溪市教育局"], "year": ["2024"], "body": ["人大"]}))
    search(SearchParams(q="心理辅导室 养老", filters={"agency": ["长春市教育局"], "year": ["2024"]}))

    assert len(calls) <= 2
