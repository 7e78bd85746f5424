"""One writer of the index, guaranteed by the operating system (issue 13.10).

A second indexer started beside a running one waits for it instead of writing; an indexer whose
supervisor is killed (``kill -9``) does not outlive it. Real processes on a throw-away data dir,
local only, every wait bounded.
"""

import fcntl
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow
PYTHON = [sys.executable, str(ROOT / "manage.py")]

SAVE = textwrap.dedent("""
    from archive.ingest import save_parsed_reply
    from archive.parsing import ParsedReply
    parsed = ParsedReply(proposer_names=["罗大成"], proposer_role="代表", body="人大", proposal_number="70",
                         session="市五届人大四次会议", proposal_title="构建学生心理健康长效机制的建议",
                         agency="资阳市教育和体育局", date="2024-06-20", body_text="五育并举，双减落实。")
    save_parsed_reply(parsed, raw_text=parsed.body_text, publish=True)
""")


def children(pid: int) -> set[int]:
    """The live (not zombie) children of a process."""
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return set()
    return {int(child) for child in listed if alive(int(child))}


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds} s: {what}")


def held(lock_file: Path) -> bool:
    """Whether another process holds this flock (we take it only for an instant to find out)."""
    if not lock_file.exists():
        return False
    with open(lock_file, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def pending(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / "archive.sqlite3", timeout=30) as db:
        return db.execute("SELECT count(*) FROM search_indexqueue WHERE processed_at IS NULL").fetchone()[0]


@pytest.fixture
def archive(tmp_path):
    """A migrated, empty archive in a temporary data dir; every process started here is killed at the end."""
    data_dir = tmp_path / "data"
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "config.settings",
           "SEARCH_LOAD_JIEBA_AT_STARTUP": "0", "SEARCH_DRAIN_ON_COMMIT": "0", "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)
    subprocess.run([*PYTHON, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True, timeout=120)
    started: list[subprocess.Popen] = []

    def indexer(name: str) -> subprocess.Popen:
        with open(tmp_path / f"{name}.log", "w") as log:  # the child keeps its own copy of the descriptor
            process = subprocess.Popen([*PYTHON, "run_search_indexer", "--interval=0.1"], env=env, cwd=ROOT,
                                       stdout=log, stderr=subprocess.STDOUT)
        started.append(process)
        return process

    def worker_of(supervisor: subprocess.Popen) -> int:
        return wait_for(lambda: next(iter(children(supervisor.pid)), None), 30, "the supervisor's worker")

    def save_reply():
        subprocess.run([*PYTHON, "shell", "-c", SAVE], env=env, cwd=ROOT, check=True, timeout=120)

    yield data_dir, indexer, worker_of, save_reply
    for process in started:
        workers = children(process.pid)
        for pid in [process.pid, *workers]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        process.wait(10)


def test_a_second_indexer_waits_while_the_first_holds_the_lock(archive, tmp_path):
    data_dir, indexer, worker_of, save_reply = archive
    lock_file = data_dir / "search" / "indexer.lock"
    first = indexer("first")
    first_worker = worker_of(first)
    wait_for(lambda: held(lock_file), 30, "the first indexer holding the lock")
    os.kill(first_worker, signal.SIGSTOP)  # holds the lock, writes nothing: whatever is written now is the second's

    second = indexer("second")
    second_worker = worker_of(second)
    wait_for(lambda: "等待" in (tmp_path / "second.log").read_text(), 30, "the second indexer saying it waits")
    save_reply()
    time.sleep(2)  # ample for a running indexer (it polls every 0.1 s)

    assert alive(second_worker)
    assert pending(data_dir) > 0  # the second indexer did not write

    os.kill(first.pid, signal.SIGKILL)  # the first indexer goes, supervisor and worker
    os.kill(first_worker, signal.SIGKILL)
    wait_for(lambda: pending(data_dir) == 0, 30, "the second indexer taking over and draining the queue")
    assert children(second.pid) == {second_worker}


def test_a_killed_supervisor_takes_its_worker_with_it(archive):
    data_dir, indexer, worker_of, _ = archive
    supervisor = indexer("supervisor")
    worker = worker_of(supervisor)
    wait_for(lambda: held(data_dir / "search" / "indexer.lock"), 30, "the worker running")

    os.kill(supervisor.pid, signal.SIGKILL)
    killed_at = time.monotonic()
    supervisor.wait(10)

    # The lock goes with the last of the worker's threads, which may be a moment after its main one shows as exited.
    wait_for(lambda: not alive(worker) and not held(data_dir / "search" / "indexer.lock"), 5,
             "the orphaned worker exiting and letting go of the lock, so a new indexer can start at once")
    assert time.monotonic() - killed_at < 5
