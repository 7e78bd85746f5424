"""Fault: the PostgreSQL server stops for a while under a running gunicorn, then comes back.

While it is down, pages that need it answer the Chinese error page (no traceback) and /healthz
answers 503; when it is back, the same gunicorn workers answer again by themselves, with every
reply saved before. Needs the server's pg_ctl: scripts/with_postgres.sh exports it.
"""

import os
import shlex
import subprocess
import urllib.parse

import pytest
from django.db import connection

from archive.models import Reply
from tests.gunicorn_server import collect_static, gunicorn, server_env

PG_CTL = os.environ.get("ARCHIVE_TEST_PG_CTL", "")

pytestmark = [
    pytest.mark.skipif(not PG_CTL, reason="needs a PostgreSQL server it may stop: run under scripts/with_postgres.sh"),
    pytest.mark.usefixtures("search_index"),
]

SEARCH = "/search/?q=" + urllib.parse.quote("湿地")


def pg_ctl(*args: str) -> None:
    subprocess.run([*shlex.split(PG_CTL), *args], check=True, capture_output=True, timeout=60)


def database_url() -> str:
    # The test database pytest-django made (test_…), where this test's replies are committed.
    db = connection.settings_dict
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Outage:
    """Stops the server and starts it again; started again at teardown whatever happened, for the flush."""

    stopped = False

    def stop(self):
        connection.close()  # our own connection would die with the server
        pg_ctl("stop", "-m", "fast", "-w")
        self.stopped = True

    def end(self):
        pg_ctl("start", "-w")
        self.stopped = False


@pytest.fixture
def outage():
    outage = Outage()
    yield outage
    if outage.stopped:
        outage.end()


def test_pages_answer_again_by_themselves_when_the_database_comes_back(transactional_db, make_reply, tmp_path, outage):
    replies = [make_reply(title=f"关于保护湿地第{n}项的建议") for n in range(3)]  # committed, and indexed on commit
    env = server_env(tmp_path, DATABASE_URL=database_url())  # its index is the search_index fixture's folder
    collect_static(env)
    page = f"/replies/{replies[0].pk}/"

    with gunicorn(env, tmp_path / "gunicorn.log", workers=2) as server:
        assert [server.get(path).status for path in (page, "/healthz", SEARCH)] == [200, 200, 200]
        workers = server.workers()

        outage.stop()
        down_pages, down_health = [server.get(page), server.get(SEARCH)], server.get("/healthz")

        outage.end()
        server.wait_for(lambda: server.get(page).status == 200, 10, "the reply page answering again")
        after = [server.get(path) for path in (page, "/healthz", SEARCH)]

        assert [answer.status for answer in down_pages] == [500, 500]
        assert all("暂时无法显示" in answer.body for answer in down_pages)
        assert not any("Traceback" in answer.body or "psycopg" in answer.body for answer in down_pages)
        assert down_health.status == 503 and down_health.content_type == "application/json"
        assert down_health.json()["database"].startswith("error")
        assert [answer.status for answer in after] == [200, 200, 200]
        assert after[1].json()["counts_agree"] is True
        assert server.workers() == workers  # no restart: the same workers recovered
        assert all(server.get(f"/replies/{reply.pk}/").status == 200 for reply in replies)

    assert set(Reply.objects.values_list("pk", flat=True)) == {reply.pk for reply in replies}
