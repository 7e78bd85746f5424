"""Numbered sections of the body: two levels, titles, text, and the next steps."""

import pytest

from archive.parsing import parse_reply
from archive.parsing.sections import after_title

from .letters import make_letter


def sections_of(*body):
    return parse_reply(make_letter(body=body)).sections


def titles(sections, level=1):
    return [section.title for section in sections if section.level == level]


def test_top_headings_give_number_title_and_text():
    sections = sections_of("一、工作情况", "我局高度重视。", "二、存在问题", "师资不足。")

    assert [(s.level, s.number, s.title) for s in sections] == [(1, "一", "工作情况"), (1, "二", "存在问题")]
    assert sections[0].text == "一、工作情况\n我局高度重视。"


def test_heading_inline_with_its_paragraph_has_its_title_end_at_the_first_full_stop():
    sections = sections_of(
        "一、高度重视，加强组织领导。近年来，我局印发了一系列文件。", "二、聚焦重点，打造品牌！我市打造了品牌。"
    )

    assert titles(sections) == ["高度重视，加强组织领导", "聚焦重点，打造品牌"]


def test_headings_are_read_with_every_kind_of_number_punctuation():
    for first, second in (
        ("一 、工作情况", "二 、存在问题"),
        ("一．工作情况", "二．存在问题"),
        ("1.工作情况", "2.存在问题"),
        ("1、工作情况", "2、存在问题"),
        ("第一、工作情况", "第二、存在问题"),
    ):
        assert titles(sections_of(first, "内容。", second, "内容。")) == ["工作情况", "存在问题"], first


def test_second_level_headings_in_full_and_half_width_brackets_are_subsections():
    sections = sections_of(
        "一、工作情况",
        "(一)强化组织领导,坚持高位推动",
        "内容。",
        "（二）加强队伍建设",
        "内容。",
        "二、下一步打算",
        "内容。",
    )

    assert [(s.level, s.number, s.title) for s in sections] == [
        (1, "一", "工作情况"),
        (2, "一", "强化组织领导,坚持高位推动"),
        (2, "二", "加强队伍建设"),
        (1, "二", "下一步打算"),
    ]


def test_top_heading_numbered_in_another_style_still_continues_the_sequence():
    sections = sections_of("一、目前工作推进情况", "内容。", "2、 下一步工作安排", "内容。")

    assert [(s.number, s.title) for s in sections] == [("一", "目前工作推进情况"), ("2", "下一步工作安排")]


def test_subsection_numbered_in_another_style_still_continues_the_sequence():
    sections = sections_of(
        "一、工作情况", "（一）甲", "内容。", "（二）乙", "内容。", "（3） 丙", "内容。", "（四）丁", "内容。"
    )

    assert titles(sections, level=2) == ["甲", "乙", "丙", "丁"]


def test_numbered_list_inside_a_section_is_text_not_headings():
    sections = sections_of(
        "一、工作情况",
        "（一）强化领导",
        "1.成立领导小组，统筹推进工作。",
        "2.制定实施方案，明确责任分工。",
        "（二）加强培训",
        "内容。",
        "二、存在问题",
        "内容。",
    )

    assert titles(sections) == ["工作情况", "存在问题"]
    assert titles(sections, level=2) == ["强化领导", "加强培训"]
    assert "2.制定实施方案" in sections[1].text


def test_arabic_list_between_chinese_headings_does_not_break_the_sequence():
    sections = sections_of(
        "一、工作情况",
        "1.成立领导小组。",
        "2.制定实施方案。",
        "3.开展督导检查。",
        "二、存在问题",
        "内容。",
        "三、下一步打算",
        "内容。",
    )

    assert titles(sections) == ["工作情况", "存在问题", "下一步打算"]


def test_yishi_ershi_enumerations_are_not_sections():
    sections = sections_of("一、存在主要问题", "一是全市心理健康教师资源不足。", "二是心理辅导室作用发挥不够。")

    assert titles(sections) == ["存在主要问题"]
    assert sections[0].text.endswith("二是心理辅导室作用发挥不够。")


def test_letter_with_only_bracketed_headings_has_them_as_its_sections():
    sections = sections_of("（一）加强组织领导", "内容。", "（二）完善工作机制", "内容。")

    assert [(s.level, s.title) for s in sections] == [(1, "加强组织领导"), (1, "完善工作机制")]


