"""The review page, where a clerk checks a draft's every field at once and publishes it.

The proposal (title, session, number, proposers, place) is edited on the page itself, through the
archive's identity keys; 抄送 is typed one recipient a line; a reply without a title, agency or date
is published only when the clerk confirms; publishing says where the public page is, or that the
public cannot see it; the reply list says which replies the public sees. Letters come from several
cities whose CPPCCs all held a 五届四次会议, two of which each have a member called 王强.
"""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from archive.ingest import import_text
from archive.models import Person, Proposal, Reply, Session
from tests.admin_forms import review_form, review_post

pytestmark = pytest.mark.usefixtures("search_index")


def letter(agency, name, title, *, session="市政协五届四次会议", number="第0070号", day=28, date=True, cc=""):
    return "\n".join([
        f"{agency}关于{session}{number}提案的答复",
        f"{name}委员：",
        f"您提出的《{title}》收悉。现答复如下：",
        "一、工作情况",
        "我局高度重视，成立了工作专班。",
        "二、下一步工作打算",
        "我局将继续完善相关机制。",
        agency,
        f"2024年6月{day}日" if date else "",
        f"抄送：{cc}" if cc else "",
    ])


def page_of(reply):
    return f"/admin/archive/reply/{reply.pk}/change/"


@pytest.fixture
def archive_of_three_cities(db):
    """Published: 资阳市's 罗大成 第0070号, 眉山市's and 潍坊市's 王强, each their city's 第0070号."""
    return {
        city: import_text(letter(agency, name, title), publish=True).reply
        for city, agency, name, title in [
            ("资阳", "资阳市教育和体育局", "罗大成", "关于构建学生心理健康长效机制的建议"),
            ("眉山", "眉山市教育局", "王强", "关于加强乡村教师队伍建设的建议"),
            ("潍坊", "潍坊市教育局", "王强", "关于推进职业教育产教融合的建议"),
        ]
    }


# ---- the proposal on the page ---------------------------------------------------------------------


def test_the_drafts_proposal_is_edited_on_the_page_not_behind_a_pop_up(admin_client):
    draft = import_text(letter("慈溪市教育局", "朱蓉", "关于加强中小学心理健康教育的建议")).reply

    response = admin_client.get(page_of(draft))

    form = response.context["adminform"].form
    assert "proposal" not in form.fields
    assert form["proposal_title"].value() == "关于加强中小学心理健康教育的建议"
    assert form["proposal_session"].value() == "市政协五届四次会议"
    assert form["proposal_number"].value() == "0070"
    assert form["proposers"].value() == "朱蓉"
    assert form["proposal_place"].value() == "浙江省宁波市慈溪市"
    assertContains(response, '<textarea name="proposers"', count=1)
    assertNotContains(response, 'id="id_proposal"')


def test_correcting_a_misread_proposer_and_number_joins_the_published_proposal_and_its_person(
        admin_client, client, archive_of_three_cities):
    published = archive_of_three_cities["资阳"]
    draft = import_text(letter("资阳市财政局", "罗大城", "关于构建学生心理健康长效机制的建议", number="第0007号",
                               day=30)).reply
    assert "将成为新的建议提案" in admin_client.get(page_of(draft)).content.decode()

    held = review_post(admin_client, draft, proposers="罗大成", proposal_number="0070", _publish="1")

    draft.refresh_from_db()
    assert draft.status == Reply.Status.DRAFT  # the page had said "a new proposal": the clerk sees the join first
    assertContains(held, "已保存，未发布")
    assertContains(held, "将并入已有建议提案：罗大成，资阳市 · 市政协五届四次会议第0070号")
    assert not Person.objects.filter(name="罗大城").exists()

    published_page = review_post(admin_client, draft, _publish="1", _proposal="join")

    draft.refresh_from_db()
    assert draft.status == Reply.Status.PUBLISHED
    assert draft.proposal_id == published.proposal_id
    assert list(draft.proposal.proposers.values_list("name", flat=True)) == ["罗大成"]
    assert Person.objects.filter(name="罗大成").count() == 1
    assertContains(published_page, "已发布，并入已有建议提案")
    assertContains(client.get(published.proposal.get_absolute_url()), "资阳市财政局")


