"""The first public pages: the newest replies, and a reply with its metadata and sections."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


def test_home_lists_public_replies_newest_first(client, make_reply):
    make_reply(title="较早的答复", date="2022-06-14", body_text="早")
    make_reply(title="较新的答复", date="2024-07-02", body_text="新")
    make_reply(title="没有日期的答复", date=None, body_text="无日期")

    page = client.get("/").content.decode()

    assert page.index("较新的答复") < page.index("较早的答复") < page.index("没有日期的答复")


def test_home_leaves_out_drafts_and_withheld_replies(client, make_reply):
    make_reply(title="草稿答复", publish=False, body_text="草")
    make_reply(title="依申请公开的答复", disclosure="依申请公开", body_text="依")
    make_reply(title="公开的答复", body_text="公")

    response = client.get("/")

    assertContains(response, "公开的答复")
    assertNotContains(response, "草稿答复")
    assertNotContains(response, "依申请公开的答复")
    assertContains(response, "共 1 件答复")


def test_home_paginates_twenty_replies_a_page(client, make_reply):
    for n in range(21):
        make_reply(title=f"第{n}号测试答复", body_text=f"正文{n}")

    first, second = client.get("/"), client.get("/", {"page": 2})

    assert first.content.decode().count("<li>") == 20
    assert second.content.decode().count("<li>") == 1


def test_reply_page_shows_metadata_and_sections_under_a_table_of_contents(client, seed_replies):
    from archive.models import Reply

    reply = Reply.objects.get(agency__name="信阳市教育体育局")

    response = client.get(reply.get_absolute_url())

    assertContains(response, "降低中小学生学习负担，增强孩子心理健康")
    for text in ["信阳市教育体育局", "高海朋", "市政协六届二次会议", "2024175", "2024年7月2日", "林长", "市政协提案委", "主动公开"]:
        assertContains(response, text)
    assertContains(response, '<a href="#s1">一、高度重视，加强组织领导</a>', html=True)
    assertContains(response, '<h2 id="s1">一、高度重视，加强组织领导</h2>', html=True)
    assertContains(response, '<h2 id="s9">九、家校沟通，强化家庭教育</h2>', html=True)


def test_reply_page_shows_subsections_with_their_own_anchors(client, seed_replies):
    from archive.models import Reply

    reply = Reply.objects.get(agency__name="资阳市教育和体育局")

    response = client.get(reply.get_absolute_url())

    assertContains(response, 'href="#s1-2"')
    assertContains(response, '<h3 id="s1-2">(二)加强心育教师队伍建设,提高心育教师能力水平</h3>', html=True)


def test_reply_page_sets_the_next_steps_apart(client, seed_replies):
    from archive.models import Reply

    reply = Reply.objects.get(agency__name="慈溪市教育局")

    response = client.get(reply.get_absolute_url())

    assertContains(response, "下一步工作</h2>")
    assertContains(response, "大力推进慈溪市心理辅导中心建设")


def test_reply_page_masks_a_personal_mobile_number(client, seed_replies):
    from archive.models import Reply

    reply = Reply.objects.get(agency__name="长春市教育局")

    response = client.get(reply.get_absolute_url())

    assertContains(response, "裴莹 131****5558")
    assertNotContains(response, "13174465558")


def test_a_hidden_reply_answers_404(client, make_reply):
    draft = make_reply(publish=False)
    withheld = make_reply(disclosure="不予公开", body_text="不予公开的正文")

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(withheld.get_absolute_url()).status_code == 404


def test_pages_are_in_chinese(client, seed_replies):
    response = client.get("/")

    assertContains(response, '<html lang="zh-Hans">')
    assertContains(response, "最新答复")