def test_text_before_the_first_heading_is_not_a_section():
    sections = sections_of("我局高度重视，现将有关情况说明如下。", "一、工作情况", "内容。")

    assert [s.title for s in sections] == ["工作情况"]


def test_a_heading_that_does_not_start_at_one_is_text():
    assert sections_of("三、其他情况", "内容。") == []


def test_closing_courtesy_line_is_not_part_of_the_last_section():
    parsed = parse_reply(
        make_letter(
            body=("一、工作情况", "内容。"), closing=("再次感谢您对教育工作的关心！", "资阳市教育局", "2024年6月28日")
        )
    )

    assert parsed.sections[-1].text == "一、工作情况\n内容。"


def test_next_steps_are_the_section_titled_next_steps_with_its_subsections():
    parsed = parse_reply(
        make_letter(
            body=(
                "一、工作情况",
                "内容。",
                "二、下一步工作打算",
                "（一）完善机制",
                "将完善机制。",
                "（二）加强队伍",
                "将加强队伍。",
            )
        )
    )

    assert parsed.next_steps == "二、下一步工作打算\n（一）完善机制\n将完善机制。\n（二）加强队伍\n将加强队伍。"


def test_next_steps_are_the_paragraph_starting_with_xiayibu_when_no_section_has_them():
    body = ("一、工作情况", "内容。", "下一步，我局将继续完善心理健康教育体系。")

    parsed = parse_reply(make_letter(body=body))

    assert parsed.next_steps == "下一步，我局将继续完善心理健康教育体系。"
    assert "下一步" not in parsed.sections[-1].text


def test_next_steps_announced_with_a_colon_take_the_list_that_follows():
    body = ("一、工作情况", "内容。", "下一步，我局将重点做好以下工作：", "一是完善机制。", "二是加强队伍。")

    parsed = parse_reply(make_letter(body=body))

    assert parsed.next_steps == "下一步，我局将重点做好以下工作：\n一是完善机制。\n二是加强队伍。"


def test_letter_without_next_steps_has_none():
    parsed = parse_reply(make_letter(body=("一、工作情况", "内容。")))

    assert parsed.next_steps is None


def test_points_of_the_proposal_listed_before_the_answer_are_not_its_sections():
    sections = sections_of(
        "您在提案中提出了三点建议：",
        "一、加强师资",
        "二、完善设施",
        "现答复如下：",
        "一、关于加强师资",
        "我局已配备专职心理教师一百二十名，覆盖全部中小学。",
        "二、关于完善设施",
        "我局已建成标准化心理辅导室八十间，实现全覆盖。",
    )

    assert titles(sections) == ["关于加强师资", "关于完善设施"]


def test_repeated_or_skipped_number_in_a_chinese_sequence_is_a_slip_not_text():
    sections = sections_of(
        "一、下一步工作", "（一）盘活存量资源。内容。", "（三）精准匹配需求。内容。", "（三）加强运营监管。内容。"
    )

    assert titles(sections, level=2) == ["盘活存量资源", "精准匹配需求", "加强运营监管"]


def test_arabic_number_is_not_a_top_heading_where_the_chinese_one_follows():
    sections = sections_of(
        "一、基本情况",
        "内容。",
        "二、已开展的工作",
        "（一）试点。内容。",
        "（二）引入。内容。",
        "3.规范管理。内容。",
        "三、今后工作打算",
        "内容。",
    )

    assert titles(sections) == ["基本情况", "已开展的工作", "今后工作打算"]
    assert titles(sections, level=2) == ["试点", "引入", "规范管理"]


def test_half_width_full_stop_ends_an_inline_title():
    sections = sections_of("1.强化校园周边警力部署.在全市设置护学岗.", "2.优化交通组织.内容.")

    assert titles(sections) == ["强化校园周边警力部署", "优化交通组织"]


def test_paragraphs_numbered_di_yi_di_er_are_the_sections_of_a_letter_without_other_numbering():
    sections = sections_of("第一，加大设施建设支持。2018年安排资金1.5亿元。", "第二，培育市场主体。支持建设物流中心。")

    assert [(s.number, s.title) for s in sections] == [("一", "加大设施建设支持"), ("二", "培育市场主体")]


