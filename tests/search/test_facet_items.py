"""Facet values on the search page: each a link with its count, every piece escaped."""

from search.query import FacetValue
from search.templatetags.facet_lists import facet_items


def test_a_value_is_a_link_with_its_count_and_a_chosen_one_removes_itself():
    html = facet_items([FacetValue("慈溪市教育局", "慈溪市教育局", 12, False, "?q=心理&agency=慈溪市教育局"),
                        FacetValue("2024", "2024年", 3, True, "?q=心理")])
    assert html == (
        '<li><a href="?q=心理&amp;agency=慈溪市教育局">慈溪市教育局</a> <span class="facet-count">12</span></li>'
        '<li class="active"><a href="?q=心理" aria-current="true" title="去掉此条件">2024年</a> '
        '<span class="facet-count">3</span></li>'
    )


def test_what_a_letter_named_is_escaped_in_the_label_and_the_link():
    hostile = '"><script>alert(1)</script>'
    html = facet_items([FacetValue(hostile, hostile, 1, False, f"?agency={hostile}")])
    assert "<script>" not in html and "&lt;script&gt;" in html and '&quot;&gt;' in html
