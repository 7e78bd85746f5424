"""Public means public, for the repeat groups' pages: a draft or a 依申请公开 letter on a group's issue is never
on /issues/<id>/, whose group the regrouping command made of the public letters alone.

Five letters on one issue (鹈鹕湿地), each of its own city: three public, one draft, one published 依申请公开.
"""

import re

import pytest
from django.core.management import call_command

from archive.models import Reply
from repeats.models import Membership, RepeatGroup

WORD = "鹈鹕湿地"
PUBLIC, SECOND, THIRD, DRAFT, ON_REQUEST = "公开甲", "公开丁", "公开戊", "草稿乙", "依申请丙"
CITY = {PUBLIC: "资阳市", SECOND: "绵阳市", THIRD: "宜宾市", DRAFT: "眉山市", ON_REQUEST: "潍坊市"}


@pytest.fixture
def replies(make_reply):
    def make(tag, **fields):
        title = f"关于保护{WORD}{tag}的建议"
        return make_reply(
            title=title, agency=f"{CITY[tag]}林业局", proposers=(f"{tag}代表人",),
            body_text=f"您提出的《{title}》收悉。现答复如下：{WORD}是候鸟迁徙的重要栖息地，我局划定{WORD}保护范围，"
            f"开展{WORD}生态修复，禁止在{WORD}内围垦和捕猎鹈鹕等候鸟。",
            **fields,
        )

    made = {tag: make(tag) for tag in (PUBLIC, SECOND, THIRD)}
    made[DRAFT] = make(DRAFT, publish=False)
    made[ON_REQUEST] = make(ON_REQUEST, disclosure=Reply.Disclosure.ON_REQUEST)
    call_command("group_repeats", verbosity=0)
    return made


def group_page(client, replies) -> str:
    group = Membership.objects.active().get(proposal=replies[PUBLIC].proposal).group
    response = client.get(f"/issues/{group.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_public_letters_on_the_issue_make_one_group_whose_page_lists_them(client, replies):
    page = group_page(client, replies)

    assert RepeatGroup.objects.count() == 1
    for tag in (PUBLIC, SECOND, THIRD):
        assert tag in page and CITY[tag] in page and replies[tag].get_absolute_url() in page
    assert "已在 3 个地方提出 3 次" in re.sub(r"<[^>]+>", "", page)


@pytest.mark.parametrize("hidden", [DRAFT, ON_REQUEST])
def test_a_draft_or_a_letter_on_request_is_never_on_the_groups_page(client, replies, hidden):
    page = group_page(client, replies)

    assert not Membership.objects.filter(proposal=replies[hidden].proposal).exists()
    reply = replies[hidden]
    for trace in (hidden, CITY[hidden], reply.get_absolute_url(), reply.proposal.get_absolute_url()):
        assert trace not in page
