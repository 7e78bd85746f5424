"""A facet shows its commonest values, the chosen ones, and up to FACET_MORE_LIMIT more: picked from tens of thousands
of values without sorting them all, it must pick what sorting them all picked."""

from hypothesis import given
from hypothesis import strategies as st

from search.facets import FACET_LIMIT, FACET_MORE_LIMIT
from search.query import _commonest

NAMES = ["朱蓉", "陈海光", "高海朋", "罗大成", "李娜", "王强", "龚秋菊", "慈溪市教育局", "湖州市民政局", "宜宾市交通局"]
values = st.builds(lambda name, n: f"{name}{n}", st.sampled_from(NAMES), st.integers(0, 40))


def sorted_whole(counter, chosen):
    """What the page did before: every value sorted."""
    ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    top = ordered[:FACET_LIMIT] + [item for item in ordered[FACET_LIMIT:] if item[0] in chosen]
    return top, [item for item in ordered[FACET_LIMIT:] if item[0] not in chosen]


@given(st.dictionaries(values, st.integers(1, 5), max_size=300), st.lists(values, max_size=4))
def test_the_values_shown_are_those_sorting_every_value_shows(counter, chosen):
    top, rest = _commonest(counter, chosen)
    expected_top, expected_rest = sorted_whole(counter, chosen)
    assert top == expected_top
    assert rest[:FACET_MORE_LIMIT] == expected_rest[:FACET_MORE_LIMIT]
    assert (len(rest) > FACET_MORE_LIMIT) == (len(expected_rest) > FACET_MORE_LIMIT)  # 更多 said alike
