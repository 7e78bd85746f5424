"""Proposal numbers as written and comparable; document numbers in their bracket styles."""

import pytest

from archive.parsing import normalize_proposal_number, parse_reply

from .letters import make_letter, messages


@pytest.mark.parametrize("raw", ["第0070号", "00070", "70", "70号", "第 70 号", "第７０号"])
def test_every_way_of_writing_a_number_normalises_to_the_same_key(raw):
    assert normalize_proposal_number(raw) == "70"


@pytest.mark.parametrize(
    ("raw", "key"), [("D022", "D22"), ("2025D048", "2025D48"), ("2024175", "2024175"), ("d022", "D22")]
)
def test_letters_in_a_number_are_kept_and_only_leading_zeros_of_digits_go(raw, key):
    assert normalize_proposal_number(raw) == key


def test_a_number_without_digits_normalises_to_empty():
    assert normalize_proposal_number("第号") == ""


@pytest.mark.parametrize(
    ("heading", "number"),
    [
        ("对市政协五届四次会议第0070号提案的答复", "0070"),
        ("对市政协六届二次会议 第 2024175 号提案的答复", "2024175"),
        ("对市十七届人大三次会议第D022号建议的答复", "D022"),
        ("对市十七届人大三次会议第2025D048号建议的答复", "2025D048"),
        ("关于对区政协第四届二次会议提案", ""),
    ],
)
def test_proposal_number_is_kept_as_written_without_di_and_hao(heading, number):
    parsed = parse_reply(make_letter(heading=(heading,)))

    assert parsed.proposal_number == (number or None)


def test_number_written_twice_differently_is_taken_from_the_title_line():
    reference = "您关于《构建学生心理健康长效机制的建议》(第00070号提案)收悉，现答复如下："

    parsed = parse_reply(make_letter(heading=("对市政协五届四次会议第0070号提案答复的函",), reference=reference))

    assert parsed.proposal_number == "0070"
    assert any("0070" in warning and "00070" in warning for warning in messages(parsed))


def test_number_only_in_the_reference_sentence_is_read():
    reference = "您提出的《关于加强学生心理健康教育的建议》（第 257 号）收悉，现答复如下："

    parsed = parse_reply(make_letter(heading=(), reference=reference))

    assert parsed.proposal_number == "257"


def test_a_document_number_is_not_taken_for_the_proposal_number():
    parsed = parse_reply(make_letter(heading=("资教体函〔2024〕第70号", "关于加强学生心理健康教育提案的答复")))

    assert parsed.proposal_number is None
    assert parsed.doc_number == "资教体函〔2024〕第70号"


@pytest.mark.parametrize(
    "doc_number", ["资教体函〔2024〕70号", "资教体函[2024]70号", "资教体函（2024）70号", "资教体函(2024)70号"]
)
def test_document_number_is_read_in_each_bracket_style(doc_number):
    parsed = parse_reply(make_letter(heading=(doc_number, "对市政协五届四次会议第70号提案的答复")))

    assert parsed.doc_number == doc_number


def test_document_number_below_the_signature_is_read():
    parsed = parse_reply(make_letter(closing=("资阳市教育局", "2024年6月28日", "资教体函〔2024〕70号")))

    assert parsed.doc_number == "资教体函〔2024〕70号"


def test_document_number_that_lost_its_closing_bracket_is_restored_with_a_warning():
    parsed = parse_reply(make_letter(heading=("资教体函〔202470", "对市政协五届四次会议第70号提案的答复")))

    assert parsed.doc_number == "资教体函〔2024〕70号"
    assert any("资教体函〔202470" in warning for warning in messages(parsed))


def test_document_number_without_its_serial_is_left_empty_with_a_warning():
    parsed = parse_reply(make_letter(heading=("资教体函〔2024", "对市政协五届四次会议第70号提案的答复")))

    assert parsed.doc_number is None
    assert any("不完整" in warning for warning in messages(parsed))


def test_document_numbers_cited_in_the_body_are_not_the_letter_document_number():
    body = ("一、工作情况", "我局印发了《实施方案》（资教体〔2023〕15号），明确了目标。")

    parsed = parse_reply(make_letter(body=body))

    assert parsed.doc_number is None


def test_number_written_without_di_before_the_kind_is_read():
    parsed = parse_reply(make_letter(heading=(), reference="您提出的15号提案《关于加强学生心理健康教育的提案》收悉。"))

    assert (parsed.proposal_number, parsed.proposal_kind) == ("15", "提案")


def test_decree_numbers_in_the_reference_are_not_the_proposal_number():
    reference = "根据教育部令第36号的要求，您提出的《关于加强学生心理健康教育的建议》收悉。"

    parsed = parse_reply(make_letter(heading=(), reference=reference))

    assert parsed.proposal_number is None


def test_the_assigning_notice_number_above_the_letter_is_not_its_document_number():
    heading = ("关于市政协五届四次会议第70号提案的答复", "交办文号：资政协提〔2024〕3号")

    parsed = parse_reply(make_letter(heading=heading))

    assert parsed.doc_number is None


def test_a_reply_to_several_numbers_under_one_di_hao_takes_the_first_and_warns():
    parsed = parse_reply(make_letter(heading=("关于市政协十届二次会议第35、42号提案的答复",)))

    assert parsed.proposal_number == "35"
    assert any("35、42" in warning for warning in messages(parsed))


def test_a_document_cited_in_brackets_after_its_title_in_the_heading_is_not_the_letters_number():
    parsed = parse_reply(make_letter(heading=("关于落实《某某办法》（某政发〔2020〕3号）的提案的答复",)))

    assert parsed.doc_number is None


def test_the_letters_own_number_beside_a_title_in_book_quotes_is_read():
    parsed = parse_reply(make_letter(heading=("资阳市教育局关于《关于加强养老服务的提案》的答复  资教函〔2021〕12号",)))

    assert parsed.doc_number == "资教函〔2021〕12号"


@pytest.mark.parametrize(
    ("heading", "number"),
    [
        ("对市政协五届四次会议第三十五号提案的答复", "35"),
        ("对市九届人大三次会议第一百零八号建议的答复", "108"),
        ("关于市政协五届四次会议第十二号的答复", "12"),
    ],
)
def test_number_in_chinese_numerals_is_given_in_digits(heading, number):
    parsed = parse_reply(make_letter(heading=(heading,), reference="您提出的《关于加强学生心理健康教育的建议》收悉。"))

    assert parsed.proposal_number == number


def test_chinese_numeral_number_of_a_decree_is_no_proposal_number():
    reference = "根据《某某办法》（第二号令）的规定，您提出的《关于加强学生心理健康教育的建议》收悉。"

    parsed = parse_reply(make_letter(heading=(), reference=reference))

    assert parsed.proposal_number is None
