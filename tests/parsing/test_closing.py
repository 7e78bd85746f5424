"""The closing block: agency, signer, contact, copies."""

import pytest

from archive.parsing import parse_reply

from .letters import CLOSING, make_letter, messages


def test_agency_is_the_signature_above_the_date():
    parsed = parse_reply(make_letter(closing=("再次感谢您的关心。", "资阳市教育和体育局", "2024年6月28日")))

    assert parsed.agency == "资阳市教育和体育局"


def test_agency_comes_from_the_title_line_when_the_letter_has_no_signature():
    heading = ("资阳市教育和体育局关于市政协五届四次会议第70号提案的答复",)

    parsed = parse_reply(make_letter(heading=heading, closing=("2024年6月28日",)))

    assert parsed.agency == "资阳市教育和体育局"


def test_agency_comes_from_the_letterhead_when_the_signature_has_only_a_date():
    heading = ("信阳市教育体育局", "签发人：林长", "对市政协六届二次会议第2024175号提案的答复")

    parsed = parse_reply(make_letter(heading=heading, closing=("2024年7月2日",)))

    assert (parsed.agency, parsed.signer) == ("信阳市教育体育局", "林长")


def test_printing_office_of_the_print_record_is_not_the_agency():
    closing = ("2024年7月2日", "抄送：市政协提案委。", "信阳市教育体育局办公室", "2024年7月2日印发")

    parsed = parse_reply(make_letter(closing=closing))

    assert parsed.agency is None


def test_letter_that_only_says_wo_ju_leaves_the_agency_empty_with_a_warning():
    parsed = parse_reply(make_letter(closing=("感谢您的关心。",)))

    assert parsed.agency is None
    assert "未能识别答复单位：正文只写了“我局”，请手工填写。" in messages(parsed)


def test_lead_unit_line_inside_the_letter_names_the_agency():
    closing = ("主办单位：信阳市教育体育局，联系人：孟辉，电话：6225005。", "2024年7月2日")

    parsed = parse_reply(make_letter(closing=closing))

    assert (parsed.agency, parsed.contact_name, parsed.contact_phone) == ("信阳市教育体育局", "孟辉", "6225005")


@pytest.mark.parametrize(
    ("line", "name", "phone"),
    [
        ("联系人：孟辉，电话：6225005", "孟辉", "6225005"),
        ("联系人姓名及电话：裴莹 13174465558", "裴莹", "13174465558"),
        ("联系人：张三  联系电话：0391-1234567", "张三", "0391-1234567"),
        ("（联系人：钱玉洁，电话：0519-85681234）", "钱玉洁", "0519-85681234"),
        ("联 系 人：王五", "王五", None),
        ("经办人:杨帆,电话:0871-63012345", "杨帆", "0871-63012345"),
        ("（联系人：汪磊     联系电话：0551－68836025）", "汪磊", "0551-68836025"),
    ],
)
def test_contact_lines_give_name_and_phone(line, name, phone):
    parsed = parse_reply(make_letter(closing=(*CLOSING, line)))

    assert (parsed.contact_name, parsed.contact_phone) == (name, phone)


def test_contact_phone_on_the_next_line_is_read():
    parsed = parse_reply(make_letter(closing=(*CLOSING, "联系人：张三", "联系电话：0391-1234567")))

    assert (parsed.contact_name, parsed.contact_phone) == ("张三", "0391-1234567")


def test_copies_are_listed_without_copy_counts_and_final_punctuation():
    parsed = parse_reply(make_letter(closing=(*CLOSING, "抄送：市政协提案委（2份），市政府督查室（1份）。")))

    assert parsed.cc == ["市政协提案委", "市政府督查室"]


def test_copies_with_spaced_label_and_enumeration_commas_are_split():
    parsed = parse_reply(
        make_letter(closing=(*CLOSING, "抄\u3000\u3000送：市人大代表工委、市政府办公室，陈海光代表；袁晶晶代表。"))
    )

    assert parsed.cc == ["市人大代表工委", "市政府办公室", "陈海光代表", "袁晶晶代表"]


def test_copy_list_wrapped_onto_a_second_line_is_read_whole():
    parsed = parse_reply(make_letter(closing=(*CLOSING, "抄送：市人大代表工委，市政府办公室，", "市财政局。")))

    assert parsed.cc == ["市人大代表工委", "市政府办公室", "市财政局"]


def test_letter_without_copies_has_an_empty_list():
    assert parse_reply(make_letter()).cc == []


def test_signer_is_read_even_when_another_field_follows_on_the_line():
    parsed = parse_reply(make_letter(heading=("签发人：王德明 办理结果：A", "对市政协五届四次会议第70号提案的答复")))

    assert (parsed.signer, parsed.result_class) == ("王德明", "A")


def test_joint_signature_gives_the_first_agency():
    parsed = parse_reply(make_letter(closing=("资阳市教育局 资阳市财政局", "2024年6月28日")))

    assert parsed.agency == "资阳市教育局"


def test_signature_spaced_out_character_by_character_is_one_name():
    parsed = parse_reply(make_letter(closing=("慈 溪 市 教 育 局", "2022年6月14日")))

    assert parsed.agency == "慈溪市教育局"


@pytest.mark.parametrize("seal", ["（代章）", "（公章）", "(盖章)", "（印）"])
def test_seal_note_between_signature_and_date_keeps_the_signature(seal):
    parsed = parse_reply(make_letter(closing=("感谢您的关心！", "资阳市教育局", seal, "2024年6月28日")))

    assert (parsed.agency, parsed.date) == ("资阳市教育局", "2024-06-28")


