"""The upload worker lowers its CPU priority before its cluster starts, so its processes and their Tesseract runs
leave the CPU to gunicorn on a small machine (issue 19); ``UPLOAD_WORKER_NICENESS`` says how far, 0 not at all."""

import io
import os

import pytest
from django.core.management import call_command

from tests.gunicorn_server import run_with_django, server_env
from uploads.management.commands import run_upload_worker

# A child of the priority-lowered process, as a Tesseract run is one of a cluster's worker: it prints its niceness.
CHILD_NICENESS = """
import subprocess, sys
from django.conf import settings
from uploads.management.commands.run_upload_worker import lower_priority
lower_priority(settings.UPLOAD_WORKER_NICENESS)
print(subprocess.run([sys.executable, "-c", "import os; print(os.nice(0))"], capture_output=True, text=True).stdout)
"""


class FakeNice:
    """``os.nice`` on a number of its own: the test process keeps its priority, which it could not take back."""

    def __init__(self, start: int):
        self.value = start

    def __call__(self, increment: int) -> int:
        self.value += increment
        return self.value


@pytest.mark.django_db
@pytest.mark.parametrize(("setting", "start", "cluster_runs_at"), [
    (10, 0, 10),  # the default: lowered before the cluster starts
    (10, 15, 15),  # started nicer already (nice, systemd's Nice=): left there, never raised again
    (0, 0, 0),  # 0: left as it is
    (0, 5, 5),
])
def test_the_cluster_starts_at_the_configured_niceness(settings, monkeypatch, setting, start, cluster_runs_at):
    settings.UPLOAD_WORKER_NICENESS = setting
    niceness = FakeNice(start)
    monkeypatch.setattr(os, "nice", niceness)
    started = []
    monkeypatch.setattr(run_upload_worker, "call_command", lambda name: started.append((name, niceness.value)))
    output = io.StringIO()

    call_command("run_upload_worker", stdout=output)

    assert started == [("qcluster", cluster_runs_at)]
    assert ("以较低的处理器优先级运行" in output.getvalue()) == (cluster_runs_at > 0)


def test_the_processes_it_starts_inherit_the_niceness_set_in_the_environment(tmp_path):
    done = run_with_django(server_env(tmp_path, UPLOAD_WORKER_NICENESS="7"), CHILD_NICENESS, timeout=60)

    assert done.returncode == 0, done.stderr[-3000:]
    assert int(done.stdout) == max(7, os.nice(0))
