"""Many places in one archive: sessions, proposals and people never merge across cities.

The letters below come from five cities whose CPPCCs all held a 五届四次会议 and all numbered a
proposal 第70号; two of the cities each have a member called 王强.
"""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from archive.ingest import import_text
from archive.models import Person, Proposal, Reply, Session
from archive.places import place_named
from archive.publishing import publish_reply
from archive.stats import archive_totals
from tests.admin_forms import review_post

pytestmark = pytest.mark.django_db

CITIES = [
    ("资阳市教育和体育局", "罗大成", "关于构建学生心理健康长效机制的建议"),
    ("眉山市教育局", "王强", "关于加强乡村教师队伍建设的建议"),
    ("潍坊市教育局", "王强", "关于推进职业教育产教融合的建议"),
    ("天水市教育局", "李红", "关于改善农村学校供暖条件的建议"),
    ("赣州市教育局", "张敏", "关于规范校外培训机构的建议"),
]


def letter(agency, name, title, *, session="市政协五届四次会议", number="第0070号", greeting="委员", day=28, extra=""):
    heading = f"{agency}关于{session}{number}提案的答复" if session else f"{agency}关于{number}提案的答复"
    return "\n".join([
        heading,
        f"{name}{greeting}：",
        f"您提出的《{title}》收悉。现答复如下：{extra}",
        "一、工作情况",
        "我局高度重视，成立了工作专班。",
        "二、下一步工作打算",
        "我局将继续完善相关机制。",
        agency,
        f"2024年6月{day}日",
    ])


@pytest.fixture
def five_cities():
    return [import_text(letter(*city), publish=True).reply for city in CITIES]


def test_five_cities_with_one_session_wording_and_number_keep_five_proposals(five_cities):
    proposals = {reply.proposal_id for reply in five_cities}
    assert len(proposals) == 5
    for reply, (agency, name, title) in zip(five_cities, CITIES, strict=True):
        reply.refresh_from_db()
        assert reply.proposal.title == title
        assert [link.person.name for link in reply.proposal.proposer_links.all()] == [name]
        assert reply.proposal.place.name == agency[:3]
    assert Session.objects.filter(name="市政协五届四次会议").count() == 5


def test_each_citys_reply_page_shows_its_own_title_and_proposer(client, five_cities):
    response = client.get(five_cities[3].get_absolute_url())
    assertContains(response, "关于改善农村学校供暖条件的建议")
    assertContains(response, "李红")
    assertContains(response, "甘肃省 › 天水市")
    assertNotContains(response, "罗大成")


def test_same_name_members_of_two_cities_have_two_pages(client, five_cities):
    people = Person.objects.filter(name="王强").order_by("place__code")
    assert [person.description for person in people] == ["潍坊市政协委员", "眉山市政协委员"]
    meishan = client.get(people[1].get_absolute_url())
    assertContains(meishan, "眉山市政协委员")
    assertContains(meishan, "关于加强乡村教师队伍建设的建议")
    assertNotContains(meishan, "关于推进职业教育产教融合的建议")


def test_a_second_letter_on_the_same_proposal_of_the_same_city_joins_it(five_cities):
    opinion = letter("资阳市卫生健康委员会", "罗大成", "关于构建学生心理健康长效机制的建议", day=30)
    reply = import_text(opinion, publish=True).reply
    assert reply.proposal_id == five_cities[0].proposal_id
    assert reply.proposal.replies.count() == 2


def test_a_letter_without_a_session_is_matched_by_number_only_within_its_place_and_year():
    first = import_text(
        letter("资阳市教育和体育局", "罗大成", "关于甲的建议", session="", number="第15号"), publish=True
    )
    other_city = import_text(letter("眉山市教育局", "王强", "关于乙的建议", session="", number="第15号"), publish=True)
    same_city = import_text(letter("资阳市财政局", "罗大成", "关于甲的建议", session="", number="第15号"), publish=True)
    assert other_city.reply.proposal_id != first.reply.proposal_id
    assert same_city.reply.proposal_id == first.reply.proposal_id
    assert other_city.reply.proposal.title == "关于乙的建议"


def test_a_letter_of_unknown_place_is_never_filed_under_another_places_proposal(five_cities):
    unplaced = import_text(letter("我局", "周明", "关于丙的建议").replace("我局关于", "关于"), publish=True).reply
    assert unplaced.proposal_id not in {reply.proposal_id for reply in five_cities}
    assert unplaced.proposal.title == "关于丙的建议"


def test_the_clerks_default_place_places_a_letter_that_names_none():
    text = letter("我局", "周明", "关于丁的建议", session="区政协第四届二次会议").replace("我局关于", "关于")
    reply = import_text(text, publish=True, place=place_named("广州市南沙区")).reply
    assert reply.proposal.place.path == "广东省 › 广州市 › 南沙区"
    assert reply.proposal.session.place.name == "南沙区"


