"""Who proposed: names (lead first), role, body and kind, from the salutation and the text."""

import pytest

from archive.parsing import parse_reply

from .letters import make_letter, messages


def test_salutation_gives_the_proposer_and_role():
    parsed = parse_reply(make_letter(salutation="尊敬的罗大成委员:"))

    assert (parsed.proposer_names, parsed.proposer_role, parsed.body) == (["罗大成"], "委员", "政协")


def test_joint_proposers_follow_the_lead_in_the_order_written():
    reference = "您与陈海光、袁晶晶代表一起提出的《关于加强中小学学生心理健康教育的建议》已收悉。"

    parsed = parse_reply(make_letter(heading=(), salutation="朱蓉代表：", reference=reference))

    assert (parsed.proposer_names, parsed.proposer_role, parsed.body) == (["朱蓉", "陈海光", "袁晶晶"], "代表", "人大")


def test_several_names_in_the_salutation_are_all_proposers():
    parsed = parse_reply(make_letter(salutation="王芳、刘强委员："))

    assert parsed.proposer_names == ["王芳", "刘强"]


def test_three_character_name_ending_in_he_is_one_name():
    parsed = parse_reply(make_letter(salutation="刘庆和代表："))

    assert parsed.proposer_names == ["刘庆和"]


def test_salutation_naming_only_the_first_of_several_gives_that_name_and_a_warning():
    parsed = parse_reply(make_letter(salutation="李明等5位代表："))

    assert (parsed.proposer_names, parsed.proposer_role) == (["李明"], "代表")
    assert any("李明等5位代表" in warning for warning in messages(parsed))


def test_letter_to_a_co_signer_puts_the_named_lead_first():
    reference = "由吴晓梅代表领衔、您参与联名提出的《关于完善城市公园无障碍设施的建议》（第0412号）收悉。"

    parsed = parse_reply(make_letter(salutation="何志远代表：", reference=reference))

    assert parsed.proposer_names == ["吴晓梅", "何志远"]


@pytest.mark.parametrize(
    ("salutation", "kind"),
    [
        ("民盟市委会：", "党派提案"),
        ("九三学社资阳市委员会：", "党派提案"),
        ("致公党厦门市委会：", "党派提案"),
        ("市工商联：", "集体提案"),
    ],
)
def test_party_or_group_proposal_has_the_organisation_as_proposer_without_a_role(salutation, kind):
    reference = "贵会提出的《关于加快科技成果就地转化的提案》收悉，现答复如下："

    parsed = parse_reply(make_letter(salutation=salutation, reference=reference))

    assert (parsed.proposer_names, parsed.proposer_role, parsed.body) == ([salutation[:-1]], None, "政协")
    assert parsed.proposal_kind == kind


def test_delegation_suggestion_has_the_delegation_as_proposer():
    heading = ("关于市十七届人大三次会议第D022号建议的答复",)
    reference = "贵代表团在市十七届人大三次会议上提出的《关于优化地铁站点与公交线路接驳的建议》（第D022号）收悉。"

    parsed = parse_reply(make_letter(heading=heading, salutation="雁塔区代表团：", reference=reference))

    assert (parsed.proposer_names, parsed.proposer_role, parsed.body, parsed.proposal_kind) == (
        ["雁塔区代表团"],
        None,
        "人大",
        "代表团建议",
    )


def test_opinion_addressed_to_the_lead_agency_takes_the_proposer_from_the_sentence():
    heading = ("关于市政协十四届一次会议第0456号提案的会办意见",)
    reference = "由你局主办的赵敏委员提出的《关于加大职业教育经费投入的提案》（第0456号）收悉。"

    parsed = parse_reply(make_letter(heading=heading, salutation="市教育局：", reference=reference))

    assert (parsed.proposer_names, parsed.proposer_role) == (["赵敏"], "委员")
    assert (parsed.handling_role, parsed.reply_kind) == ("会办", "会办意见")


def test_form_style_heading_lists_lead_and_co_signers():
    heading = ("建议编号：第 215 号", "领衔代表：周雅琴", "联名代表：吴涛、郑红")

    parsed = parse_reply(make_letter(heading=heading, salutation="周雅琴代表："))

    assert parsed.proposer_names == ["周雅琴", "吴涛", "郑红"]
    assert parsed.proposal_number == "215"


