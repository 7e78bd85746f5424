"""Fault: a gunicorn worker is killed (SIGKILL: out of memory, a mistaken kill) while clerks upload and visitors read.

The master replaces it and the site answers again within seconds; the kill costs only the one
request that worker was serving; every upload that was answered "saved" is there, and no reply
exists without its proposal, agency and sections. On a throw-away SQLite archive, as `make run`
sets one up.
"""

import http.client
import http.cookiejar
import json
import os
import random
import re
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest

from archive.parsing import parse_reply
from benchmarks.corpus import letter_text
from tests.gunicorn_server import collect_static, gunicorn, manage, server_env

pytestmark = pytest.mark.slow

PASSWORD = "clerk-pass-2024"
SETUP = f"""
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from search.indexing import rebuild
call_command("migrate", verbosity=0)
call_command("loaddata", "seed_replies", verbosity=0)
call_command("create_clerk_group", verbosity=0)
clerk = User.objects.create_user("clerk", password="{PASSWORD}", is_staff=True)
clerk.groups.add(Group.objects.get(name="办理人员"))
rebuild()
"""
# Each uploaded letter carries its serial as its document number; this reads back what the database holds.
REPORT = """
import json, re
from archive.models import Reply
rows = Reply.objects.filter(uploaded_by__isnull=False).select_related("proposal", "agency")
print(json.dumps([{"pk": r.pk, "serial": int(re.search(r"〔\\d{4}〕(\\d+)号", r.raw_text)[1]),
                   "sections": r.sections.count(), "proposal": bool(r.proposal and r.proposal.title),
                   "agency": r.agency is not None} for r in rows]))
"""


@dataclass
class Request:
    started: float
    ok: bool
    serial: int | None = None  # an upload's letter
    pk: int | None = None  # the reply an upload was saved as


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the answer we want to read, not follow


class Clerk:
    """A clerk's browser session: logs in, then uploads pasted letters through the admin's upload page."""

    def __init__(self, base: str):
        self.base, self.cookies = base, http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)
        self.opener.open(base + "/admin/login/", timeout=30).read()
        assert self.post("/admin/login/", username="clerk", password=PASSWORD, next="/admin/")[0] == 302

    def post(self, path: str, **fields) -> tuple[int, str]:
        token = next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        try:
            with self.opener.open(self.base + path, data=data, timeout=30) as response:
                return response.status, ""
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Location", "")

    def upload(self, text: str) -> int | None:
        """The saved reply's id, or None when the upload got no "saved" answer."""
        try:
            status, location = self.post("/admin/archive/reply/upload/", text=text)
        except (OSError, http.client.HTTPException):
            return None  # the connection was cut
        saved = re.fullmatch(r"/admin/archive/reply/(\d+)/change/", location)
        return int(saved[1]) if status == 302 and saved else None


def test_a_killed_worker_is_replaced_and_loses_no_saved_reply(tmp_path):
    env = server_env(tmp_path)
    manage(env, SETUP)
    collect_static(env)
    rng = random.Random(7)
    letters = {serial: letter_text(rng, serial) for serial in range(1_000_000, 1_000_200)}
    serials = iter(letters)
    log: list[Request] = []
    lock, stop = threading.Lock(), threading.Event()

    with gunicorn(env, tmp_path / "gunicorn.log", workers=2) as server:
        def uploader(clerk):
            while not stop.is_set():
                with lock:
                    serial = next(serials)
                started = time.monotonic()
                pk = clerk.upload(letters[serial])
                with lock:
                    log.append(Request(started, pk is not None, serial, pk))

        def reader():
            pages = ["/replies/1/", "/search/?q=" + urllib.parse.quote("心理"), "/"]
            for n in range(10_000):
                if stop.is_set():
                    return
                started = time.monotonic()
                ok = server.get(pages[n % len(pages)], timeout=30).status == 200
                with lock:
                    log.append(Request(started, ok))

        clerks = [Clerk(server.base), Clerk(server.base)]  # logged in before the fault
        threads = [threading.Thread(target=uploader, args=(clerk,), daemon=True) for clerk in clerks]
        threads.append(threading.Thread(target=reader, daemon=True))
        for thread in threads:
            thread.start()
        try:
            server.wait_for(lambda: sum(r.pk is not None for r in log) >= 2, 60, "two uploads saved")
            victim = server.busy_worker()
            killed_at = time.monotonic()
            os.kill(victim, signal.SIGKILL)
            server.wait_for(lambda: victim not in server.workers() and len(server.workers()) == 2, 10,
                            "a new worker in place of the killed one")
            server.wait_for(lambda: server.get("/replies/1/").status == 200, 10, "the site answering again")
            recovered_at = time.monotonic()
            server.wait_for(lambda: sum(r.started > recovered_at and r.serial is not None for r in log) >= 4
                            and sum(r.started > recovered_at and r.serial is None for r in log) >= 4,
                            90, "four uploads and four reads after recovery")
            assert all(thread.is_alive() for thread in threads)  # none died of an unexpected error
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads)
        saved = {row["pk"]: row for row in json.loads(manage(env, REPORT))}

    failed = [r for r in log if not r.ok]
    answered_saved = {r.pk: r.serial for r in log if r.pk is not None}
    assert recovered_at - killed_at < 5
    # The one request the dead worker was serving, cut; nothing else, and nothing after the new worker came.
    assert len(failed) == 1 and failed[0].started < killed_at
    assert answered_saved.keys() <= saved.keys()
    assert all(saved[pk]["serial"] == serial for pk, serial in answered_saved.items())
    assert len({row["serial"] for row in saved.values()}) == len(saved)  # nothing saved twice
    for row in saved.values():  # nothing half-saved
        expected_sections = len(parse_reply(letters[row["serial"]]).sections)
        assert (row["sections"], row["proposal"], row["agency"]) == (expected_sections, True, True), row