def test_a_relatively_named_agency_gets_its_city_in_front():
    text = letter("市民政局", "周明", "关于养老服务的建议", session="苏州市政协十四届二次会议")
    reply = import_text(text, publish=True).reply
    assert reply.agency.name == "苏州市民政局"
    assert reply.agency.place.name == "苏州市"


# ---- drafts change nothing the public sees ---------------------------------------------------


@pytest.fixture
def published_and_draft(five_cities):
    draft_text = letter("资阳市财政局", "孙丽", "关于构建学生心理健康长效机制的建议", day=30)
    return five_cities[0], import_text(draft_text).reply


def test_a_draft_is_not_attached_to_the_published_proposal_it_matches(client, published_and_draft):
    published, draft = published_and_draft
    assert draft.proposal_id != published.proposal_id
    assert draft.proposal.is_draft
    page = client.get(published.get_absolute_url())
    assertNotContains(page, "孙丽")
    assertNotContains(client.get(published.proposal.get_absolute_url()), "孙丽")


def test_a_draft_leaves_the_home_pages_count_of_delegates_alone(five_cities):
    before = archive_totals().proposers
    import_text(letter("资阳市财政局", "孙丽", "关于构建学生心理健康长效机制的建议", day=30))
    assert archive_totals().proposers == before


def test_publishing_the_draft_joins_the_proposal_and_shows_its_proposer(client, published_and_draft):
    published, draft = published_and_draft
    draft_proposal = draft.proposal_id
    joined = publish_reply(draft)
    assert joined.pk == published.proposal_id
    assert not Proposal.objects.filter(pk=draft_proposal).exists()
    assertContains(client.get(published.get_absolute_url()), "孙丽")


def test_a_draft_from_another_city_never_joins_this_citys_proposal(five_cities):
    draft = import_text(letter("乐山市教育局", "钱进", "关于乐山的建议")).reply
    publish_reply(draft)
    assert draft.proposal_id not in {reply.proposal_id for reply in five_cities}
    assert draft.proposal.title == "关于乐山的建议"


# ---- the review page says what publishing will do ---------------------------------------------


def test_the_review_page_says_which_proposal_the_draft_will_join(admin_client, published_and_draft):
    _, draft = published_and_draft
    response = admin_client.get(f"/admin/archive/reply/{draft.pk}/change/")
    assertContains(response, "将并入已有建议提案")
    assertContains(response, "罗大成，资阳市 · 市政协五届四次会议第0070号")
    assertContains(response, "另建为新的建议提案")


def test_save_and_publish_joins_and_says_so(admin_client, published_and_draft):
    published, draft = published_and_draft
    response = review_post(admin_client, draft, _publish="1", _proposal="join")
    draft.refresh_from_db()
    assert draft.status == Reply.Status.PUBLISHED
    assert draft.proposal_id == published.proposal_id
    assertContains(response, "已发布，并入已有建议提案")


def test_keeping_a_numbered_proposal_separate_is_refused_until_the_clerk_corrects_it(admin_client, published_and_draft):
    _, draft = published_and_draft
    response = review_post(admin_client, draft, _publish="1", _proposal="separate")
    draft.refresh_from_db()
    assert draft.status == Reply.Status.DRAFT
    assertContains(response, "不能另建")


def test_publishing_a_withheld_letter_names_no_one_on_the_public_proposal(client, five_cities):
    withheld = letter("资阳市卫生健康委员会", "秘密人", "关于构建学生心理健康长效机制的建议", day=30,
                      extra="\n（不予公开）")
    reply = import_text(withheld).reply
    reply.disclosure = Reply.Disclosure.WITHHELD
    publish_reply(reply)
    assert reply.proposal_id == five_cities[0].proposal_id
    assertNotContains(client.get(five_cities[0].get_absolute_url()), "秘密人")
    assert archive_totals().proposers == 5


def test_letters_of_an_agency_that_names_no_place_are_never_merged_without_a_session():
    first = import_text(letter("市教育局", "王强", "关于甲市学校的建议", session="", number="第70号"), publish=True)
    second = import_text(letter("市教育局", "李四", "关于乙市学校的建议", session="", number="第70号"), publish=True)
    assert first.reply.proposal_id != second.reply.proposal_id
    assert second.reply.proposal.title == "关于乙市学校的建议"


def test_the_home_page_tells_same_name_members_apart_by_their_place(client, five_cities):
    page = client.get("/").content.decode()
    assert "王强委员（眉山市）" in page and "王强委员（潍坊市）" in page
