"""A cell a spreadsheet would run as a formula is shown as text."""

import pytest

from archive.spreadsheet_safety import safe_cell


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_formula_start_gets_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["关于加强中小学心理健康教育的建议", "资教体函〔2024〕70号", "0070", "", "a=b"])
def test_ordinary_text_is_left_as_it_is(value):
    assert safe_cell(value) == value


def test_none_is_an_empty_cell_and_numbers_are_text():
    assert safe_cell(None) == "" and safe_cell(70) == "70"
