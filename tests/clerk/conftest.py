import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from archive.management.commands.create_clerk_group import CLERK_GROUP


@pytest.fixture
def clerk(db):
    call_command("create_clerk_group", verbosity=0)
    user = User.objects.create_user("clerk", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=CLERK_GROUP))
    return user


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client
