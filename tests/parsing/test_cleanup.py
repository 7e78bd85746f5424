"""Cleaning the text: web-page chrome dropped, word-processor artifacts gone, broken lines re-joined."""

import pytest

from archive.parsing import parse_reply

from .letters import make_letter, messages

PAGE_HEAD = (
    "资阳市人民政府\n政府信息公开\n当前位置:首页 > 资阳市人民政府 > 法定主动公开内容 > 建议提案\n"
    "关于市政协五届四次会议第70号提案的答复\n发布时间:2024-07-15 录入:资阳市人民政府\n字号：大 中 小 【打印】【关闭】\n"
)
PAGE_FOOT = (
    "【打印本页】【关闭窗口】\n相关链接：\n关于市政协五届四次会议第88号提案的答复\n"
    "主办:资阳市人民政府 承办:资阳市人民政府办公室\n市政府网站联系电话:028-28000836\n"
    "网站标识码:5120000001 蜀ICP备05007295号-1\n"
)


def test_page_navigation_above_the_letter_is_dropped_from_the_body_text():
    parsed = parse_reply(PAGE_HEAD + make_letter())

    for chrome in ("当前位置", "发布时间", "字号", "政府信息公开", "资阳市人民政府\n"):
        assert chrome not in parsed.body_text
    assert parsed.body_text.startswith("对市政协五届四次会议第70号提案的答复")


def test_page_title_shown_only_above_the_metadata_is_kept_as_the_letter_title():
    text = (
        "当前位置：首页 > 建议提案\n关于市政协五届四次会议第70号提案的答复\n发布时间：2024-07-15\n"
        "罗大成委员：\n您提出的建议收悉，现答复如下：\n内容。"
    )

    parsed = parse_reply(text)

    assert parsed.body_text.startswith("关于市政协五届四次会议第70号提案的答复")
    assert parsed.proposal_number == "70"


def test_page_footer_below_the_letter_is_dropped_and_never_read_as_fields():
    parsed = parse_reply(make_letter() + "\n" + PAGE_FOOT)

    assert parsed.body_text.endswith("2024年6月28日")
    assert (parsed.contact_phone, parsed.agency) == (None, "资阳市教育局")


def test_footer_naming_the_site_owner_does_not_give_the_agency():
    closing = ("感谢您的关心。",)
    text = (
        make_letter(heading=(), closing=closing)
        + "\n主办：资阳市人民政府办公室 地址：资阳市政府路1号\n蜀ICP备05007295号-1"
    )

    parsed = parse_reply(text)

    assert parsed.agency is None
    assert "资阳市人民政府办公室" not in parsed.body_text


def test_satisfaction_survey_under_the_letter_is_dropped():
    parsed = parse_reply(make_letter() + "\n您对该信息是否满意：○满意 ○比较满意 ○不满意 [提交]\n网站标识码：4101000049")

    assert "满意" not in parsed.body_text
    assert parsed.date == "2024-06-28"


def test_satisfaction_words_inside_the_letter_do_not_cut_it():
    body = ("一、工作情况", "我们从学生满意度、家长满意度等四个维度设置评价指标。", "二、下一步工作打算", "继续完善。")

    parsed = parse_reply(make_letter(body=body))

    assert [section.title for section in parsed.sections] == ["工作情况", "下一步工作打算"]


def test_bookmark_artifacts_of_word_processors_are_removed():
    parsed = parse_reply(make_letter(reference="[bookmark: _GoBack]您提出的《关于加强学生心理健康教育的建议》收悉。"))

    assert "bookmark" not in parsed.body_text
    assert parsed.proposal_title == "关于加强学生心理健康教育的建议"


def test_page_numbers_between_pages_are_removed():
    body = ("一、工作情况", "我局高度重视，成立了", "- 2 -", "工作专班。")

    parsed = parse_reply(make_letter(body=body))

    assert "我局高度重视，成立了工作专班。" in parsed.body_text
    assert "- 2 -" not in parsed.body_text


def test_sentence_broken_by_a_page_break_is_joined_again():
    body = ("一、加强工作指导", "采用团体辅导、心理训练、角色扮演、专题", "", "", "讲座等形式，加强心理健康教育。")

    parsed = parse_reply(make_letter(body=body))

    assert "专题讲座等形式" in parsed.body_text
    assert (
        parsed.sections[0].text
        == "一、加强工作指导\n采用团体辅导、心理训练、角色扮演、专题讲座等形式，加强心理健康教育。"
    )


def test_real_paragraph_breaks_and_headings_stay_apart():
    body = (
        "一、重视师资建设，提升教师心育能力",
        "完善全员心育体系。",
        "目前已配备专业心理测量软件",
        "二、保障阵地质量",
        "内容。",
    )

    parsed = parse_reply(make_letter(body=body))

    assert (
        "一、重视师资建设，提升教师心育能力\n完善全员心育体系。\n目前已配备专业心理测量软件\n二、保障阵地质量"
        in parsed.body_text
    )


def test_full_width_digits_and_ideographic_spaces_are_normalised():
    heading = ("对市政协五届四次会议第０２５７号提案的答复",)

    parsed = parse_reply(make_letter(heading=heading, closing=("\u3000\u3000资阳市教育局", "２０２４年６月２８日")))

    assert (parsed.proposal_number, parsed.date, parsed.agency) == ("0257", "2024-06-28", "资阳市教育局")


