"""The review form shows each parser warning beside the field it concerns, by the warning's field, not its words."""

from archive.parsing import ParseWarning, parse_reply
from archive.review import warnings_by_field

from .letters import make_letter


def test_warnings_are_grouped_under_the_form_field_of_their_contract_field():
    warnings = [
        ParseWarning("date", "未找到落款日期，请手工填写。"),
        ParseWarning("session", "未找到会议届次，请核对。"),
        ParseWarning("result_class", "办理结果看不清。"),
        ParseWarning(None, "这段文字不像答复函。"),
    ]

    grouped = warnings_by_field(warnings)

    assert {field: [str(w) for w in found] for field, found in grouped.items()} == {
        "date": ["未找到落款日期，请手工填写。"],
        "proposal_session": ["未找到会议届次，请核对。"],
        "result_label": ["办理结果看不清。"],
        None: ["这段文字不像答复函。"],
    }


def test_a_warning_whose_words_name_another_field_stays_with_its_own_field():
    grouped = warnings_by_field([ParseWarning("agency", "落款日期下方的单位名称不全。")])

    assert list(grouped) == ["agency"]


def test_a_warning_reads_as_its_message_and_the_json_prints_messages():
    parsed = parse_reply(make_letter(closing=("感谢您的关心。",)))

    assert [str(warning) for warning in parsed.warnings] == parsed.as_dict()["warnings"]
    assert all(isinstance(message, str) for message in parsed.as_dict()["warnings"])
