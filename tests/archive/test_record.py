"""The record: keys, constraints, ordering and who may see what."""

import pytest
from django.core.exceptions import ValidationError

from archive.extract.provenance import Source
from archive.ingest import DuplicateReply, import_text, save_parsed_reply, section_anchors
from archive.models import Agency, AgencyAlias, Person, Proposal, Reply, Session
from archive.parsing import ParsedReply, result_class_of

pytestmark = pytest.mark.django_db


def test_the_same_letter_saved_twice_is_refused_naming_the_existing_reply(make_reply):
    first = make_reply(body_text="王乐委员：\n您的提案收悉。\n长春市教育局")
    parsed = ParsedReply(proposal_title="另一个标题", body_text="x")

    with pytest.raises(DuplicateReply) as refused:
        save_parsed_reply(parsed, raw_text="王乐委员：\n您的提案收悉。\n长春市教育局")

    assert f"编号 {first.pk}" in refused.value.message
    assert Reply.objects.count() == 1


def test_whitespace_differences_do_not_hide_a_duplicate(make_reply):
    make_reply(body_text="王乐委员：\n您的提案收悉。")

    with pytest.raises(DuplicateReply):
        save_parsed_reply(ParsedReply(body_text="x"), raw_text="王乐委员：  \r\n\n您的提案收悉。 ")


def test_model_validation_also_names_the_duplicate(make_reply):
    first = make_reply()
    copy = Reply(proposal=first.proposal, raw_text=first.raw_text, content_hash=first.content_hash)

    with pytest.raises(ValidationError, match=f"编号 {first.pk}"):
        copy.validate_unique()


def test_a_failed_save_leaves_nothing_behind(db, monkeypatch):
    from archive import ingest

    def broken_bulk_create(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest.Section.objects, "bulk_create", broken_bulk_create)
    parsed = ParsedReply(proposer_names=["罗大成"], proposer_role="委员", proposal_title="标题",
                         agency="资阳市教育和体育局", session="市政协五届四次会议", proposal_number="0070",
                         body_text="正文")

    with pytest.raises(RuntimeError):
        save_parsed_reply(parsed, raw_text="正文", original=b"file", original_name="a.txt")

    assert not Reply.objects.exists() and not Proposal.objects.exists() and not Agency.objects.exists()


def test_proposers_keep_their_order_with_the_lead_first(make_reply):
    reply = make_reply(proposers=("朱蓉", "陈海光", "袁晶晶"))

    names = [link.person.name for link in reply.proposal.proposer_links.all()]

    assert names == ["朱蓉", "陈海光", "袁晶晶"]
    assert reply.proposal.lead_proposer.name == "朱蓉"


def test_numbers_written_differently_find_the_same_proposal(make_reply):
    first = make_reply(session="市政协五届四次会议", number="0070", body_text="第一封")
    second = make_reply(session="市政协五届四次会议", number="00070", body_text="第二封")
    third = make_reply(session="市政协五届四次会议", number="70", body_text="第三封")

    assert first.proposal == second.proposal == third.proposal
    assert first.proposal.replies.count() == 3


def test_the_same_number_in_another_session_is_another_proposal(make_reply):
    first = make_reply(session="市政协五届四次会议", number="70", body_text="一")
    second = make_reply(session="市政协五届五次会议", number="70", body_text="二")

    assert first.proposal != second.proposal


def test_two_wordings_of_one_session_are_one_session(make_reply):
    make_reply(session="市政协五届四次会议", number="1", body_text="一")
    make_reply(session="市政协第五届委员会第四次会议", number="2", body_text="二")

    session = Session.objects.get()
    assert (session.body, session.term, session.meeting) == ("政协", 5, 4)


def test_a_joint_proposal_answered_per_signer_is_one_proposal_with_every_signer(make_reply):
    make_reply(proposers=("朱蓉", "陈海光"), number="12", body_text="致朱蓉")
    reply = make_reply(proposers=("陈海光", "袁晶晶"), number="12", body_text="致陈海光")

    names = [link.person.name for link in reply.proposal.proposer_links.all()]
    assert names == ["朱蓉", "陈海光", "袁晶晶"]