def test_di_yi_di_er_inside_numbered_sections_stay_text():
    sections = sections_of(
        "一、工作情况",
        "第一，加大支持。第二，培育主体。",
        "第一，加大支持。",
        "第二，培育主体。",
        "二、下一步工作",
        "继续推进。",
    )

    assert titles(sections) == ["工作情况", "下一步工作"]


def test_a_single_di_yi_paragraph_is_no_section():
    assert sections_of("第一，我局高度重视此项工作。", "目前已完成改造。") == []


def test_the_proposals_points_restated_before_the_answer_are_not_sections():
    sections = sections_of(
        "您在提案中提出：",
        "1.加大财政投入；",
        "2.完善管理机制；",
        "经认真研究，现答复如下：",
        "一、工作情况",
        "我局高度重视。",
        "二、下一步打算",
        "继续推进。",
    )

    assert titles(sections) == ["工作情况", "下一步打算"]


def test_a_letter_answering_a_restated_list_without_headings_has_no_sections():
    sections = sections_of(
        "您在提案中提出：",
        "1.加大财政投入；",
        "2.完善管理机制；",
        "经认真研究，现答复如下：",
        "近年来，我局高度重视养老服务工作。",
    )

    assert sections == []


def test_a_heading_that_announces_the_answer_keeps_the_sections_above_it():
    sections = sections_of(
        "一、基本情况",
        "我市现有养老机构30家。",
        "二、关于您提出的几点建议，答复如下：",
        "（一）关于资金。",
        "已安排资金。",
    )

    assert titles(sections) == ["基本情况", "关于您提出的几点建议，答复如下"]


def test_the_proposals_text_attached_after_the_signature_gives_no_sections():
    closing = (
        "资阳市教育局",
        "2024年6月28日",
        "附：提案原文",
        "关于加强学生心理健康教育的建议",
        "一、存在问题",
        "我市心理健康教师严重不足，学校心理辅导室利用率不高，家校协同机制尚不健全，需要加强。",
        "二、几点建议",
        "建议加大投入。",
    )

    parsed = parse_reply(make_letter(closing=closing))

    assert titles(parsed.sections) == ["工作情况", "下一步工作打算"]
    assert (parsed.agency, parsed.date) == ("资阳市教育局", "2024-06-28")


def test_first_heading_on_the_line_that_announces_the_answer_is_a_section():
    reference = "您提出的《关于加强学生心理健康教育的建议》收悉，现答复如下：一、加强组织领导。我局成立了专班。"

    parsed = parse_reply(make_letter(reference=reference, body=("二、完善设施布局。新建中心30个。",)))

    assert [(s.number, s.title) for s in parsed.sections] == [("一", "加强组织领导"), ("二", "完善设施布局")]
    assert parsed.proposal_title == "关于加强学生心理健康教育的建议"


def test_punctuation_left_after_a_heading_number_is_no_end_of_the_title():
    sections = sections_of("一、：关于经费保障。市级财政安排资金1.2亿元。", "二、：关于人才激励。落实绩效工资政策。")

    assert titles(sections) == ["关于经费保障", "关于人才激励"]


def test_heading_number_with_nothing_after_it_is_no_section():
    sections = sections_of("一、。", "我局高度重视。", "二、下一步工作", "我局将继续推进。")

    assert all(section.title for section in sections)


def test_heading_number_with_nothing_after_it_leaves_the_headings_around_it():
    sections = sections_of(
        "一、工作情况", "我局高度重视。", "二、。", "我局加大投入。", "三、下一步工作", "我局将继续推进。"
    )

    assert titles(sections) == ["工作情况", "下一步工作"]


@pytest.mark.parametrize(("line", "title", "after"), [
    ("一、高度重视，加强组织领导。近年来，我局成立了专班。", "高度重视，加强组织领导", "近年来，我局成立了专班。"),
    ("四、下一步工作安排：我局将继续推进。", "下一步工作安排", "我局将继续推进。"),
    ("（二）完善设施布局？ 新建中心30个。", "完善设施布局", "新建中心30个。"),
    ("一、加强领导，", "加强领导", ""),  # the comma title_of trimmed is no text
    ("三、下一步工作", "下一步工作", ""),
    ("三、下一步工作", "", ""),  # a title nobody could read
    ("三、下一步工作", "工作打算", ""),  # a title corrected away from the line
])
def test_the_text_after_a_heading_title_is_what_the_heading_runs_on_into(line, title, after):
    assert after_title(line, title) == after
