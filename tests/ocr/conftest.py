from tests.clerk.conftest import clerk_client  # noqa: F401  (the clerk's logged-in client, for uploads)


