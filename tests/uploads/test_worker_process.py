"""The real worker: ``manage.py run_upload_worker`` in a process of its own reads a queued upload into a draft."""

import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from benchmarks.http_load import ROOT
from tests.conftest import SEED_LETTERS
from tests.gunicorn_server import manage, server_env

QUEUE_ONE = f"""
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from uploads.intake import accept
clerk = User.objects.create_user("clerk", is_staff=True)
letter = open({str(SEED_LETTERS / "001_d56d4c687b8b565e.txt")!r}, "rb").read()
accept([SimpleUploadedFile("zy.txt", letter)], user=clerk)
"""


def upload_state(database) -> tuple:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT state, error, (SELECT count(*) FROM archive_reply) FROM uploads_upload"
        ).fetchone()


@pytest.mark.slow
def test_the_worker_process_reads_a_queued_upload_and_stops_on_sigterm(tmp_path):
    env = server_env(tmp_path, UPLOAD_WORKERS="1")
    manage(env, "from django.core.management import call_command; call_command('migrate', verbosity=0)", timeout=300)
    manage(env, QUEUE_ONE)
    worker = subprocess.Popen([sys.executable, "manage.py", "run_upload_worker"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        while upload_state(tmp_path / "archive.sqlite3")[0] != "ready" and time.monotonic() < deadline:
            assert worker.poll() is None, worker.stdout.read()
            time.sleep(0.5)
        assert upload_state(tmp_path / "archive.sqlite3") == ("ready", "", 1)
    finally:
        worker.send_signal(signal.SIGTERM)  # to the process alone, as make run's trap and systemd (KillMode=mixed) do
        output = worker.communicate(timeout=60)[0]
    assert worker.returncode == 0, output[-3000:]
