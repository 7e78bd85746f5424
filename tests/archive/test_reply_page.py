"""The reply page reads well (issue 16, item 5): the 下一步 box points into the letter instead of repeating it,
the contents keep the letter's own numbering, headings and the citation can be copied, reference managers
find citation_* tags, and a withdrawn reply's address says 已撤回 and when — with letters of several cities.
"""

import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from archive.models import Reply
from archive.parsing.sections import heading_as_written
from tests.admin_forms import review_post

ZIYANG, NANSHA, CIXI, CHANGCHUN = "资阳市教育和体育局", "广州市南沙区教育局", "慈溪市教育局", "长春市教育局"


def seed(agency):
    return Reply.objects.get(agency__name=agency)


def page_of(client, reply):
    return client.get(reply.get_absolute_url()).content.decode()


def next_steps_box(page):
    start = page.index('id="next-steps"')
    return page[start : page.index("</section>", start)]


def toc(page):
    start = page.index('id="toc-heading"')
    items = re.findall(r'<a href="#[^"]+">([^<]+)</a>', page[start : page.index("</nav>", start)])
    return [unescape(item) for item in items]


def metas(page):
    return re.findall(r'<meta name="(citation_\w+)" content="([^"]*)">', page)


# ---- 下一步: where the next steps are, not the next steps again ------------------------------------------


@pytest.mark.parametrize(("agency", "part", "anchor", "sentence"), [
    (ZIYANG, "第三部分", "s3", "完善学校心理健康教育机制"),  # 三、下一步工作打算, 4,126 characters
    (NANSHA, "第2部分", "s2", "完善心理教师福利待遇"),  # 2、 下一步工作安排: the letter's own 2
])
def test_the_next_steps_box_points_to_the_letters_part_instead_of_repeating_it(client, seed_replies, agency, part,
                                                                               anchor, sentence):
    page = page_of(client, seed(agency))
    box = next_steps_box(page)

    assert sentence not in box
    assert len(re.sub(r"<[^>]+>|\s", "", box)) < 120
    assert f'全文见下文<a href="#{anchor}">{part}</a>' in box
    letter = page[page.index('class="letter"') :]
    assert letter.count(sentence) == 1  # the whole part stays in the letter, once


@pytest.mark.parametrize("agency", [CIXI, CHANGCHUN])
def test_next_steps_written_as_a_paragraph_are_pointed_to_in_the_letter(client, seed_replies, agency):
    reply = seed(agency)
    page = page_of(client, reply)

    box = next_steps_box(page)
    opening = reply.next_steps.splitlines()[0][:40]

    assert '全文见下文<a href="#next-steps-text">正文中的这一段</a>' in box and opening not in box
    paragraph = re.search(r'<p id="next-steps-text">([^<]*)</p>', page)
    assert paragraph and paragraph[1].startswith(opening)
    assert page[page.index('class="letter"') :].count(opening) == 1


@pytest.mark.parametrize(("agency", "first", "third"), [
    (ZIYANG, "下一步,我们将认真贯彻落实", "五育并举促进学生心理健康"),
    (CIXI, "下一步，我们将认真学习吸收您们的建议", "三是继续高度重视"),
])
def test_without_commitments_the_box_shows_the_first_sentences_only(client, seed_replies, agency, first, third):
    reply = seed(agency)
    reply.commitments.all().delete()  # an archive whose commitments were not derived yet

    box = next_steps_box(page_of(client, reply))

    assert first in box and third not in box
    assert "下一步工作打算" not in box  # the part's heading is no sentence of it
    assert "全文见下文" in box


def test_the_commitments_list_is_kept_under_the_box(client, seed_replies):
    page = page_of(client, seed(ZIYANG))
    assert page.index('id="next-steps"') < page.index('id="commitments"') < page.index('class="letter"')
    assert "答复承诺的 18 项工作逐条列在下面" in next_steps_box(page)


