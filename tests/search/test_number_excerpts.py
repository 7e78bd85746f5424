"""A number query's excerpt marks the proposal number however the letter pads it, in a section or in the letter."""

import pytest

from search.excerpts import SectionText, find_excerpts


class _Reply:
    def __init__(self, body_text):
        self.body_text = body_text

    def get_absolute_url(self):
        return "/replies/7/"


@pytest.mark.parametrize(("number", "written"), [("70", "第0070号"), ("D22", "D022号"), ("281", "第281号")])
def test_the_number_is_marked_in_the_section_that_holds_it(number, written):
    sections = [SectionText(1, "一", "基本情况", "一、基本情况\n经研究，答复如下。", "s1"),
                SectionText(1, "二", "办理情况", f"二、办理情况\n对您提出的{written}建议，我局高度重视。", "s2")]
    excerpts = find_excerpts(_Reply(""), sections, [], number=number)
    assert len(excerpts) == 1 and excerpts[0].url == "/replies/7/#s2"
    assert "<mark>" in str(excerpts[0].html)


def test_a_number_outside_every_section_is_found_in_the_letter():
    excerpts = find_excerpts(_Reply("朱蓉代表：\n您提出的第0070号建议收悉。"), [], [], number="70")
    assert "<mark>0070</mark>" in str(excerpts[0].html)


def test_another_number_holding_the_same_digits_is_not_marked():
    sections = [SectionText(1, "一", "情况", "一、情况\n参见第1700号建议。", "s1")]
    assert find_excerpts(_Reply("参见第1700号建议。"), sections, [], number="70") == []
