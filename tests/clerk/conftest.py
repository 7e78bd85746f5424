import pytest


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client