def test_text_that_is_not_a_reply_gets_no_fields_and_a_warning():
    text = (
        "聚焦市两会丨代表委员为“一老一小”建言献策\n市人大代表李红在小组讨论时说，应加快建设养老服务设施。\n"
        "下一步，将织密养老服务网络。"
    )

    parsed = parse_reply(text)

    assert (parsed.proposer_names, parsed.body, parsed.proposal_title, parsed.next_steps) == ([], None, None, None)
    assert any("不像答复函" in warning for warning in messages(parsed))


def test_empty_text_gives_an_empty_reply_with_a_warning():
    parsed = parse_reply("")

    assert parsed.body_text == ""
    assert parsed.warnings


def test_letter_heading_lines_shown_between_page_bars_are_kept():
    text = (
        "当前位置：首页 > 建议提案\n对市政协五届四次会议第70号提案的答复\n资教体函〔2024〕70号\n"
        "签发人：林长\n字号：大 中 小\n" + make_letter(heading=())
    )

    parsed = parse_reply(text)

    assert (parsed.doc_number, parsed.signer, parsed.proposal_number) == ("资教体函〔2024〕70号", "林长", "70")
    assert "字号" not in parsed.body_text


def test_letter_hard_wrapped_like_a_pdf_reads_like_the_original():
    body = (
        "一、加强心理健康教师队伍建设，提高心育教师能力水平",
        "我局通过公开招聘、县管校聘、转岗补充等渠道配备专兼职心理教师七百零一名，全市中小学一百二十名教师获得心理辅导员资格证书。",
        "二、完善心理健康监测预警机制",
        "每学期至少开展一次学生全覆盖心理健康筛查，完善心理健康档案，做好学生心理危机预防、预警和干预工作，建立一生一策档案。",
        "三、下一步工作打算",
        "下一步，我们将认真贯彻落实实施方案，力争到二〇二五年，健康教育、监测预警、咨询服务、干预处置四位一体的工作体系更加健全。",
    )
    closing = (
        "再次感谢您对全市青少年学生健康成长的关心。",
        "资阳市教育和体育局",
        "2024年6月28日",
        "抄送：市政协提案委员会（2份），市政府督查室（1份），市卫生健康委员会，市财政局。",
    )
    letter = make_letter(body=body, closing=closing)
    wrapped = "\n".join(line[i : i + 28] for line in letter.split("\n") for i in range(0, len(line), 28))

    original, parsed = parse_reply(letter), parse_reply(wrapped)

    def outline(reply):
        return [(section.level, section.title, section.text) for section in reply.sections]

    assert outline(parsed) == outline(original)
    assert (parsed.agency, parsed.date, parsed.cc) == (original.agency, original.date, original.cc)
    assert parsed.cc == ["市政协提案委员会", "市政府督查室", "市卫生健康委员会", "市财政局"]


def test_page_title_is_kept_when_only_marker_lines_stand_below_the_page_bar():
    text = (
        "徐州市公安局关于市十六届人大二次会议第175号建议的答复\n发布日期：2018-07-03 来源：市公安局 浏览次数：2105\n"
        "徐公复〔2018〕9号\n办理结果：A\n公开属性：主动公开\n马力代表：\n您提出的建议收悉，现答复如下：\n内容。"
    )

    parsed = parse_reply(text)

    assert (parsed.proposal_number, parsed.session) == ("175", "市十六届人大二次会议")
    assert (parsed.result_class, parsed.disclosure) == ("A", "主动公开")


def test_metadata_rows_named_mingcheng_and_fenlei_are_not_the_salutation():
    text = (
        "索引号：  11320100MB1234567X/2020-00123  分类：  建议提案\n"
        "名称：  关于市十六届人大三次会议第0215号建议的答复\n"
        "文号：  宁交建〔2020〕18号  主题词：\n关于市十六届人大三次会议第0215号建议的答复\n杨柳代表：\n"
        "您提出的《关于优化地铁与公交接驳的建议》收悉。现答复如下：\n内容。\n南京市交通运输局\n2020年6月30日"
    )

    parsed = parse_reply(text)

    assert (parsed.proposer_names, parsed.doc_number) == (["杨柳"], "宁交建〔2020〕18号")


def test_page_break_between_a_bracketed_contact_note_and_the_copy_list_keeps_them_apart():
    closing = (
        "资阳市教育局",
        "2024年6月28日",
        "（联系人：孟辉，电话：6225005）",
        "— 2 —",
        "抄送：市政协提案委（2份），市政府",
        "督查室（1份）。",
    )

    parsed = parse_reply(make_letter(closing=closing))

    assert (parsed.contact_phone, parsed.cc) == ("6225005", ["市政协提案委", "市政府督查室"])


def test_page_break_after_the_signature_date_does_not_glue_the_next_field_to_it():
    parsed = parse_reply(make_letter(closing=("资阳市教育局", "2024年6月28日", "- 3 -", "签发人：林长")))

    assert (parsed.date, parsed.signer) == ("2024-06-28", "林长")


@pytest.mark.parametrize("buttons", ["A+ A A-", "【A】【A】【A】", "[ A+ ] [ A ] [ A- ]"])
def test_font_size_buttons_drawn_as_letters_are_no_result_class(buttons):
    parsed = parse_reply("当前位置：首页 > 建议提案\n" + buttons + "\n" + make_letter())

    assert (parsed.result_class, parsed.result_label) == (None, None)