def test_feedback_form_attached_after_the_signature_leaves_signature_and_date_readable():
    form = (
        "附件：",
        "征求意见表",
        "建议编号  35  代表姓名  王强",
        "办理单位  资阳市教育局  联系电话  028-26655501",
        "对办理结果的意见  满意  基本满意  不满意",
        "代表签字：        年  月  日",
    )

    parsed = parse_reply(make_letter(closing=(*CLOSING, *form)))

    assert (parsed.agency, parsed.date) == ("资阳市教育局", "2024-06-28")
    assert "征求意见表" in parsed.body_text


@pytest.mark.parametrize(
    "last_line",
    [
        "联系单位：市教育局德育科  联系人：张三  联系电话：028-26655501",
        "领导签字：李明",
        "分管领导：李明  承办处室：德育科",
    ],
)
def test_office_fields_under_the_signature_keep_signature_and_date_readable(last_line):
    parsed = parse_reply(make_letter(closing=(*CLOSING, last_line)))

    assert (parsed.agency, parsed.date) == ("资阳市教育局", "2024-06-28")


@pytest.mark.parametrize("date_line", ["2024年6月28日星期五", "2024年6月28日（此件主动公开）"])
def test_weekday_or_disclosure_note_on_the_date_line_keeps_the_date(date_line):
    parsed = parse_reply(make_letter(closing=("资阳市教育局", date_line)))

    assert parsed.date == "2024-06-28"


@pytest.mark.parametrize(
    "trailing", ["（完）", "责任编辑：张三", "阅读次数：123", "文章来源：资阳市教育局", "微信公众号"]
)
def test_unknown_lines_below_the_signature_do_not_hide_it(trailing):
    parsed = parse_reply(make_letter(closing=(*CLOSING, trailing)))

    assert (parsed.agency, parsed.date) == ("资阳市教育局", "2024-06-28")
    assert trailing in parsed.body_text


def test_site_name_above_a_letter_that_calls_itself_wo_ju_is_not_taken_for_the_agency():
    heading = ("宜昌市西陵区人民政府", "关于区政协九届三次会议第116号提案的答复")
    reference = "您提出的关于规范城区流动摊贩管理的提案收悉。我局对此高度重视，现答复如下："

    parsed = parse_reply(make_letter(heading=heading, reference=reference, closing=("感谢您的关心与支持。",)))

    assert parsed.agency is None
    assert any("宜昌市西陵区人民政府" in warning and "答复单位" in warning for warning in messages(parsed))


def test_letterhead_that_fits_the_letters_name_for_itself_is_the_agency():
    heading = ("西陵区城市管理局", "关于区政协九届三次会议第116号提案的答复")
    reference = "您提出的关于规范城区流动摊贩管理的提案收悉。我局对此高度重视，现答复如下："

    parsed = parse_reply(make_letter(heading=heading, reference=reference, closing=("感谢您的关心与支持。",)))

    assert parsed.agency == "西陵区城市管理局"


def test_signature_without_its_place_takes_the_full_name_the_title_gives():
    heading = ("苏州市民政局关于市政协十届二次会议第35号提案的答复",)

    parsed = parse_reply(make_letter(heading=heading, closing=("市民政局", "2021年6月1日")))

    assert parsed.agency == "苏州市民政局"


@pytest.mark.parametrize(
    "date_line", ["2024年6月28日（联系人：孟辉，电话：6225005）", "2024年6月28日 联系人：孟辉 电话：6225005"]
)
def test_contact_on_the_date_line_keeps_date_and_contact(date_line):
    parsed = parse_reply(make_letter(closing=("资阳市教育局", date_line)))

    assert (parsed.agency, parsed.date, parsed.contact_name, parsed.contact_phone) == (
        "资阳市教育局",
        "2024-06-28",
        "孟辉",
        "6225005",
    )


def test_published_in_full_note_on_the_signature_line_is_read():
    parsed = parse_reply(make_letter(closing=("资阳市教育局 2024年6月28日 （此件公开发布）",)))

    assert (parsed.date, parsed.disclosure) == ("2024-06-28", "主动公开")


@pytest.mark.parametrize("key", ["发布机构", "来源", "发文机关"])
def test_agency_named_only_by_the_pages_metadata_table_is_read(key):
    text = f"首页 > 政务公开 > 建议提案\n{key}：鞍山市住房和城乡建设局\n发布日期：2023-07-20\n" + make_letter(
        closing=("感谢您的关心。",)
    )

    assert parse_reply(text).agency == "鞍山市住房和城乡建设局"


def test_short_office_name_in_the_metadata_table_is_no_agency():
    text = "首页 > 政务公开 > 建议提案\n信息来源：区城市管理局\n" + make_letter(closing=("感谢您的关心。",))

    assert parse_reply(text).agency is None


@pytest.mark.parametrize("office", ["城市管理局", "城市管理综合执法局", "市场监督管理局"])
def test_an_office_name_whose_first_words_look_like_a_place_is_no_full_name(office):
    text = f"首页 > 政务公开 > 建议提案\n信息来源：{office}\n" + make_letter(closing=("感谢您的关心。",))

    assert parse_reply(text).agency is None


def test_first_of_two_agencies_signing_together_is_the_agency():
    parsed = parse_reply(
        make_letter(closing=("感谢您的关心。", "德州市住房和城乡建设局", "德州市水利局", "2024年6月21日"))
    )

    assert parsed.agency == "德州市住房和城乡建设局"


def test_agency_in_a_source_line_with_other_page_fields_is_read():
    text = "当前位置：首页 > 建议提案\n来源：韶关市卫生健康局　　发布时间：2024-07-10　　浏览次数：215\n" + make_letter(
        closing=("感谢您的关心。",)
    )

    assert parse_reply(text).agency == "韶关市卫生健康局"