def test_salutation_without_role_takes_the_role_from_the_session():
    reference = "您在市十七届人大三次会议上提出的《关于加强学生心理健康教育的建议》收悉。"

    parsed = parse_reply(make_letter(heading=(), salutation="尊敬的张三同志：", reference=reference))

    assert (parsed.proposer_names, parsed.proposer_role, parsed.body) == (["张三"], "代表", "人大")


def test_letter_without_a_salutation_warns_that_the_proposer_is_missing():
    parsed = parse_reply(make_letter(salutation=None, reference="关于加强学生心理健康教育的提案收悉，现答复如下："))

    assert parsed.proposer_names == []
    assert "未能识别提出人，请手工填写。" in messages(parsed)


@pytest.mark.parametrize(
    ("reference", "title"),
    [
        ("您提出的《关于加强学生心理健康教育的建议》收悉。", "关于加强学生心理健康教育的建议"),
        (
            "您提出的关于“降低中小学生学习负担，增强孩子心理健康”的提案已收悉。",
            "降低中小学生学习负担，增强孩子心理健康",
        ),
        ("您提出的关于加快科技成果就地转化的提案（第 12 号）收悉。", "关于加快科技成果就地转化的提案"),
        (
            "您提出的《关于缓解小学生“三点半”放学后看护难问题的提案》已收悉。",
            "关于缓解小学生“三点半”放学后看护难问题的提案",
        ),
        ("您提出的关于加强“双减”工作的建议收悉。", "关于加强“双减”工作的建议"),
        (
            "您提出的关于加快我市老旧小区改造，提升居民生活品质的提案收悉。",
            "关于加快我市老旧小区改造，提升居民生活品质的提案",
        ),
        ("您提出的关于修订《某某市养老服务条例》的提案收悉。", "关于修订《某某市养老服务条例》的提案"),
        ("您提出的关于《某某市养老服务条例》修订的建议收悉。", "关于《某某市养老服务条例》修订的建议"),
        ("您提出的关于《加强养老服务》的提案收悉。", "加强养老服务"),
    ],
)
def test_title_is_what_stands_in_quotes_or_the_guanyu_phrase(reference, title):
    parsed = parse_reply(make_letter(heading=(), reference=reference))

    assert parsed.proposal_title == title


def test_quoted_suggestions_after_the_title_are_not_the_title():
    reference = "贵会提出的关于加快科技成果就地转化的提案收悉。贵会提出的“建立中试基地”等建议很有帮助。"

    parsed = parse_reply(make_letter(heading=(), reference=reference))

    assert parsed.proposal_title == "关于加快科技成果就地转化的提案"


def test_salutation_that_lost_its_colon_is_still_the_salutation():
    parsed = parse_reply(make_letter(salutation="尊敬的罗大成委员"))

    assert (parsed.proposer_names, parsed.proposer_role) == (["罗大成"], "委员")


def test_salutation_running_on_into_the_reference_sentence_is_read():
    text = make_letter(
        salutation="罗大成委员：您提出的《关于加强学生心理健康教育的建议》收悉，现答复如下：", reference=None
    )

    parsed = parse_reply(text)

    assert (parsed.proposer_names, parsed.proposal_title) == (["罗大成"], "关于加强学生心理健康教育的建议")


def test_form_style_heading_gives_the_title_by_its_label():
    heading = ("建议编号：第 215 号", "建议标题：关于将更多慢性病用药纳入门诊保障范围的建议")

    parsed = parse_reply(make_letter(heading=heading, reference="您领衔提出的建议收悉，现答复如下："))

    assert parsed.proposal_title == "关于将更多慢性病用药纳入门诊保障范围的建议"


def test_opinion_to_the_lead_agency_about_a_party_proposal_names_the_party_as_proposer():
    heading = ("关于市政协十六届一次会议第20220183号提案的协办意见",)
    reference = "九三学社宁波市委会提出的《关于加强农业面源污染防治的提案》收悉。我局作为协办单位，现提出如下意见："

    parsed = parse_reply(make_letter(heading=heading, salutation="市农业农村局：", reference=reference))

    assert (parsed.proposer_names, parsed.proposer_role, parsed.proposal_kind) == (
        ["九三学社宁波市委会"],
        None,
        "党派提案",
    )


def test_lead_deputy_with_co_signers_who_seconded_lists_them_all():
    reference = "您领衔，杨光明、段红梅代表附议提出的《关于扶持高原特色农业产业发展的建议》收悉。现答复如下："

    parsed = parse_reply(make_letter(salutation="李秀英代表：", reference=reference))

    assert parsed.proposer_names == ["李秀英", "杨光明", "段红梅"]