def test_next_steps_the_letters_text_does_not_hold_stay_in_the_box(client, make_reply):
    reply = make_reply(agency="眉山市交通运输局", next_steps="我局将于2025年底前完成国道改造。")
    reply.commitments.all().delete()
    assert "我局将于2025年底前完成国道改造。" in next_steps_box(page_of(client, reply))


# ---- the contents keep the letter's numbering -------------------------------------------------------------


def test_the_contents_number_subsections_as_the_letter_does(client, seed_replies):
    ziyang, nansha = toc(page_of(client, seed(ZIYANG))), toc(page_of(client, seed(NANSHA)))

    assert ziyang[:3] == ["一、工作情况", "(一)强化组织领导,坚持高位推动",
                          "(二)加强心育教师队伍建设,提高心育教师能力水平"]
    assert "一、强化组织领导,坚持高位推动" not in ziyang
    assert nansha[1:4] == ["（一）提高认识，强化领导", "（二）全面落实学校心理健康教育",
                           "（3） 扎实开展学生心理危机预防、预警、干预工作"]
    assert "2、 下一步工作安排" in nansha


def test_a_heading_a_clerk_renumbered_falls_back_to_its_levels_form():
    assert heading_as_written(2, "二", "完善机制", "（一）完善机制\n内容。") == "（二）完善机制"
    assert heading_as_written(1, "三", "下一步工作", "下一步工作") == "三、下一步工作"
    assert heading_as_written(1, "", "结语", "结语") == "结语"
    assert heading_as_written(1, "一", "加大投入", "第一，加大投入。我局将…") == "第一，加大投入"


# ---- copying a section's link and the citation ------------------------------------------------------------


@pytest.mark.parametrize("agency", [ZIYANG, NANSHA])
def test_each_heading_has_a_link_to_copy_and_the_citation_can_be_copied(client, seed_replies, agency):
    reply = seed(agency)
    page = page_of(client, reply)
    permalink = f"http://testserver{reply.get_absolute_url()}"

    links = re.findall(r'<a class="heading-link" href="([^"]+)" aria-describedby="([^"]+)" data-copy-link>本节链接</a>',
                       page)
    assert [href for href, _ in links] == [f"{permalink}#{s.anchor}" for s in reply.sections.all()]
    assert all(href.endswith(f"#{anchor}") for href, anchor in links)
    assert re.search(r'<span class="citation" data-copy-citation>[^<]*' + re.escape(permalink), page)
    assert '<p class="copy-status" id="copy-status" role="status" aria-live="polite"></p>' in page
    assert '<script src="/static/js/copy_controls.js" defer></script>' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # the CSP allows no inline script


def test_the_copy_script_announces_in_chinese():
    script = (Path(settings.BASE_DIR) / "static" / "js" / "copy_controls.js").read_text()
    assert "已复制本节链接" in script and "已复制引用" in script and "navigator.clipboard.writeText" in script


# ---- citation_* meta tags ---------------------------------------------------------------------------------


def test_reference_managers_find_citation_tags(client, seed_replies):
    reply = seed(ZIYANG)
    tags = dict(metas(page_of(client, reply)))
    permalink = f"http://testserver{reply.get_absolute_url()}"

    assert tags == {
        "citation_title": "关于市政协五届四次会议第0070号提案《构建学生心理健康长效机制的建议》的答复",
        "citation_author": ZIYANG,
        "citation_publication_date": "2024/06/28",
        "citation_publisher": ZIYANG,
        "citation_technical_report_institution": ZIYANG,
        "citation_technical_report_number": "资教体函〔2024〕70号",
        "citation_keywords": "; ".join(reply.keywords),
        "citation_language": "zh",
        "citation_public_url": permalink,
        "citation_abstract_html_url": permalink,
    }


