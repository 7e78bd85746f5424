"""Properties that hold for any text: the parser never fails, and the letter's words are never lost."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.parsing import normalize_proposal_number, parse_reply, read_session

MODEST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of real letters, so that generated texts exercise every rule, not just plain prose.
FRAGMENTS = [
    "罗大成委员：",
    "尊敬的朱蓉代表:",
    "民盟市委会：",
    "李明等5位代表：",
    "市教育局：",
    "您与陈海光、袁晶晶代表一起提出的",
    "《关于加强学生心理健康教育的建议》",
    "“降低学生负担”",
    "（第00070号提案）",
    "第 2024175 号",
    "第D022号",
    "收悉，现答复如下：",
    "市政协五届四次会议",
    "政协长春市第十四届委员会第二次会议",
    "市十七届人大三次会议",
    "一、",
    "二、",
    "2、",
    "（一）",
    "(二)",
    "（3）",
    "1.",
    "一是",
    "下一步，",
    "今后，",
    "再次感谢您的关心。",
    "资阳市教育和体育局",
    "我局",
    "2024年6月28日",
    "2024628",
    "2024111",
    "二〇二四年六月二十八日",
    "2024-06-28",
    "资教体函〔2024〕70号",
    "资教体函〔202470",
    "【B】",
    "【同意公开】",
    "办理结果：A",
    "A类",
    "公开方式：主动公开",
    "签发人：林长",
    "联系人：孟辉，电话：6225005",
    "抄送：市政协提案委（2份），市政府督查室。",
    "印发",
    "当前位置:首页 > 建议提案",
    "发布时间:2024-07-01",
    "主办:资阳市人民政府 承办:资阳市人民政府办公室",
    "蜀ICP备05007295号-1",
    "[bookmark: _GoBack]",
    "- 2 -",
    "\f",
    "成文日期：2024-06-28",
    "│ 索引号 │",
    "。",
    "，",
    "：",
    "\n",
    "\n\n",
    " ",
    "\u3000",
    "\u00a0",
]
letter_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60).map("".join)

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
# A sentence of the body: characters and a full stop. (Words are drawn at random, so a
# sentence may well begin with 下一步 or 感谢 or end up in a heading: it must still be kept.)
sentence = st.text(HAN, min_size=2, max_size=30).map(lambda words: words + "。")
paragraph = st.lists(sentence, min_size=1, max_size=4).map("".join)
# A heading's title; without numerals, which could make "一、二级…" a grade range rather than a heading.
title = st.text(HAN.filter(lambda char: char not in "一二三四五六七八九十"), min_size=2, max_size=15)
section = st.tuples(title, st.lists(paragraph, min_size=1, max_size=3))
NUMERALS = "一二三四五六七八九十"


def build_letter(sections, preamble, closing):
    lines = [
        "对市政协五届四次会议第70号提案的答复",
        "罗大成委员：",
        "您提出的《关于加强学生心理健康教育的建议》收悉，现答复如下：",
    ]
    lines += preamble
    for number, (heading, paragraphs) in zip(NUMERALS, sections, strict=False):  # fewer sections than numerals
        lines.append(f"{number}、{heading}")
        lines += paragraphs
    lines += closing
    lines += ["资阳市教育局", "2024年6月28日"]
    return "\n".join(lines)


@MODEST
@given(st.text())
def test_parser_never_fails_on_any_text(text):
    parsed = parse_reply(text)

    assert isinstance(parsed.warnings, list)


@MODEST
@given(letter_like)
def test_parser_never_fails_on_text_made_of_letter_pieces(text):
    parsed = parse_reply(text)

    assert parsed.date is None or len(parsed.date) == 10
    assert all(section.level in (1, 2) for section in parsed.sections)


@MODEST
@given(st.lists(section, min_size=1, max_size=6), st.lists(paragraph, max_size=2), st.lists(paragraph, max_size=2))
def test_no_sentence_of_the_body_is_lost(sections, preamble, closing):
    parsed = parse_reply(build_letter(sections, preamble, closing))

    for _, paragraphs in sections:
        for text in paragraphs:
            for part in text.split("。")[:-1]:
                assert part + "。" in parsed.body_text
    for text in preamble + closing:
        assert text in parsed.body_text


@MODEST
@given(st.lists(section, min_size=1, max_size=6))
def test_every_numbered_heading_of_a_generated_letter_is_a_section(sections):
    parsed = parse_reply(build_letter(sections, [], []))

    assert [section.number for section in parsed.sections if section.level == 1] == list(NUMERALS[: len(sections)])


@MODEST
@given(st.text(max_size=30))
def test_number_normalisation_never_fails_and_is_idempotent(raw):
    once = normalize_proposal_number(raw)

    assert normalize_proposal_number(once) == once


@MODEST
@given(st.text(max_size=40))
def test_session_reading_never_fails(text):
    parts = read_session(text)

    assert parts.term is None or parts.term >= 0