def test_summary_line_above_the_salutation_is_not_the_addressee():
    heading = ("教育部关于十三届全国人大三次会议第6542号建议的答复", "摘要：关于进一步加强农村学校体育设施建设")

    parsed = parse_reply(make_letter(heading=heading, salutation="李红梅代表："))

    assert (parsed.proposer_names, parsed.proposer_role) == (["李红梅"], "代表")


def test_salutation_ending_in_deng_without_a_count_names_some_proposers_and_warns():
    parsed = parse_reply(make_letter(salutation="张华、李明等代表："))

    assert (parsed.proposer_names, parsed.proposer_role) == (["张华", "李明"], "代表")
    assert any("张华、李明等代表" in warning for warning in messages(parsed))


def test_title_naming_the_member_after_guanyu_gives_the_name_without_guanyu():
    heading = ("关于王强委员提出的《关于加强养老服务的提案》的答复",)

    parsed = parse_reply(make_letter(heading=heading, salutation=None, reference="您提出的提案收悉，现答复如下："))

    assert (parsed.proposer_names, parsed.proposer_role) == (["王强"], "委员")


def test_sentence_about_the_proposal_is_not_taken_for_its_title():
    parsed = parse_reply(make_letter(heading=(), reference="关于这个问题，我们认真研究了您的建议，现答复如下："))

    assert parsed.proposal_title is None


@pytest.mark.parametrize(
    ("salutation", "names"),
    [
        ("尊敬的王强副主委：", ["王强"]),
        ("王强主任委员：", ["王强"]),
        ("王 强委员：", ["王强"]),
        ("中国民主促进会某某市委员会：", ["中国民主促进会某某市委员会"]),
    ],
)
def test_salutations_with_an_office_spaced_names_and_full_party_names(salutation, names):
    parsed = parse_reply(make_letter(salutation=salutation))

    assert parsed.proposer_names == names


@pytest.mark.parametrize("salutation", ["王强委员，您好！", "尊敬的王强委员，您好：", "王强委员您好！"])
def test_salutation_with_a_greeting_instead_of_a_colon_is_read(salutation):
    parsed = parse_reply(make_letter(salutation=salutation))

    assert (parsed.proposer_names, parsed.proposer_role) == (["王强"], "委员")


@pytest.mark.parametrize("salutation", ["王强委员（第35号提案）：", "王强委员(领衔)：", "王强委员：（第35号）"])
def test_a_note_in_brackets_in_the_salutation_is_not_part_of_the_name(salutation):
    parsed = parse_reply(make_letter(salutation=salutation))

    assert (parsed.proposer_names, parsed.proposer_role) == (["王强"], "委员")


def test_reference_sentence_wrapped_by_a_pdf_layout_in_a_letter_without_salutation_is_read_whole():
    text = (
        "关于市政协十一届三次会议第156号提案的答复\n刘志强委员提出的《关于规范电动自行车停放充电管理的提\n"
        "案》收悉。现将办理情况答复如下：\n一、开展专项整治。全市共排查住宅小区1860个。\n襄阳市应急管理局\n2021年6月8日"
    )

    parsed = parse_reply(text)

    assert (parsed.proposer_names, parsed.proposal_title) == (["刘志强"], "关于规范电动自行车停放充电管理的提案")


@pytest.mark.parametrize(
    ("salutation", "role"),
    [
        ("尊敬的市人大代表王强：", "代表"),
        ("市人大代表王强同志：", "代表"),
        ("政协委员王强：", "委员"),
        ("王强全国人大代表：", "代表"),
    ],
)
def test_salutation_writing_out_the_body_before_or_after_the_name_is_read(salutation, role):
    parsed = parse_reply(make_letter(salutation=salutation))

    assert (parsed.proposer_names, parsed.proposer_role) == (["王强"], role)


def test_co_signers_counted_but_not_named_leave_a_warning():
    reference = "您与其他5位代表联名提出的《关于加强养老服务的建议》收悉，现答复如下："

    parsed = parse_reply(make_letter(salutation="王强代表：", reference=reference))

    assert parsed.proposer_names == ["王强"]
    assert any("联名人" in warning for warning in messages(parsed))