def test_citation_tags_leave_out_what_the_letter_does_not_give_and_mask_numbers(client, make_reply):
    reply = make_reply(agency="潍坊市民政局", title="关于设立养老热线13912345678的建议", date=None)
    tags = metas(page_of(client, reply))

    assert [name for name, _ in tags if name == "citation_author"] == ["citation_author"]
    assert dict(tags)["citation_author"] == "潍坊市民政局"
    assert "citation_publication_date" not in dict(tags)
    assert "139****5678" in dict(tags)["citation_title"] and "13912345678" not in str(tags)


# ---- a withdrawn reply: 410 with the date; never public: 404 as if it never was ---------------------------


def gone_page(reply, client):
    response = client.get(reply.get_absolute_url())
    return response.status_code, response.content.decode()


@pytest.mark.parametrize("city", ["眉山市", "潍坊市"])
def test_a_withdrawn_replys_address_says_withdrawn_and_when_and_nothing_of_the_letter(client, clerk_client, make_reply,
                                                                                     city):
    reply = make_reply(agency=f"{city}民政局", title=f"关于{city}王秀英家庭困难的建议", proposers=("张伟",),
                       body_text=f"张伟代表：\n您提出的关于{city}王秀英家庭困难的建议收悉。")
    clerk_client.post("/admin/archive/reply/", {"action": "unpublish", "_selected_action": [reply.pk]})
    reply.refresh_from_db()

    status, page = gone_page(reply, client)

    assert reply.status == Reply.Status.DRAFT and reply.withdrawn_at is not None
    assert status == 410
    assert "<h1>已撤回</h1>" in page
    withdrawn_on = timezone.localdate(reply.withdrawn_at)
    assert f"{withdrawn_on.year}年{withdrawn_on.month}月{withdrawn_on.day}日" in page
    assert 'href="/search/"' in page
    for word in (city, "王秀英", "张伟", "民政局", "家庭困难"):
        assert word not in page


def test_a_reply_made_private_on_the_review_page_is_withdrawn_too(client, admin_client, make_reply):
    reply = make_reply(agency="资阳市民政局")
    review_post(admin_client, reply, disclosure=Reply.Disclosure.WITHHELD)

    assert gone_page(reply, client)[0] == 410


def test_a_reply_published_again_is_read_again(client, make_reply):
    reply = make_reply(agency="长春市民政局")
    reply.status = Reply.Status.DRAFT
    reply.save()
    reply.status = Reply.Status.PUBLISHED
    reply.save()

    assert gone_page(reply, client)[0] == 200
    assert Reply.objects.get(pk=reply.pk).withdrawn_at is None


@pytest.mark.parametrize("never", ["draft", "依申请公开"])
def test_a_reply_never_public_is_the_same_404_as_a_missing_one(client, make_reply, never):
    hidden = (make_reply(agency="眉山市民政局", publish=False) if never == "draft"
              else make_reply(agency="潍坊市民政局", disclosure=Reply.Disclosure.ON_REQUEST))
    hidden.signer = "李明"  # saved again while hidden: still nothing was withdrawn
    hidden.save()
    missing = client.get("/replies/987654/")

    response = client.get(hidden.get_absolute_url())

    assert response.status_code == missing.status_code == 404
    assert response.content.decode().replace(hidden.get_absolute_url(), "/replies/987654/") == missing.content.decode()
    assertNotContains(response, "已撤回", status_code=404)


def test_the_public_reply_page_is_unchanged_by_withdrawing_another(client, make_reply):
    kept, withdrawn = make_reply(agency="眉山市民政局"), make_reply(agency="潍坊市民政局")
    withdrawn.status = Reply.Status.DRAFT
    withdrawn.save(update_fields=["status", "updated_at"])

    assertContains(client.get(kept.get_absolute_url()), "眉山市民政局")
    assert Reply.objects.get(pk=withdrawn.pk).withdrawn_at is not None
    assert Reply.objects.get(pk=kept.pk).withdrawn_at is None


@pytest.fixture
def clerk_client(clerk):
    """A clerk in a browser of their own: the test's ``client`` stays a member of the public."""
    other = Client()
    other.force_login(clerk)
    return other
