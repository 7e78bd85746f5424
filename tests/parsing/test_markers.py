"""Handling-result and disclosure markers above or below the letter, never words of its body."""

import pytest

from archive.parsing import parse_reply, result_class_of

from .letters import CLOSING, HEADING, make_letter, messages


@pytest.mark.parametrize(
    ("line", "label", "code"),
    [
        ("【B】", "【B】", "B"),
        ("办理结果：A", "办理结果：A", "A"),
        ("A类", "A类", "A"),
        ("答复类别：B", "答复类别：B", "B"),
        ("办理结果：【C】", "办理结果：【C】", "C"),
        ("（D类）", "（D类）", "D"),
    ],
)
def test_result_marker_near_the_top_gives_its_label_and_class(line, label, code):
    parsed = parse_reply(make_letter(heading=(line, *HEADING)))

    assert (parsed.result_label, parsed.result_class) == (label, code)


def test_result_marker_below_the_signature_is_read():
    parsed = parse_reply(make_letter(closing=(*CLOSING, "办理结果：B")))

    assert parsed.result_class == "B"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("办理结果：正在解决", "B"),
        ("办理结果：列入计划类", "C"),
        ("办理类型：解决采纳类", "A"),
        ("答复类型：【留作参考类】", "D"),
        ("办理结果：已解决", "A"),
        ("答复类别：部分采纳", "B"),
        ("办理结果：列入计划解决", "C"),
        ("办理结果：暂不能解决", "D"),
        ("【参考采纳】", "D"),
    ],
)
def test_result_in_words_keeps_the_label_and_gives_the_four_class_letter(line, code):
    parsed = parse_reply(make_letter(heading=(line, *HEADING)))

    assert (parsed.result_label, parsed.result_class) == (line, code)


@pytest.mark.parametrize(
    ("code", "label", "normalised"),
    [
        ("A", "【A】", "已解决"),
        ("B", "办理结果：B", "正在解决"),
        ("C", "C类", "留作参考"),
        ("D", "D类", "留作参考"),
        ("C", "办理结果：列入计划", "列入计划"),
        ("A", "A类（已解决）", "已解决"),
        ("D", "答复类别：不予采纳", "留作参考"),
        ("B", "答复类别：部分采纳", "正在解决"),
        (None, None, ""),
        ("E", "E类", ""),
    ],
)
def test_result_class_of_lets_the_words_decide_and_maps_a_bare_letter_by_the_three_class_scheme(
    code, label, normalised
):
    assert result_class_of(code, label) == normalised


def test_class_letters_inside_the_body_are_not_a_result():
    body = ("一、加强师资培训", "组织教师参加心理健康A.B.C证培训，A类证书持证率达80%。")

    parsed = parse_reply(make_letter(body=body))

    assert parsed.result_class is None


@pytest.mark.parametrize(
    ("line", "disclosure"),
    [
        ("【同意公开】", "同意公开"),
        ("【主动公开】", "主动公开"),
        ("公开方式：主动公开", "主动公开"),
        ("公开属性：主动公开", "主动公开"),
        ("是否同意公开【主动公开】", "主动公开"),
        ("【依申请公开】", "依申请公开"),
        ("（不予公开）", "不予公开"),
        ("【不同意公开】", "不同意公开"),
        ("是否同意公开：同意", "同意公开"),
        ("公开类别：主动公开", "主动公开"),
        ("公开方式：不公开", "不予公开"),
        ("（此件不公开）", "不予公开"),
        ("是否公开：否", "不予公开"),
        ("是否公开：是", None),
        ("此件主动公开", "主动公开"),
        ("此件公开发布", "主动公开"),
        ("同意公开", "同意公开"),
        ("公开类型：依申请公开", "依申请公开"),
        ("是否同意公开：是", "同意公开"),
    ],
)
def test_disclosure_marker_near_the_top_is_read(line, disclosure):
    parsed = parse_reply(make_letter(heading=(line, *HEADING)))

    assert parsed.disclosure == disclosure


def test_disclosure_alone_on_a_line_at_the_end_is_read():
    parsed = parse_reply(
        make_letter(closing=(*CLOSING, "抄送：市政协提案委", "资阳市教育局办公室", "主动公开", "2024年6月28日印发"))
    )

    assert parsed.disclosure == "主动公开"


def test_website_column_named_like_a_disclosure_label_is_not_a_disclosure():
    text = "当前位置:首页 > 资阳市人民政府 > 法定主动公开内容 > 建议提案\n" + make_letter()

    parsed = parse_reply(text)

    assert parsed.disclosure is None


def test_disclosure_words_inside_the_body_are_not_a_disclosure():
    body = ("一、推进政务公开", "我局坚持主动公开政务信息，依申请公开办理及时。")

    parsed = parse_reply(make_letter(body=body))

    assert parsed.disclosure is None


def test_result_written_as_a_class_of_reply_is_read():
    parsed = parse_reply(make_letter(heading=("A类答复", *HEADING)))

    assert parsed.result_class == "A"


def test_result_class_beside_the_document_number_is_read():
    parsed = parse_reply(make_letter(heading=("西交运函[2025]112号\u3000\u3000\u3000A类", *HEADING)))

    assert (parsed.result_class, parsed.doc_number) == ("A", "西交运函[2025]112号")


def test_disclosure_beside_the_result_on_one_line_is_read():
    parsed = parse_reply(make_letter(heading=("答复类别：C\u3000\u3000依申请公开", *HEADING)))

    assert (parsed.result_class, parsed.disclosure) == ("C", "依申请公开")


def test_class_with_its_meaning_in_brackets_below_the_signature_is_read():
    parsed = parse_reply(make_letter(closing=(*CLOSING, "A类（已解决）")))

    assert (parsed.result_class, parsed.date) == ("A", "2024-06-28")


def test_a_website_menu_listing_several_disclosure_labels_is_not_the_letters_disclosure():
    parsed = parse_reply(make_letter(heading=("主动公开", "依申请公开", *HEADING)))

    assert parsed.disclosure is None
    assert any("公开属性" in warning for warning in messages(parsed))


@pytest.mark.parametrize("line", ["公开属性：公开", "公开方式：部分公开", "是否公开：是"])
def test_disclosure_that_does_not_say_which_kind_is_left_empty_with_a_warning(line):
    parsed = parse_reply(make_letter(heading=(line, *HEADING)))

    assert parsed.disclosure is None
    assert [warning.field for warning in parsed.warnings] == ["disclosure"]


@pytest.mark.parametrize("line", ["经研究，本提案办理结果为B类。", "办复类型：B", "答复结果：B"])
def test_result_stated_with_wei_or_another_label_below_the_signature_is_read(line):
    assert parse_reply(make_letter(closing=(*CLOSING, line))).result_class == "B"


def test_not_adopted_in_words_is_class_d():
    parsed = parse_reply(make_letter(heading=("办理结果：未采纳", *HEADING)))

    assert (parsed.result_class, result_class_of(parsed.result_class, parsed.result_label)) == ("D", "留作参考")


def test_exempt_from_disclosure_withholds_the_letter():
    assert parse_reply(make_letter(closing=(*CLOSING, "公开方式：免予公开"))).disclosure == "不予公开"


def test_result_in_words_outside_the_table_is_left_empty_with_a_warning():
    parsed = parse_reply(make_letter(closing=(*CLOSING, "办理结果：说明解释")))

    assert (parsed.result_class, [warning.field for warning in parsed.warnings]) == (None, ["result_class"])