def test_a_cppcc_committee_addressed_as_the_proposer_is_the_proposer():
    reference = "贵委提出的《关于加强养老服务的提案》收悉，现答复如下："

    parsed = parse_reply(make_letter(salutation="市政协经济委员会：", reference=reference))

    assert (parsed.proposer_names, parsed.proposer_role, parsed.proposal_kind) == (
        ["市政协经济委员会"],
        None,
        "集体提案",
    )


@pytest.mark.parametrize("announcement", ["现将有关情况回复如下：", "现将办理情况报告如下：", "现将办理情况说明如下："])
def test_a_report_on_handling_without_salutation_is_read_as_a_reply(announcement):
    text = (
        "关于市政协十届二次会议第35号提案办理情况的报告\n"
        f"王强委员提出的《关于加强养老服务的提案》已转我局办理。{announcement}\n"
        "一、工作情况\n我局高度重视。\n某某市民政局\n2021年6月1日"
    )

    parsed = parse_reply(text)

    assert (parsed.proposer_names, parsed.proposal_title, parsed.agency) == (
        ["王强"],
        "关于加强养老服务的提案",
        "某某市民政局",
    )


def test_a_form_heading_extracted_from_a_table_without_colons_is_read():
    heading = (
        "建议号 0123",
        "建议标题 关于加强养老服务的建议",
        "领衔代表 王强",
        "附议代表 李明、赵刚",
        "承办单位 某某市民政局",
        "办理结果 A",
    )

    parsed = parse_reply(
        make_letter(
            heading=heading,
            salutation="王强代表：",
            reference="您提出的建议收悉，现答复如下：",
            closing=("某某市民政局", "2021年6月1日"),
        )
    )

    assert (parsed.proposer_names, parsed.proposal_number, parsed.proposal_title) == (
        ["王强", "李明", "赵刚"],
        "0123",
        "关于加强养老服务的建议",
    )
    assert (parsed.agency, parsed.result_class) == ("某某市民政局", "A")


def test_an_information_number_above_the_letter_is_not_the_proposal_number():
    parsed = parse_reply(make_letter(heading=("信息编号：2021-00123", "关于加强学生心理健康教育建议的答复")))

    assert parsed.proposal_number is None


def test_a_township_deputies_group_is_a_delegation_proposer():
    parsed = parse_reply(
        make_letter(salutation="城关镇代表组：", reference="你们提出的《关于加强养老服务的建议》收悉，现答复如下：")
    )

    assert (parsed.proposer_names, parsed.proposer_role, parsed.proposal_kind) == (["城关镇代表组"], None, "代表团建议")


@pytest.mark.parametrize("salutation", ["王强同志：", "王强先生：", "王强女士：", "王强老师："])
def test_courtesy_title_in_place_of_a_role_gives_the_name(salutation):
    parsed = parse_reply(make_letter(salutation=salutation))

    assert parsed.proposer_names == ["王强"]


def test_courtesy_title_takes_the_role_from_the_body_the_session_names():
    parsed = parse_reply(make_letter(salutation="王强同志："))  # 市政协五届四次会议

    assert (parsed.body, parsed.proposer_role) == ("政协", "委员")


def test_courtesy_title_leaves_the_role_empty_when_nothing_names_the_body():
    parsed = parse_reply(
        make_letter(heading=(), salutation="王强同志：", reference="您提出的关于加强养老服务的建议收悉。")
    )

    assert (parsed.proposer_names, parsed.proposer_role, parsed.body) == (["王强"], None, None)


def test_several_proposers_share_one_role_word():
    parsed = parse_reply(make_letter(salutation="王强、李明代表："))

    assert (parsed.proposer_names, parsed.proposer_role) == (["王强", "李明"], "代表")


def test_label_before_the_addressee_is_no_part_of_the_name():
    parsed = parse_reply(make_letter(salutation="提案人王强委员："))

    assert parsed.proposer_names == ["王强"]


@pytest.mark.parametrize("salutation", ["致：王强委员", "致王强委员："])
def test_addressee_after_zhi_is_the_proposer(salutation):
    parsed = parse_reply(make_letter(salutation=salutation))

    assert (parsed.proposer_names, parsed.proposer_role) == (["王强"], "委员")


def test_party_whose_name_starts_with_zhi_is_not_read_as_zhi_colon():
    parsed = parse_reply(make_letter(salutation="致公党资阳市委会："))

    assert parsed.proposer_names == ["致公党资阳市委会"]


