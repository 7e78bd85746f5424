"""A clerk merges or splits people and proposals in the admin when the automatic keys are wrong."""

import pytest
from django.contrib.admin.models import LogEntry

from archive.models import Person, Proposal

pytestmark = pytest.mark.django_db


def act(admin_client, model, action, objects):
    return admin_client.post(
        f"/admin/archive/{model}/", {"action": action, "_selected_action": [obj.pk for obj in objects]}, follow=True
    )


def test_merging_two_people_moves_every_proposal_to_one_and_records_it(admin_client, make_reply):
    first = make_reply(proposers=("王强",), agency="资阳市教育和体育局", session="市政协五届四次会议")
    second = make_reply(proposers=("王 强",), agency="资阳市财政局", session="市政协五届四次会议")
    people = list(Person.objects.filter(name__in=["王强", "王 强"]).order_by("pk"))
    act(admin_client, "person", "merge", people)
    survivor = Person.objects.get(pk=people[0].pk)
    assert not Person.objects.filter(pk=people[1].pk).exists()
    assert set(survivor.proposals.values_list("pk", flat=True)) == {first.proposal_id, second.proposal_id}
    assert LogEntry.objects.filter(object_id=str(survivor.pk), change_message__contains="并入提出人").exists()


def test_splitting_a_person_by_place_gives_each_place_its_own(admin_client, make_reply):
    zy = make_reply(proposers=("王强",), agency="资阳市教育和体育局", role="委员", session="市政协五届四次会议")
    ms = make_reply(proposers=("王强",), agency="眉山市教育局", role="委员", session="市政协五届四次会议")
    # As an archive made before places were keys would hold them: one person on both proposals.
    wrong = Person.objects.get(name="王强", place__name="资阳市")
    Proposal.objects.get(pk=ms.proposal_id).proposer_links.update(person=wrong)
    Person.objects.filter(name="王强", place__name="眉山市").delete()
    act(admin_client, "person", "split_by_place", [wrong])
    owners = {p.place.name: set(p.proposals.values_list("pk", flat=True)) for p in Person.objects.filter(name="王强")}
    assert owners == {"资阳市": {zy.proposal_id}, "眉山市": {ms.proposal_id}}


def test_merging_proposals_brings_their_replies_and_proposers_together(admin_client, make_reply):
    first = make_reply(proposers=("朱蓉",), session="", number="12")
    second = make_reply(proposers=("陈海光",), session="", number="13")
    act(admin_client, "proposal", "merge", [first.proposal, second.proposal])
    merged = Proposal.objects.get(pk=first.proposal_id)
    assert merged.replies.count() == 2
    assert [link.person.name for link in merged.proposer_links.all()] == ["朱蓉", "陈海光"]
    assert not Proposal.objects.filter(pk=second.proposal_id).exists()


def test_splitting_a_reply_off_gives_it_a_proposal_of_its_own(admin_client, make_reply):
    first = make_reply(proposers=("朱蓉",), number="70")
    second = make_reply(proposers=("朱蓉",), number="70", agency="慈溪市财政局")
    assert first.proposal_id == second.proposal_id
    act(admin_client, "reply", "split_from_proposal", [second])
    second.refresh_from_db()
    assert second.proposal_id != first.proposal_id
    assert [link.person.name for link in second.proposal.proposer_links.all()] == ["朱蓉"]
    assert LogEntry.objects.filter(object_id=str(second.pk), change_message__contains="拆出").exists()


def test_a_drafts_proposal_cannot_be_merged_by_hand(admin_client, make_reply):
    published = make_reply(proposers=("朱蓉",), number="70")
    draft = make_reply(proposers=("秘密人",), number="70", publish=False)
    response = act(admin_client, "proposal", "merge", [draft.proposal, published.proposal])
    assert "不能合并" in response.content.decode()
    assert Proposal.objects.filter(pk=draft.proposal_id).exists()
    assert [link.person.name for link in published.proposal.proposer_links.all()] == ["朱蓉"]


def test_splitting_a_person_who_already_proposes_there_keeps_one_link(make_reply):
    from archive.merging import split_person

    zy = make_reply(proposers=("王强",), agency="资阳市教育和体育局", role="委员", session="市政协五届四次会议")
    unplaced = Person.objects.create(name="王强", role="委员")
    zy.proposal.proposer_links.create(person=unplaced, position=1)
    split_person(unplaced, [zy.proposal], zy.proposal.place)
    assert [link.person.place.name for link in zy.proposal.proposer_links.all()] == ["资阳市"]


def test_a_split_reaches_the_search_facets(make_reply, search_index, indexed):
    from archive.merging import split_person
    from search.query import SearchParams, search

    with indexed():
        zy = make_reply(proposers=("王强",), agency="资阳市教育和体育局", role="委员", session="市政协五届四次会议")
        ms = make_reply(proposers=("王强",), agency="眉山市教育局", role="委员", session="市政协五届四次会议")
    wrong = Person.objects.get(name="王强", place__name="资阳市")
    meishan = Person.objects.get(name="王强", place__name="眉山市")
    with indexed():  # as an archive made before places were keys would hold them, and its index too
        ms.proposal.proposer_links.update(person=wrong)
        meishan.delete()
        ms.save()
    assert search(SearchParams(filters={"proposer": ["王强（资阳市）"]})).total == 2
    with indexed():
        split_person(wrong, [ms.proposal], ms.proposal.place)
    assert search(SearchParams(filters={"proposer": ["王强（眉山市）"]})).total == 1
    assert search(SearchParams(filters={"proposer": ["王强（资阳市）"]})).total == 1
    assert zy.proposal_id != ms.proposal_id