def test_a_corrected_proposer_is_the_person_of_the_drafts_own_city(admin_client, archive_of_three_cities):
    draft = import_text(letter("眉山市财政局", "王刚", "关于加强乡村教师队伍建设的建议", day=30)).reply

    review_post(admin_client, draft, proposers="王强")

    proposal = Proposal.objects.get(pk=draft.proposal_id)
    assert [link.person for link in proposal.proposer_links.all()] == [
        archive_of_three_cities["眉山"].proposal.lead_proposer
    ]
    assert Person.objects.filter(name="王强").count() == 2
    assert not Person.objects.filter(name="王刚").exists()


def test_a_corrected_session_rejoins_the_proposal_of_that_session(admin_client, archive_of_three_cities):
    draft = import_text(letter("潍坊市财政局", "王强", "关于推进职业教育产教融合的建议",
                               session="市政协五届三次会议", day=30)).reply

    review_post(admin_client, draft, proposal_session="市政协五届四次会议")

    page = admin_client.get(page_of(draft))
    assertContains(page, "将并入已有建议提案")
    assert page.context["planned_join"] == archive_of_three_cities["潍坊"].proposal
    assert not Session.objects.filter(name="市政协五届三次会议").exists()  # only the draft named it


def test_several_proposers_keep_the_order_typed_lead_first(admin_client):
    draft = import_text(letter("天水市教育局", "李红", "关于改善农村学校供暖条件的建议")).reply

    review_post(admin_client, draft, proposers="张敏\n\n李红\n", proposer_role="委员")

    proposal = Proposal.objects.get(pk=draft.proposal_id)
    assert [(link.person.name, link.person.role, link.person.place.name) for link in proposal.proposer_links.all()] \
        == [("张敏", "委员", "天水市"), ("李红", "委员", "天水市")]


def test_an_ambiguous_place_is_refused_and_nothing_is_saved(admin_client):
    draft = import_text(letter("赣州市教育局", "张敏", "关于规范校外培训机构的建议")).reply

    response = review_post(admin_client, draft, proposal_place="朝阳区", proposal_title="改过的标题",
                           doc_number="赣教函〔2024〕9号")

    assertContains(response, "有几个同名的地区")
    draft.refresh_from_db()
    assert draft.proposal.title == "关于规范校外培训机构的建议"
    assert draft.doc_number == ""


def test_a_failure_while_saving_leaves_the_proposal_as_it_was(admin_client, monkeypatch):
    from archive.admin import ReplyAdmin

    draft = import_text(letter("赣州市教育局", "张敏", "关于规范校外培训机构的建议")).reply

    def fails(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ReplyAdmin, "save_related", fails)
    with pytest.raises(RuntimeError):
        review_post(admin_client, draft, proposers="张敏敏", proposal_number="0071")

    proposal = Proposal.objects.get(pk=draft.proposal_id)
    assert (proposal.number, [link.person.name for link in proposal.proposer_links.all()]) == ("0070", ["张敏"])


def test_proposer_lines_are_bounded(admin_client):
    draft = import_text(letter("赣州市教育局", "张敏", "关于规范校外培训机构的建议")).reply

    too_many = review_post(admin_client, draft, proposers="\n".join(f"委员{n}" for n in range(31)))
    too_long = review_post(admin_client, draft, proposers="张" * 101)

    assertContains(too_many, "最多 30 行")
    assertContains(too_long, "每行最多 100 个字")
    assert Person.objects.filter(name__startswith="委员").count() == 0


# ---- 抄送 one a line ------------------------------------------------------------------------------


def test_cc_is_shown_and_typed_one_recipient_a_line(admin_client):
    draft = import_text(letter("资阳市教育和体育局", "罗大成", "关于构建学生心理健康长效机制的建议",
                               cc="市政府办公室，市财政局")).reply
    assert draft.cc == ["市政府办公室", "市财政局"]

    shown = admin_client.get(page_of(draft)).context["adminform"].form["cc"].value()
    review_post(admin_client, draft, cc="市政府办公室\n市财政局\n\n  市人社局  \n")

    draft.refresh_from_db()
    assert shown == "市政府办公室\n市财政局"
    assert draft.cc == ["市政府办公室", "市财政局", "市人社局"]


def test_cc_lines_are_bounded(admin_client):
    draft = import_text(letter("资阳市教育和体育局", "罗大成", "关于构建学生心理健康长效机制的建议")).reply

    response = review_post(admin_client, draft, cc="\n".join(f"单位{n}" for n in range(51)))

    assertContains(response, "最多 50 行")
    draft.refresh_from_db()
    assert draft.cc == []


