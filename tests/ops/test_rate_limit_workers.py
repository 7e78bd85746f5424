"""The API's limit holds across gunicorn workers (issue 18): every worker counts in the one cache they share.

Before, each worker counted in its own memory: a client whose requests went to two workers got twice the limit
before a 429. Here the production gunicorn runs two workers on a throw-away archive; each client is an address
forwarded by a trusted proxy on 127.0.0.1, so every test counts afresh.
"""

import itertools
import os
import signal
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from django_ratelimit.core import get_usage

from search.ratelimit import WINDOW_SECONDS
from tests.gunicorn_server import collect_static, gunicorn, manage, server_env

pytestmark = pytest.mark.slow  # migrate, collectstatic and a gunicorn start: ~15 s

LIMIT = 20
DOOR = "/api/v1/agencies/1/"  # behind the API's limit, and cheap: a JSON 404 on an empty archive
_addresses = (f"203.0.113.{n}" for n in itertools.count(1))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rate-limit-workers")
    env = server_env(folder / "data", SEARCH_API_RATE_LIMIT=str(LIMIT), TRUSTED_PROXIES="127.0.0.1")
    manage(env, 'from django.core.management import call_command\ncall_command("migrate", verbosity=0)')
    collect_static(env)
    with gunicorn(env, folder / "gunicorn.log", workers=2) as running:
        yield running


def new_client() -> str:
    """An address not used before whose minute has 20 s left, so the test's requests all fall within it."""
    for address in _addresses:
        window = get_usage(None, group="window", key=lambda group, request: address, rate=(1, WINDOW_SECONDS))
        if window["time_left"] >= 20:
            return address


def ask(server, client: str) -> int:
    request = urllib.request.Request(server.base + DOOR, headers={"X-Forwarded-For": client})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


@contextmanager
def only(server, worker: int):
    """Every other worker stopped (SIGSTOP): it accepts no connection, so ``worker`` serves every request.

    Each is stopped once its last request is over (its connection closed), database connection closed included:
    stopped halfway through, it could hold a lock the serving worker waits for."""
    others = server.workers() - {worker}
    server.wait_for(lambda: all(server.idle(pid) for pid in others), 5, "the other workers finishing their requests")
    for pid in others:
        os.kill(pid, signal.SIGSTOP)
    try:
        server.wait_for(lambda: all(_state(pid) == "T" for pid in others), 5, "the other workers stopping")
        yield
    finally:
        for pid in others:
            os.kill(pid, signal.SIGCONT)


def test_requests_served_by_two_workers_share_one_limit(server):
    client = new_client()
    first, second = sorted(server.workers())

    with only(server, first):
        statuses = [ask(server, client) for _ in range(LIMIT // 2)]
    with only(server, second):
        statuses += [ask(server, client) for _ in range(LIMIT - LIMIT // 2 + 1)]

    assert statuses == [404] * LIMIT + [429]


def test_requests_at_once_over_both_workers_lose_no_count(server):
    # Two workers counting one client at the same moment: Django's file cache lost such counts (config/cache.py).
    client = new_client()

    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda _: ask(server, client), range(LIMIT + 10)))

    assert statuses.count(404) == LIMIT
    assert statuses.count(429) == 10
