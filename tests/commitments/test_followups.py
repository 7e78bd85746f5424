"""后续答复: a commitment links to the later public reply of the same agency on the same or a related proposal."""

from contextlib import suppress

import pytest
from django.db import transaction
from pytest_django.asserts import assertContains, assertNotContains

from archive.models import Reply
from archive.publishing import publish_reply
from commitments.models import Commitment

pytestmark = pytest.mark.django_db

TITLE = "关于加快农村公路提档升级的建议"


def first_answer(make_reply, **fields):
    return make_reply(agency="绵阳市交通运输局", title=TITLE, session="市八届人大三次会议", number="0118",
                      date="2023-06-15", next_steps="我局将争取省级补助资金，2023年计划完成农村公路提档升级1000公里。",
                      **fields)


def later_answer(make_reply, **fields):
    fields = {"agency": "绵阳市交通运输局", "title": TITLE, "session": "市八届人大三次会议", "number": "118",
              "date": "2024-03-20", "reply_kind": "跟踪答复", **fields}
    return make_reply(**fields)


def test_the_follow_up_link_appears_when_the_later_reply_on_the_same_proposal_is_published(client, make_reply,
                                                                                           committed):
    earlier = first_answer(make_reply)
    later = later_answer(make_reply, publish=False)
    assertNotContains(client.get(earlier.get_absolute_url()), "后续答复")

    with committed():
        publish_reply(later)

    response = client.get(earlier.get_absolute_url())
    assertContains(response, f'<a href="{later.get_absolute_url()}">后续答复：绵阳市交通运输局，2024年3月20日</a>',
                   html=True)


def test_a_later_reply_of_another_agency_is_no_follow_up(client, make_reply):
    earlier = first_answer(make_reply)
    later_answer(make_reply, agency="绵阳市财政局")
    assertNotContains(client.get(earlier.get_absolute_url()), "后续答复")


def test_an_earlier_reply_is_no_follow_up(make_reply):
    later_answer(make_reply, date="2023-01-10")
    earlier = first_answer(make_reply)
    assert earlier.commitments.get().follow_up is None


def test_withdrawing_the_follow_up_takes_the_link_away(client, make_reply, committed):
    earlier = first_answer(make_reply)
    later = later_answer(make_reply)
    assert earlier.commitments.get().follow_up == later
    later.status = Reply.Status.DRAFT
    with committed():
        later.save()
    assert earlier.commitments.get().follow_up is None
    assertNotContains(client.get(earlier.get_absolute_url()), "后续答复")


def test_a_reply_on_a_related_proposal_follows_up_the_commitments_that_name_its_topic(make_reply, committed):
    earlier = make_reply(agency="绵阳市交通运输局", title=TITLE, date="2023-06-15",
                         next_steps="一是推进农村公路窄路加宽。二是加强客运站点建设。")
    other = make_reply(agency="绵阳市交通运输局", title="关于改造农村危桥的建议", date="2024-05-08")
    topics = {earlier: ["农村公路", "危桥", "窄路", "客运"], other: ["农村公路", "危桥", "窄路", "桥梁"]}
    with committed():
        for reply, words in topics.items():
            reply.keywords = words
            reply.save(update_fields=["keywords"])
    by_text = {c.text[:4]: c.follow_up_id for c in Commitment.objects.filter(reply=earlier)}
    assert by_text == {"推进农村": other.pk, "加强客运": None}  # 客运 is not among the words they share


def test_editing_the_next_steps_derives_the_commitments_again(make_reply):
    reply = first_answer(make_reply)
    reply.next_steps = "一是年底前完成危桥改造；二是明年完成窄路加宽。"
    reply.save()
    assert list(reply.commitments.values_list("deadline", flat=True)) == ["年底前", "明年"]


class RolledBack(Exception):
    pass


def test_a_transaction_links_the_follow_ups_once_per_agency_when_it_commits(make_reply, committed, monkeypatch):
    from commitments import followups

    refreshed = []
    refresh = followups.refresh_follow_ups
    monkeypatch.setattr(followups, "refresh_follow_ups",
                        lambda agency_id, **kwargs: refreshed.append(agency_id) or refresh(agency_id, **kwargs))
    earlier = first_answer(make_reply)
    drafts = [later_answer(make_reply, publish=False),
              later_answer(make_reply, title="关于农村公路养护的建议", number="0120", date="2024-05-08", publish=False),
              make_reply(agency="绵阳市财政局", title=TITLE, date="2024-04-01", next_steps="我局将年底前拨付补助资金。",
                         publish=False)]
    refreshed.clear()

    with committed(), transaction.atomic():
        for draft in drafts:
            publish_reply(draft)
        assert refreshed == [] and earlier.commitments.get().follow_up is None  # not before the commit

    assert sorted(refreshed) == sorted({earlier.agency_id, drafts[2].agency_id})
    assert earlier.commitments.get().follow_up == drafts[0]


def test_a_rolled_back_save_links_nothing_and_the_next_one_links_at_commit(make_reply, committed):
    earlier = first_answer(make_reply)
    later = later_answer(make_reply, publish=False)

    with committed(), transaction.atomic():
        with suppress(RolledBack), transaction.atomic():
            publish_reply(later)
            raise RolledBack
        assert earlier.commitments.get().follow_up is None
        later.refresh_from_db()
        publish_reply(later)

    assert earlier.commitments.get().follow_up == later
