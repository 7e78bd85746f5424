"""What the clerks' group may and may not do in the admin."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command

from archive.models import Reply


def test_a_clerk_can_add_change_and_publish_but_not_delete_replies_or_manage_users(clerk):
    assert clerk.has_perms(["archive.add_reply", "archive.change_reply", "archive.add_agency", "archive.change_person"])
    assert not clerk.has_perm("archive.delete_reply")
    assert not clerk.has_perm("auth.add_user") and not clerk.has_perm("auth.change_user")


def test_the_user_admin_is_closed_to_a_clerk(clerk_client):
    assert clerk_client.get("/admin/auth/user/").status_code == 403


def test_creating_the_group_twice_changes_nothing(clerk):
    before = set(clerk.get_all_permissions())
    call_command("create_clerk_group", verbosity=0)
    assert set(type(clerk).objects.get(pk=clerk.pk).get_all_permissions()) == before


@pytest.mark.usefixtures("search_index")
def test_publishing_and_withdrawing_from_the_list_is_recorded_in_the_history(clerk_client, make_reply):
    reply = make_reply(publish=False)

    clerk_client.post("/admin/archive/reply/", {"action": "publish", "_selected_action": [reply.pk]})
    reply.refresh_from_db()
    assert reply.status == Reply.Status.PUBLISHED

    clerk_client.post("/admin/archive/reply/", {"action": "unpublish", "_selected_action": [reply.pk]})
    reply.refresh_from_db()
    assert reply.status == Reply.Status.DRAFT
    assert LogEntry.objects.filter(object_id=str(reply.pk)).count() == 2
