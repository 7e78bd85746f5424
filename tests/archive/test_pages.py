"""The list of newest replies, and a reply with its metadata, sections, citation and related replies."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]


def seed_reply_page(client, agency):
    """The page of the seed reply from this agency."""
    from archive.models import Reply

    return client.get(Reply.objects.get(agency__name=agency).get_absolute_url())


def test_reply_list_shows_public_replies_newest_first(client, make_reply):
    make_reply(title="较早的答复", date="2022-06-14", body_text="早")
    make_reply(title="较新的答复", date="2024-07-02", body_text="新")
    make_reply(title="没有日期的答复", date=None, body_text="无日期")

    page = client.get("/replies/").content.decode()

    assert page.index("较新的答复") < page.index("较早的答复") < page.index("没有日期的答复")


def test_reply_list_leaves_out_drafts_and_withheld_replies(client, make_reply):
    make_reply(title="草稿答复", publish=False, body_text="草")
    make_reply(title="依申请公开的答复", disclosure="依申请公开", body_text="依")
    make_reply(title="公开的答复", body_text="公")

    response = client.get("/replies/")

    assertContains(response, "公开的答复")
    assertNotContains(response, "草稿答复")
    assertNotContains(response, "依申请公开的答复")
    assertContains(response, "共 1 件答复")


def test_reply_list_paginates_twenty_replies_a_page(client, make_reply):
    for n in range(21):
        make_reply(title=f"第{n}号测试答复", body_text=f"正文{n}")

    first, second = client.get("/replies/"), client.get("/replies/", {"page": 2})

    assert first.content.decode().count("测试答复</a>") == 20
    assert second.content.decode().count("测试答复</a>") == 1


def test_reply_page_shows_metadata_and_sections_under_a_table_of_contents(client, seed_replies):
    response = seed_reply_page(client, "信阳市教育体育局")

    assertContains(response, "降低中小学生学习负担，增强孩子心理健康")
    expected = ["信阳市教育体育局", "高海朋", "市政协六届二次会议", "2024175", "2024年7月2日", "林长", "市政协提案委",
                "主动公开"]
    for text in expected:
        assertContains(response, text)
    assertContains(response, '<a href="#s1">一、高度重视，加强组织领导</a>', html=True)
    assertContains(response, '<h2 id="s1">一、高度重视，加强组织领导</h2>', html=True)
    assertContains(response, '<h2 id="s9">九、家校沟通，强化家庭教育</h2>', html=True)


def test_reply_page_shows_subsections_with_their_own_anchors(client, seed_replies):
    response = seed_reply_page(client, "资阳市教育和体育局")

    assertContains(response, 'href="#s1-2"')
    assertContains(response, '<h3 id="s1-2">(二)加强心育教师队伍建设,提高心育教师能力水平</h3>', html=True)


def test_reply_page_sets_the_next_steps_apart(client, seed_replies):
    response = seed_reply_page(client, "慈溪市教育局")

    assertContains(response, "下一步工作</h2>")
    assertContains(response, "大力推进慈溪市心理辅导中心建设")


def test_reply_page_masks_a_personal_mobile_number(client, seed_replies):
    response = seed_reply_page(client, "长春市教育局")

    assertContains(response, "裴莹 131****5558")
    assertNotContains(response, "13174465558")


def test_a_hidden_reply_answers_404(client, make_reply):
    draft = make_reply(publish=False)
    withheld = make_reply(disclosure="不予公开", body_text="不予公开的正文")

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(withheld.get_absolute_url()).status_code == 404


def test_a_hidden_proposals_written_number_answers_404_like_a_missing_one(client, make_reply):
    # Issue 13.7: /proposals/<session>/0971/ answered 301 for a proposal whose only reply is hidden and 404 for a
    # number that does not exist, so anyone could learn which hidden proposals exist.
    withheld = make_reply(session="市政协五届四次会议", number="0971", disclosure="不予公开", body_text="不公开")
    draft = make_reply(session="市政协五届四次会议", number="0972", publish=False, body_text="草稿正文")
    session_id = withheld.proposal.session_id

    forms = ("0{}", "{}", "第0{}号")  # as cited, and the canonical number
    missing = [client.get(f"/proposals/{session_id}/{form.format('973')}/") for form in forms]
    assert [response.status_code for response in missing] == [404, 404, 404]
    for number in ("971", "972"):
        for form, absent in zip(forms, missing, strict=True):
            response = client.get(f"/proposals/{session_id}/{form.format(number)}/")
            assert response.status_code == 404, (form.format(number), response.status_code)
            # The same page, but for the number in the address it shows.
            assert response.content.replace(number.encode(), b"973") == absent.content
    assert client.get(f"/proposals/{withheld.proposal.pk}/").status_code == 404
    assert client.get(f"/proposals/{draft.proposal.pk}/").status_code == 404


def test_pages_are_in_chinese(client, seed_replies):
    response = client.get("/")

    assertContains(response, '<html lang="zh-Hans">')
    assertContains(response, "最新答复")
    assertContains(response, '<meta property="og:title" content="建议提案答复档案">', html=True)


def test_reply_page_links_agency_proposers_and_proposal(client, seed_replies):
    from archive.models import Reply

    reply = Reply.objects.get(agency__name="资阳市教育和体育局")

    response = client.get(reply.get_absolute_url())

    assertContains(response, f'<a href="{reply.agency.get_absolute_url()}">资阳市教育和体育局</a>', html=True)
    lead = reply.proposal.proposer_links.first().person
    assertContains(response, f'href="{lead.get_absolute_url()}"')
    assertContains(response, f'href="{reply.proposal.get_absolute_url()}"')


def test_reply_page_gives_a_permalink_and_a_citation_line(client, seed_replies):
    from archive.models import Reply

    reply = Reply.objects.get(agency__name="资阳市教育和体育局")

    response = client.get(reply.get_absolute_url())

    permalink = f"http://testserver/replies/{reply.pk}/"
    assertContains(response, f'<a href="{permalink}">{permalink}</a>', html=True)
    assertContains(
        response,
        "资阳市教育和体育局关于市政协五届四次会议第0070号提案《构建学生心理健康长效机制的建议》的答复，"
        f"资教体函〔2024〕70号，2024年6月28日。{permalink}",
    )
    assertContains(response, f'<meta property="og:url" content="{permalink}">', html=True)
    assertContains(response, '<meta property="og:title" content="构建学生心理健康长效机制的建议">', html=True)


def test_original_file_is_offered_for_download_only_when_kept(client, make_reply):
    from archive.ingest import import_file

    letter = (
        "朱蓉代表：\n您提出的《关于校园午餐的建议》收悉。现答复如下：\n"
        "一、加强管理\n已经落实。\n慈溪市教育局\n2024年6月28日\n"
    ).encode()
    with_file = import_file(letter, "午餐答复.txt", publish=True).reply
    without = make_reply()

    page = client.get(with_file.get_absolute_url())
    download = client.get(f"/replies/{with_file.pk}/original/")

    assertContains(page, "下载原始文件")
    assert download.status_code == 200
    # A text original comes back as the masked copy: UTF-8 with a BOM, so Notepad and WPS read it right.
    assert b"".join(download.streaming_content) == "\ufeff".encode() + letter
    assert "attachment" in download["Content-Disposition"]
    assertNotContains(client.get(without.get_absolute_url()), "下载原始文件")
    assert client.get(f"/replies/{without.pk}/original/").status_code == 404


def test_a_hidden_replys_original_is_not_served(client):
    from archive.ingest import import_file

    letter = "朱蓉代表：\n您提出的《关于校园午餐的建议》收悉。\n不予公开\n".encode()
    hidden = import_file(letter, "午餐.txt", publish=False).reply

    assert client.get(f"/replies/{hidden.pk}/original/").status_code == 404


def test_reply_page_shows_related_replies_from_other_proposals_only(client, make_reply, indexed):
    with indexed():
        # Topic words are those a letter comes back to: each letter names its own twice.
        reply = make_reply(
            title="关于加强中小学心理健康教育的建议", body_text="心理健康教育 心理教师 心理辅导室 建设。" * 2
        )
        make_reply(title="关于增配心理教师的建议", agency="长春市教育局", body_text="心理教师 心理辅导室 配备。" * 2)
        make_reply(title="关于城市道路照明的建议", agency="长春市城市管理局", body_text="路灯 照明 道路 维修。" * 2)
        make_reply(title="不予公开的心理答复", disclosure="不予公开",
                   body_text="心理教师 心理辅导室 心理健康教育。" * 2)

    response = client.get(reply.get_absolute_url())

    assertContains(response, "相关答复")
    assertContains(response, "关于增配心理教师的建议")
    assertNotContains(response, "关于城市道路照明的建议")
    assertNotContains(response, "不予公开的心理答复")


def test_reply_page_keeps_a_print_stylesheet_and_lists_next_steps_in_the_contents(client, seed_replies):
    response = seed_reply_page(client, "慈溪市教育局")

    assertContains(response, 'href="/static/css/print.css" media="print"')
    assertContains(response, '<a href="#next-steps">下一步工作</a>', html=True)


@pytest.mark.parametrize("path", ["replies", "proposals", "agencies", "people"])
def test_an_id_too_long_for_the_database_is_a_404_not_a_500(client, db, path):
    assert client.get(f"/{path}/99999999999999999999/").status_code == 404


def test_a_session_id_too_long_for_the_database_is_a_404_not_a_500(client, db):
    assert client.get("/proposals/99999999999999999999/70/").status_code == 404


@pytest.mark.django_db
def test_no_template_comment_shows_as_text(client):
    # A {# #} comment ends at its line: one written over two lines was shown at the top of every page.
    page = client.get("/").content.decode()

    assert "{#" not in page and "#}" not in page and "{% comment" not in page
