"""The letter's date: the signature's, in any of the ways letters write it, never a web page's."""

import pytest

from archive.parsing import parse_reply

from .letters import make_letter, messages


@pytest.mark.parametrize(
    "written",
    [
        "2024年6月28日",
        "2024年06月28日",
        "2024 年 6 月 28 日",
        "2024-06-28",
        "2024.6.28",
        "2024/6/28",
        "二〇二四年六月二十八日",
        "二0二四年六月二十八日",
        "二○二四年六月二十八日",
        "２０２４年６月２８日",
    ],
)
def test_signature_date_is_read_in_every_common_form(written):
    parsed = parse_reply(make_letter(closing=("资阳市教育局", written)))

    assert parsed.date == "2024-06-28"


def test_signature_date_on_the_agency_line_is_read():
    parsed = parse_reply(make_letter(closing=("资阳市教育局  2024年6月28日",)))

    assert parsed.date == "2024-06-28"
    assert parsed.agency == "资阳市教育局"


def test_date_that_lost_its_year_month_day_characters_is_read_when_only_one_reading_is_valid():
    parsed = parse_reply(make_letter(closing=("资阳市教育局", "2024628")))

    assert parsed.date == "2024-06-28"
    assert any("2024628" in warning for warning in messages(parsed))


def test_date_that_lost_characters_and_has_two_valid_readings_is_left_empty_with_a_warning():
    parsed = parse_reply(make_letter(closing=("资阳市教育局", "2024111")))

    assert parsed.date is None
    assert any("2024111" in warning and "无法确定" in warning for warning in messages(parsed))


def test_impossible_date_is_left_empty_with_a_warning():
    parsed = parse_reply(make_letter(closing=("资阳市教育局", "2024年2月30日")))

    assert parsed.date is None
    assert any("2024年2月30日" in warning for warning in messages(parsed))


def test_publication_time_of_the_web_page_is_never_the_letter_date():
    text = "当前位置：首页 > 建议提案\n发布时间：2024-07-15 10:30\n" + make_letter(closing=("资阳市教育局",))

    parsed = parse_reply(text)

    assert parsed.date is None
    assert "未找到落款日期，请手工填写。" in messages(parsed)


def test_written_date_at_the_top_is_used_when_the_letter_has_no_signature_date():
    parsed = parse_reply(
        make_letter(heading=("成文日期：2024-06-28", "对市政协五届四次会议第70号提案的答复"), closing=())
    )

    assert parsed.date == "2024-06-28"


def test_written_date_in_the_web_page_metadata_table_is_used():
    text = (
        "索引号：11510100/2024-00123 主题分类：教育\n发文机关：资阳市教育局 成文日期：2024-06-28\n"
        "发布日期：2024-07-15\n"
    )

    parsed = parse_reply(text + make_letter(closing=()))

    assert parsed.date == "2024-06-28"


def test_signature_date_wins_over_the_print_date():
    parsed = parse_reply(
        make_letter(closing=("资阳市教育局", "2024年6月28日", "资阳市教育局办公室", "2024年7月1日印发"))
    )

    assert parsed.date == "2024-06-28"


def test_print_date_alone_is_not_taken_for_the_signature_date():
    parsed = parse_reply(make_letter(closing=("资阳市教育局办公室  2024年7月1日印发",)))

    assert parsed.date is None
    assert any("印发日期" in warning for warning in messages(parsed))


def test_dates_inside_the_body_are_not_the_letter_date():
    body = ("一、工作情况", "2023年4月10日，我局印发了实施方案。")

    parsed = parse_reply(make_letter(body=body, closing=("资阳市教育局",)))

    assert parsed.date is None


def test_date_that_lost_only_some_characters_is_read_from_its_digits():
    parsed = parse_reply(make_letter(closing=("资阳市教育局", "2024年628日")))

    assert parsed.date == "2024-06-28"


def test_date_without_its_day_is_left_empty_with_a_warning():
    parsed = parse_reply(make_letter(closing=("资阳市教育局", "2024年6月")))

    assert parsed.date is None
    assert any("2024年6月" in warning for warning in messages(parsed))


def test_bare_date_label_above_the_letter_is_a_publication_date_not_the_letters():
    heading = ("关于市政协五届四次会议第70号提案的答复", "日期：2024-07-15")

    parsed = parse_reply(make_letter(heading=heading, closing=("资阳市教育局",)))

    assert parsed.date is None
    assert any("2024-07-15" in warning for warning in messages(parsed))


def test_bare_date_label_below_the_signature_is_the_letters_date():
    parsed = parse_reply(make_letter(closing=("资阳市教育局", "日期：2024年6月28日")))

    assert parsed.date == "2024-06-28"


@pytest.mark.parametrize("written", ["2024年 月18日", "2024年6月 日", "二〇二四年六月 日"])
def test_date_that_lost_its_month_or_day_is_left_empty_with_a_warning(written):
    parsed = parse_reply(make_letter(closing=("资阳市教育局", written)))

    assert parsed.date is None
    assert any(warning.field == "date" and written in str(warning) for warning in parsed.warnings)


@pytest.mark.parametrize("written", ["二〇二四年六月二十八日", "二零二四年六月二十八日", "二○二四年六月二十八日"])
def test_date_in_chinese_numerals_is_read(written):
    assert parse_reply(make_letter(closing=("资阳市教育局", written))).date == "2024-06-28"


def test_nian_and_sa_stand_for_twenty_and_thirty_in_a_chinese_date():
    assert parse_reply(make_letter(closing=("资阳市教育局", "二〇二三年六月廿八日"))).date == "2023-06-28"


@pytest.mark.parametrize("number", ["13812345678", "2345678", "2012345678"])
def test_a_telephone_number_alone_on_a_line_is_no_damaged_date(number):
    letter = make_letter(closing=("感谢您的关心。", "联系电话：", number, "资阳市教育局", "2024年6月28日"))

    assert parse_reply(letter).date == "2024-06-28"


@pytest.mark.parametrize("field", ["公开方式", "公开属性", "公开类型"])
def test_a_date_followed_by_its_disclosure_note_is_read_whatever_the_field_is_called(field):
    letter = make_letter(closing=("感谢您的关心。", "资阳市教育局", f"2021年6月1日（{field}：主动公开）"))

    assert parse_reply(letter).date == "2021-06-01"