def test_an_agency_alias_resolves_to_the_agency(make_reply):
    agency = Agency.objects.create(name="资阳市教育和体育局")
    AgencyAlias.objects.create(agency=agency, name="资阳市教体局")

    reply = make_reply(agency="资阳市教体局")

    assert reply.agency == agency


@pytest.mark.parametrize(("name", "place"), [
    ("广州市南沙区教育局", "广东省 › 广州市 › 南沙区"), ("资阳市教育和体育局", "四川省 › 资阳市"),
    ("乐至县教育和体育局", "四川省 › 资阳市 › 乐至县"),
])
def test_a_new_agency_gets_its_place_from_its_name(make_reply, name, place):
    assert make_reply(agency=name).agency.place.path == place


def test_an_agency_naming_no_place_has_none(make_reply):
    assert make_reply(agency="某某服务中心").agency.place is None


def test_a_proposer_greeted_without_a_role_word_is_a_person_not_an_organisation():
    text = ("资阳市教育和体育局关于市政协五届四次会议第12号提案的答复\n王强同志：\n"
            "您提出的《关于加强校园安全的提案》收悉。现答复如下：\n一、工作情况\n我局高度重视。\n资阳市教育和体育局\n2024年6月28日")
    person = import_text(text, publish=True).reply.proposal.proposer_links.get().person
    assert (person.name, person.role, person.place.name) == ("王强", Person.Role.MEMBER, "资阳市")


def test_an_organisation_proposer_is_stored_as_one():
    text = ("资阳市教育和体育局关于市政协五届四次会议第13号提案的答复\n民盟资阳市委会：\n"
            "你们提出的《关于加强校园安全的提案》收悉。现答复如下：\n一、工作情况\n我局高度重视。\n资阳市教育和体育局\n2024年6月28日")
    person = import_text(text, publish=True).reply.proposal.proposer_links.get().person
    assert person.role == Person.Role.ORGANISATION


def test_public_replies_are_published_and_disclosable(make_reply):
    shown = make_reply(body_text="公开", disclosure="主动公开")
    make_reply(body_text="草稿", publish=False)
    for label in Reply.PRIVATE_DISCLOSURES:
        make_reply(body_text=f"不公开{label}", disclosure=label)

    assert list(Reply.objects.public()) == [shown]


def test_sections_come_back_in_order_with_stable_anchors(make_reply):
    reply = make_reply(sections=[(1, "一", "工作情况"), (2, "一", "强化组织领导"), (2, "二", "加强队伍"),
                                 (1, "二", "下一步工作")])

    assert [(s.title, s.anchor) for s in reply.sections.all()] == [
        ("工作情况", "s1"), ("强化组织领导", "s1-1"), ("加强队伍", "s1-2"), ("下一步工作", "s2"),
    ]


def test_anchors_for_subsections_before_any_section():
    assert section_anchors([2, 2, 1]) == ["s0-1", "s0-2", "s1"]


@pytest.mark.parametrize(
    ("code", "label", "expected"),
    [("A", "办理结果：A", "已解决"), ("b", "【B】", "正在解决"), ("C", "C类", "留作参考"),
     (None, "列入计划", "列入计划"), (None, None, ""), ("A", "解决采纳类", "已解决"), ("A", "已经解决", "已解决"),
     ("B", "部分采纳", "正在解决"), ("D", "留作参考", "留作参考"), ("C", "计划解决", "列入计划")],
)
def test_result_labels_map_to_the_four_classes(code, label, expected):
    assert result_class_of(code, label) == expected


def test_a_result_written_in_words_reaches_the_result_class_facet():
    text = ("资阳市教育和体育局关于市政协五届四次会议第14号提案的答复\n办理结果：解决采纳类\n罗大成委员：\n"
            "您提出的《关于加强校园安全的提案》收悉。现答复如下：\n一、工作情况\n我局高度重视。\n资阳市教育和体育局\n2024年6月28日")
    reply = import_text(text, publish=True).reply
    assert "解决采纳类" in reply.result_label
    assert reply.result_class == Reply.ResultClass.SOLVED


def test_every_way_a_text_is_read_can_be_recorded_on_the_reply():
    assert {source.value for source in Source} == set(Reply.TextSource.values)