# ---- publishing what is incomplete asks first -----------------------------------------------------


def test_publishing_a_reply_without_a_date_asks_for_confirmation(admin_client):
    draft = import_text(letter("眉山市住房和城乡建设局", "王强", "关于完善城区停车设施的建议", date=False)).reply
    assert draft.date is None

    held = review_post(admin_client, draft, _publish="1")

    draft.refresh_from_db()
    assert draft.status == Reply.Status.DRAFT
    assertContains(held, "缺少答复日期")
    assertContains(held, "仍然发布（缺少答复日期）")

    review_post(admin_client, draft, _publish="1", _publish_anyway="1")

    draft.refresh_from_db()
    assert draft.status == Reply.Status.PUBLISHED


def test_clearing_the_title_then_publishing_asks_for_confirmation(admin_client):
    draft = import_text(letter("天水市教育局", "李红", "关于改善农村学校供暖条件的建议")).reply

    held = review_post(admin_client, draft, proposal_title="", _publish="1")

    draft.refresh_from_db()
    assert draft.status == Reply.Status.DRAFT
    assertContains(held, "缺少建议提案标题")
    assert held.context["adminform"].form["proposal_title"].value() == ""


def test_the_list_action_publishes_only_the_complete_and_names_the_others(admin_client):
    complete = import_text(letter("潍坊市教育局", "李四", "关于推进产教融合的建议")).reply
    undated = import_text(letter("赣州市教育局", "张敏", "关于规范校外培训机构的建议", date=False)).reply

    response = admin_client.post("/admin/archive/reply/", {"action": "publish",
                                                           "_selected_action": [complete.pk, undated.pk]}, follow=True)

    complete.refresh_from_db()
    undated.refresh_from_db()
    assert (complete.status, undated.status) == (Reply.Status.PUBLISHED, Reply.Status.DRAFT)
    assertContains(response, "1 件答复已改为“已发布”")
    assertContains(response, f'href="{page_of(undated)}"')


# ---- what publishing says ---------------------------------------------------------------------------


def test_publishing_says_published_and_links_the_public_page(admin_client, client):
    draft = import_text(letter("慈溪市教育局", "朱蓉", "关于加强中小学心理健康教育的建议")).reply

    response = review_post(admin_client, draft, _publish="1")

    assertContains(response, f'已发布。<a href="{draft.get_absolute_url()}">查看公开页面</a>', html=True)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_publishing_a_reply_marked_on_request_says_the_public_cannot_see_it(admin_client, client):
    draft = import_text(letter("资阳市卫生健康委员会", "罗大成", "关于构建学生心理健康长效机制的建议")).reply

    response = review_post(admin_client, draft, disclosure=Reply.Disclosure.ON_REQUEST, _publish="1")

    assertContains(response, "已发布，但不公开：公众看不到这件答复（依申请公开）。")
    assertNotContains(response, "查看公开页面")
    assert client.get(draft.get_absolute_url()).status_code == 404


# ---- the list says who sees a reply ----------------------------------------------------------------


def test_the_reply_list_says_which_replies_the_public_sees(admin_client, archive_of_three_cities):
    on_request = archive_of_three_cities["潍坊"]
    on_request.disclosure = Reply.Disclosure.ON_REQUEST
    on_request.save()
    import_text(letter("天水市教育局", "李红", "关于改善农村学校供暖条件的建议"))

    response = admin_client.get("/admin/archive/reply/")

    rows = {reply.pk: reply for reply in response.context["cl"].result_list}
    public = set(Reply.objects.public().values_list("pk", flat=True))
    assert {pk for pk, reply in rows.items() if reply.publicly_visible} == public and len(public) == 2
    assertContains(response, "公众可见", count=2)
    assertContains(response, "公众不可见（依申请公开）", count=1)
    assertContains(response, "公众不可见（草稿）", count=1)


def test_the_review_form_posts_back_what_it_shows(admin_client):
    draft = import_text(letter("慈溪市教育局", "朱蓉", "关于加强中小学心理健康教育的建议", cc="市财政局")).reply

    review_post(admin_client, draft)

    draft.refresh_from_db()
    assert review_form(admin_client, draft)["cc"] == "市财政局" and draft.cc == ["市财政局"]
    assert [link.person.name for link in draft.proposal.proposer_links.all()] == ["朱蓉"]
