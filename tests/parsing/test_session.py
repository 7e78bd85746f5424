"""The session a proposal was submitted at: as written, and its parts."""

import pytest

from archive.parsing import parse_reply, read_session

from .letters import make_letter


@pytest.mark.parametrize(
    ("text", "body", "region", "term", "meeting"),
    [
        ("市政协五届四次会议", "政协", "市", 5, 4),
        ("政协长春市第十四届委员会第二次会议", "政协", "长春市", 14, 2),
        ("区政协第四届二次会议", "政协", "区", 4, 2),
        ("市十七届人大三次会议", "人大", "市", 17, 3),
        ("资阳市第五届人民代表大会第四次会议", "人大", "资阳市", 5, 4),
        ("广州市南沙区政协第四届二次会议", "政协", "广州市南沙区", 4, 2),
        ("十四届全国人大二次会议", "人大", "全国", 14, 2),
        ("市政协5届4次会议", "政协", "市", 5, 4),
    ],
)
def test_session_parts_are_read_from_both_ways_of_writing_a_session(text, body, region, term, meeting):
    parts = read_session(text)

    assert (parts.body, parts.region, parts.term, parts.meeting) == (body, region, term, meeting)


def test_short_and_long_forms_of_one_session_have_the_same_parts():
    short, long = read_session("市政协五届四次会议"), read_session("政协资阳市第五届委员会第四次会议")

    assert (short.body, short.term, short.meeting) == (long.body, long.term, long.meeting)


def test_session_year_is_given_only_when_the_text_says_it():
    assert read_session("市政协五届四次会议").year is None
    assert read_session("2024年市政协五届四次会议").year == 2024


def test_text_without_a_session_gives_empty_parts():
    parts = read_session("关于加强学生心理健康教育的建议")

    assert (parts.term, parts.meeting, parts.region) == (None, None, None)


@pytest.mark.parametrize(
    ("heading", "reference", "session"),
    [
        ("对市政协五届四次会议第0070号提案答复的函", None, "市政协五届四次会议"),
        (
            "",
            "您在政协长春市第十四届委员会第二次会议上提出的《关于加强学生心理健康教育的建议》收悉。",
            "政协长春市第十四届委员会第二次会议",
        ),
        ("关于对区政协第四届二次会议提案\n第3030号的答复", None, "区政协第四届二次会议"),
        (
            "",
            "您在市十七届人大三次会议上提出的《关于加强学生心理健康教育的建议》（第123号）收悉。",
            "市十七届人大三次会议",
        ),
        ("关于市政协十 届二 次会议第35号提案的答复", None, "市政协十届二次会议"),
    ],
)
def test_session_is_taken_as_the_letter_writes_it(heading, reference, session):
    parsed = parse_reply(make_letter(heading=(heading,), reference=reference))

    assert parsed.session == session


def test_npc_letter_names_deputies_and_npc_body():
    text = make_letter(
        heading=(),
        salutation="张三代表：",
        reference="您在市十七届人大三次会议上提出的《关于加强学生心理健康教育的建议》（第123号）收悉，现答复如下：",
    )

    parsed = parse_reply(text)

    assert (parsed.body, parsed.proposer_role) == ("人大", "代表")
    assert (parsed.proposal_number, parsed.proposal_kind) == ("123", "建议")


def test_plenary_written_quanhui_is_a_session_too():
    assert (read_session("市政协十四届二次全会").term, read_session("市政协十四届二次全会").meeting) == (14, 2)


def test_a_standing_committee_meeting_named_in_the_reference_is_not_the_session():
    reference = "根据市十五届人大常委会第十次会议要求，您提出的《关于加强学生心理健康教育的建议》收悉，现答复如下："

    parsed = parse_reply(make_letter(heading=("关于加强学生心理健康教育建议的答复",), reference=reference))

    assert parsed.session is None


@pytest.mark.parametrize(
    "session",
    ["潍坊市政协十二届三次会议", "政协株洲市第十届委员会第四次会议", "四川省资阳市第五届人民代表大会第四次会议"],
)
def test_session_with_its_place_in_front_is_kept_whole(session):
    parsed = parse_reply(make_letter(heading=(f"关于{session}第35号提案的答复",)))

    assert parsed.session == session


@pytest.mark.parametrize("session", ["十届市人大四次会议", "政协第十四届营口市委员会第三次会议"])
def test_session_with_its_place_after_the_term_is_kept_whole(session):
    parsed = parse_reply(make_letter(heading=(f"关于{session}第35号提案的答复",)))

    assert parsed.session == session