def test_deng_after_the_salutation_names_the_lead_and_warns_the_rest_are_missing():
    parsed = parse_reply(make_letter(salutation="王强代表等："))

    assert parsed.proposer_names == ["王强"]
    assert any(warning.field == "proposer_names" and "王强代表等" in str(warning) for warning in parsed.warnings)


def test_people_are_a_person_kind_of_proposer():
    assert parse_reply(make_letter()).proposer_kind == "person"


@pytest.mark.parametrize("salutation", ["民盟资阳市委会：", "市工商联：", "雁塔区代表团：", "经济界："])
def test_parties_federations_delegations_and_sectors_are_an_organisation_kind_of_proposer(salutation):
    assert parse_reply(make_letter(salutation=salutation)).proposer_kind == "organisation"


def test_no_proposer_has_no_kind():
    parsed = parse_reply(make_letter(heading=(), salutation=None, reference="现将有关情况答复如下："))

    assert (parsed.proposer_names, parsed.proposer_kind) == ([], None)


def test_co_signers_named_only_as_lianming_are_no_name_and_are_warned():
    parsed = parse_reply(make_letter(salutation="李红梅代表及联名代表："))

    assert parsed.proposer_names == ["李红梅"]
    assert [warning.field for warning in parsed.warnings] == ["proposer_names"]


@pytest.mark.parametrize("reference", ["您提出的‘加强养老服务的提案’收悉。", "您提出的「加强养老服务的提案」收悉。"])
def test_title_in_single_quotes_or_corner_brackets_is_read(reference):
    assert parse_reply(make_letter(reference=reference)).proposal_title == "加强养老服务的提案"


def test_tian_makes_a_member_of_a_courtesy_addressee_without_a_session():
    parsed = parse_reply(
        make_letter(
            heading=(), salutation="张立新同志：", reference="您提出的第67号提案《关于加强水生态保护的提案》收悉。"
        )
    )

    assert (parsed.body, parsed.proposer_role) == ("政协", "委员")


@pytest.mark.parametrize("salutation", ["尊敬的领导：", "领导同志："])
def test_a_title_in_place_of_a_name_gives_no_proposer(salutation):
    assert parse_reply(make_letter(salutation=salutation)).proposer_names == []


@pytest.mark.parametrize(
    "reference",
    [
        "王强同志在市政协五届四次会议上提出的《关于加强学生心理健康教育的建议》收悉，现答复如下：",
        "市政协委员王强提出的《关于加强学生心理健康教育的建议》收悉，现答复如下：",
        "王强委员在会议期间提出的《关于加强学生心理健康教育的建议》收悉，现答复如下：",
    ],
)
def test_proposer_named_in_the_reference_sentence_without_a_salutation(reference):
    parsed = parse_reply(make_letter(salutation=None, reference=reference))

    assert (parsed.proposer_names, parsed.proposer_role) == (["王强"], "委员")


@pytest.mark.parametrize("reference", ["有关同志提出的问题收悉，现答复如下：", "学校老师提出的意见收悉，现答复如下："])
def test_people_named_by_a_generic_noun_are_no_proposer(reference):
    assert parse_reply(make_letter(salutation=None, reference=reference)).proposer_names == []


def test_role_in_a_bracket_note_after_the_name_is_the_role():
    parsed = parse_reply(make_letter(heading=(), salutation="王强（市人大代表）："))

    assert (parsed.proposer_names, parsed.proposer_role) == (["王强"], "代表")


def test_names_listed_with_a_comma_before_one_role_word_are_all_proposers():
    parsed = parse_reply(make_letter(salutation="王强，李明代表："))

    assert (parsed.proposer_names, parsed.proposer_role) == (["王强", "李明"], "代表")


def test_organisations_proposing_together_are_each_a_proposer():
    parsed = parse_reply(make_letter(salutation="民盟市委、民进市委："))

    assert (parsed.proposer_names, parsed.proposer_kind) == (["民盟市委", "民进市委"], "organisation")


@pytest.mark.parametrize("league", ["团省委", "团市委", "团区委", "团县委"])
def test_the_youth_league_of_any_level_proposes_as_an_organisation(league):
    reference = "你们提出的《关于青少年心理健康的提案》收悉。"
    parsed = parse_reply(make_letter(salutation=f"{league}：", reference=reference))

    assert (parsed.proposer_names, parsed.proposer_kind) == ([league], "organisation")
