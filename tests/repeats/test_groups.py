"""Repeat groups as readers and clerks meet them: one issue across places, hard negatives, removals, hidden replies."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from archive.models import Reply
from repeats.models import Membership, RepeatGroup
from repeats.stats import largest_groups

# One demand raised in four cities, in other words each time (the agency's name gives the city).
PSYCHOLOGY = [
    ("关于加强中小学心理健康教育的建议", "眉山市教育和体育局", "2022-06-20",
     "全市中小学均建成心理辅导室，配备专兼职心理健康教师，每学期开展学生心理健康筛查，建立心理危机预警和干预机制。"),
    ("构建学生心理健康长效机制的提案", "绵阳市教育和体育局", "2023-07-05",
     "会同卫健部门建立学生心理健康家校医协同机制，开展心理普查全覆盖，组织班主任和心理教师参加心理危机干预培训。"),
    ("关于配齐中小学专职心理健康教师的建议", "潍坊市教育局", "2024-06-12",
     "全市中小学专职心理健康教师缺口较大，计划三年内每所中小学至少配备1名专职心理教师，开设心理健康课。"),
    ("关于重视青少年学生心理健康问题的建议", "德州市教育和体育局", "2025-05-30",
     "每学期开展学生心理健康测评，心理辅导室全覆盖，专兼职心理教师开展心理危机干预，家校共同关注学生心理健康。"),
]
# The same schools, another demand; and the same agency's another demand.
LUNCH = ("关于改善中小学生午餐质量的建议", "绵阳市教育和体育局", "2024-06-18",
         "对全市学校食堂和校外供餐企业开展专项检查，推行陪餐制度和膳食委员会制度，按照学生营养膳食指南调整食谱。")
ROADS = [
    ("关于加强农村公路养护管理的建议", "桐庐县交通运输局", "2021-06-10",
     "全面推行农村公路路长制，每年安排农村公路养护资金，建立专业养护队伍，对路面坑槽限时修复。"),
    ("关于建立农村公路管养长效机制的提案", "宜宾市交通运输局", "2023-06-28",
     "针对农村公路重建轻养问题，推动各县区将农村公路养护资金纳入财政预算，聘用村级护路员开展日常养护。"),
]


@pytest.fixture
def letter(make_reply):
    def make(title, agency, date, measures, **fields):
        body = f"您提出的《{title}》收悉。我局高度重视，现答复如下：{measures}感谢您对我们工作的关心和支持。"
        return make_reply(title=title, agency=agency, date=date, body_text=body, proposers=(f"{agency[:2]}代表",),
                          **fields)

    return make


def regroup():
    call_command("group_repeats", stdout=StringIO())


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def page_of(client, proposal) -> str:
    group = Membership.objects.active().get(proposal=proposal).group
    return text_of(client.get(group.get_absolute_url()))


def test_the_five_seed_letters_form_one_group_whose_page_lists_all_five_with_their_result_classes(client, seed_replies):
    regroup()

    group = RepeatGroup.objects.get()
    response = client.get(group.get_absolute_url())
    html, text = response.content.decode(), text_of(response)
    assert "同类建议提案" in text
    assert "这一问题自 2022 年以来已在 5 个地方提出 5 次" in text
    for reply in Reply.objects.select_related("proposal"):
        assert reply.proposal.title in text and reply.get_absolute_url() in html
    for place in ["慈溪市", "资阳市", "南沙区", "长春市", "信阳市"]:
        assert place in text
    assert "正在解决" in text and "已解决/基本解决" in text and text.count("办理结果未注明") == 3


def test_a_seed_proposal_page_says_how_often_and_where_its_issue_was_raised(client, seed_replies):
    regroup()
    reply = Reply.objects.get(result_class=Reply.ResultClass.SOLVED)  # 信阳市's letter

    response = client.get(reply.proposal.get_absolute_url())

    group = RepeatGroup.objects.get()
    assert f'href="{group.get_absolute_url()}"' in response.content.decode()
    text = text_of(response)
    assert "这一问题自 2022 年以来已在 5 个地方提出 5 次" in text
    assert "构建学生心理健康长效机制的建议 · 资阳市" in text and "正在解决" in text


def test_a_hard_negative_from_another_city_stays_out_of_the_group(client, letter):
    psychology = [letter(*fields) for fields in PSYCHOLOGY[:3]]
    lunch = letter(*LUNCH)
    regroup()

    text = page_of(client, psychology[0].proposal)

    assert all(fields[0] in text for fields in PSYCHOLOGY[:3])
    assert "午餐" not in text
    assert not Membership.objects.filter(proposal=lunch.proposal).exists()
    assert "同类建议提案" not in text_of(client.get(lunch.proposal.get_absolute_url()))


def test_two_issues_make_two_groups_and_the_largest_comes_first(letter):
    for fields in PSYCHOLOGY[:3] + ROADS:
        letter(*fields)
    regroup()

    issues = largest_groups(5)

    assert [(issue.proposals, issue.places) for issue in issues] == [(3, 3), (2, 2)]
    assert "心理健康" in issues[0].label and "农村公路" in issues[1].label
    assert largest_groups(1) == issues[:1]


def test_a_clerks_removal_sticks_after_regrouping(client, clerk, letter):
    clerk_client = Client()
    clerk_client.force_login(clerk)
    replies = [letter(*fields) for fields in PSYCHOLOGY]
    regroup()
    group = RepeatGroup.objects.get()
    wrong = Membership.objects.get(proposal=replies[3].proposal)

    page = clerk_client.get(f"/admin/repeats/repeatgroup/{group.pk}/change/")
    assert page.status_code == 200
    rows = list(group.memberships.order_by("pk"))
    data = {"memberships-TOTAL_FORMS": len(rows), "memberships-INITIAL_FORMS": len(rows),
            "memberships-MIN_NUM_FORMS": 0, "memberships-MAX_NUM_FORMS": 1000}
    for n, membership in enumerate(rows):
        data[f"memberships-{n}-id"] = membership.pk
        data[f"memberships-{n}-group"] = group.pk
        if membership == wrong:
            data[f"memberships-{n}-removed_by_clerk"] = "on"
    assert clerk_client.post(f"/admin/repeats/repeatgroup/{group.pk}/change/", data).status_code == 302
    regroup()
    regroup()

    assert RepeatGroup.objects.get().pk == group.pk  # the group keeps its address
    text = text_of(client.get(group.get_absolute_url()))
    assert PSYCHOLOGY[3][0] not in text
    assert "已在 3 个地方提出 3 次" in text
    assert Membership.objects.get(proposal=replies[3].proposal).removed_by_clerk


@pytest.mark.parametrize("hidden", [{"publish": False}, {"disclosure": Reply.Disclosure.ON_REQUEST}],
                         ids=["draft", "依申请公开"])
def test_a_draft_or_a_letter_on_request_is_never_on_a_group_page(client, letter, hidden):
    replies = [letter(*fields) for fields in PSYCHOLOGY[:2]]
    letter(*PSYCHOLOGY[2], **hidden)
    regroup()

    text = page_of(client, replies[0].proposal)

    assert PSYCHOLOGY[2][0] not in text and "潍坊" not in text
    assert "已在 2 个地方提出 2 次" in text


def test_a_reply_hidden_after_grouping_leaves_the_group_page_at_once(client, letter):
    replies = [letter(*fields) for fields in PSYCHOLOGY[:3]]
    regroup()
    group = RepeatGroup.objects.get()

    replies[2].disclosure = Reply.Disclosure.WITHHELD
    replies[2].save()
    assert PSYCHOLOGY[2][0] not in text_of(client.get(group.get_absolute_url()))

    replies[1].status = Reply.Status.DRAFT
    replies[1].save()
    # One public proposal is no repeat: the page answers as a missing one, and the proposal page says nothing.
    assert client.get(group.get_absolute_url()).status_code == 404
    assert "同类建议提案" not in text_of(client.get(replies[0].proposal.get_absolute_url()))


def test_a_newly_published_proposal_joins_its_group_at_once(client, letter, django_capture_on_commit_callbacks):
    first = [letter(*fields) for fields in PSYCHOLOGY[:3]]
    letter(*ROADS[0])
    regroup()

    with django_capture_on_commit_callbacks(execute=True):
        late = letter(*PSYCHOLOGY[3])
        letter(*LUNCH)

    assert Membership.objects.active().get(proposal=late.proposal).group == Membership.objects.get(
        proposal=first[0].proposal).group
    assert Membership.objects.count() == 4  # neither the lunch nor the road joined a group
    assert "已在 4 个地方提出 4 次" in page_of(client, first[0].proposal)


def test_a_group_number_too_long_for_the_database_is_a_404(client):
    assert client.get("/issues/123456789012345678901/").status_code == 404


@pytest.mark.parametrize("letters", [[], [PSYCHOLOGY[0]], [PSYCHOLOGY[0], LUNCH]], ids=["empty", "one", "unrelated"])
def test_an_archive_without_repeats_has_no_groups(letter, letters):
    for fields in letters:
        letter(*fields)

    regroup()

    assert not RepeatGroup.objects.exists() and largest_groups(10) == []


@pytest.mark.parametrize("hide", [
    lambda reply: setattr(reply, "status", Reply.Status.DRAFT),
    lambda reply: setattr(reply, "disclosure", Reply.Disclosure.ON_REQUEST),
], ids=["draft", "依申请公开"])
def test_a_label_whose_letter_is_hidden_after_grouping_is_on_no_public_page(client, letter, hide):
    replies = [letter(*fields) for fields in PSYCHOLOGY]
    regroup()
    group = RepeatGroup.objects.get()
    labelling = next(reply for reply in replies if reply.proposal.title == group.label)

    hide(labelling)
    labelling.save()

    public_titles = {reply.proposal.title for reply in replies if reply != labelling}
    page = client.get(group.get_absolute_url()).content.decode()
    assert group.label not in page
    assert re.search(r"<h1>(.*?)</h1>", page).group(1) in public_titles  # named after a letter still public
    stats = client.get("/stats/").content.decode()
    assert group.label not in stats and any(title in stats for title in public_titles)
    issues_csv = client.get("/stats/issues.csv").content.decode("utf-8-sig")
    assert group.label not in issues_csv and issues_csv.splitlines()[1].split(",")[0] in public_titles
