"""gunicorn as a subprocess, for the fault tests that need real worker processes: start, ask, find workers, stop.

The server runs the production configuration (config/gunicorn.conf.py, DEBUG off, manifest static
files), so an error page is the one visitors would get. Everything is bounded by timeouts.
"""

import http.client
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks import http_load
from benchmarks.http_load import ROOT, free_port, start_gunicorn, stop


def server_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a server on a throw-away data dir (SQLite there unless DATABASE_URL is given)."""
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "config.settings",
           "SEARCH_API_RATE_LIMIT": "1000000", "DEBUG": "0"}
    env.pop("DATABASE_URL", None)  # never the developer's database by accident
    return {**env, **extra}


def run_with_django(
    env: dict[str, str], script: str, timeout: float = 120, umask: int | None = None
) -> subprocess.CompletedProcess:
    """Run Python with Django set up in that environment, under ``umask`` if given (else the caller's)."""
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run([sys.executable, "-c", f"import django; django.setup()\n{script}"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout, preexec_fn=preexec)


def manage(env: dict[str, str], script: str, timeout: float = 120) -> str:
    """Run Python with Django set up in that environment (migrate, make users…); returns its output."""
    done = run_with_django(env, script, timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@dataclass
class Answer:
    status: int  # 0: no HTTP answer (refused, reset, timed out)
    body: str
    content_type: str = ""

    def json(self):
        return json.loads(self.body)


@dataclass
class Server:
    process: subprocess.Popen
    base: str
    log: Path

    def get(self, path: str, timeout: float = 10) -> Answer:
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as response:
                return Answer(response.status, response.read().decode(), response.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode(errors="replace"), error.headers.get("Content-Type", ""))
        except (OSError, http.client.HTTPException):
            return Answer(0, "")

    def workers(self) -> set[int]:
        """The worker processes: the master's live children."""
        return http_load.workers(self.process.pid)

    def idle(self, pid: int) -> bool:
        """Whether a worker holds no client connection: no request under way, nor one still being finished.

        Only connections to the server's port count: a worker keeps its own to Redis or PostgreSQL open."""
        port, worker_sockets = int(self.base.rsplit(":", 1)[1]), _sockets(pid)
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            for row in Path(table).read_text().split("\n")[1:]:
                fields = row.split()  # local address:port (hex), remote, state (0A: listening), …, inode
                if (fields and int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] != "0A"
                        and f"socket:[{fields[9]}]" in worker_sockets):
                    return False
        return True

    def busy_worker(self, seconds: float = 15) -> int:
        """A worker in the middle of a request: holding a client connection besides the shared listening socket."""
        shared, deadline = _sockets(self.process.pid), time.monotonic() + seconds
        while time.monotonic() < deadline:
            before = {pid: _sockets(pid) - shared for pid in self.workers()}
            time.sleep(0.05)  # the same connection still open 50 ms later: a request under way, not one closing
            for pid, connections in before.items():
                if connections & _sockets(pid):
                    return pid
        raise AssertionError(f"no worker was serving a request within {seconds} s")

    def wait_for(self, ready: Callable[[], bool], seconds: float, what: str) -> float:
        """Poll until ``ready()``; returns how long it took, or fails the test saying what never happened."""
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            if ready():
                return time.monotonic() - started
            time.sleep(0.1)
        raise AssertionError(f"{what} did not happen within {seconds} s; gunicorn's log:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


def _sockets(pid: int) -> set[str]:
    sockets = set()
    for fd in Path(f"/proc/{pid}/fd").glob("*"):
        try:
            target = os.readlink(fd)
        except OSError:  # closed meanwhile
            continue
        if target.startswith("socket:"):
            sockets.add(target)
    return sockets


def collect_static(env: dict[str, str]) -> None:
    """The manifest the production static storage needs, or every page (the error page too) would fail."""
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env,
                   check=True, timeout=120)


@contextmanager
def gunicorn(env: dict[str, str], log: Path, workers: int = 2, start_seconds: float = 60) -> Iterator[Server]:
    """A running gunicorn on a free loopback port, answering /healthz; stopped (and killed if need be) afterwards."""
    port = free_port()
    process = start_gunicorn(env, port, workers=workers, log=log)
    server = Server(process, f"http://127.0.0.1:{port}", log)
    try:
        server.wait_for(lambda: server.get("/healthz", timeout=2).status in (200, 503)
                        and len(server.workers()) == workers, start_seconds, "gunicorn answering with all its workers")
        yield server
    finally:
        stop(process)
