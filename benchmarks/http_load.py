"""Serving the archive with gunicorn and loading it from a bounded pool of loopback clients.

Shared by ``bench.py`` (requests per second for one kind of page) and ``load_test.py`` (a mix
of pages while a clerk uploads). Every run stops by itself: after a number of requests or
seconds, whichever comes first.
"""

import json
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def get(base: str, path: str, timeout: float = 30) -> tuple[int, float]:
    """(HTTP status, milliseconds) of one GET; status 0 when refused, reset or timed out."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return status, (time.perf_counter() - started) * 1000


def percentile(times: list[float], q: int) -> float:
    return statistics.quantiles(times, n=100)[q - 1] if len(times) > 1 else (times[0] if times else 0.0)


def failed(outcomes: list[tuple[int, float]]) -> int:
    return sum(1 for status, _ in outcomes if status == 0 or status >= 500)


def run_load(base: str, next_request: Callable[[random.Random], tuple[str, str]], *, clients: int, seconds: float,
             max_requests: int) -> tuple[dict[str, list[tuple[int, float]]], float]:
    """Each client asks ``next_request(rng)`` for (kind, path) and GETs it; returns outcomes by kind and seconds."""
    results: dict[str, list[tuple[int, float]]] = defaultdict(list)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    budget = iter(range(max_requests))

    def client(number: int) -> None:
        rng = random.Random(number)
        while time.monotonic() < deadline:
            with lock:
                if next(budget, None) is None:
                    return
            kind, path = next_request(rng)
            outcome = get(base, path)
            with lock:
                results[kind].append(outcome)

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    return results, time.perf_counter() - started


def start_gunicorn(env: dict, port: int, workers: int | None = None, log: Path | None = None) -> subprocess.Popen:
    """gunicorn with the project's config on 127.0.0.1:port, its warnings and errors to ``log`` (or ours).

    No access log: writing it costs CPU the pages need.
    """
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    if workers:
        env["GUNICORN_WORKERS"] = str(workers)
    command = [str(Path(sys.executable).parent / "gunicorn"), "--config", "config/gunicorn.conf.py",
               "--access-logfile", "/dev/null", "--log-level", "warning", "config.wsgi"]
    if log is None:
        return subprocess.Popen(command, cwd=ROOT, env=env)
    with open(log, "wb") as output:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)


def workers(master_pid: int) -> set[int]:
    """The gunicorn master's live worker processes (its children not yet reaped)."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return {int(pid) for pid in children if _alive(int(pid))}


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(base: str, path: str, ok: Callable[[dict], bool], seconds: float) -> dict | None:
    """Poll a JSON page until ``ok(body)``; the last body, or None when it never came."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + path, timeout=5) as response:
                body = json.loads(response.read())
                if ok(body):
                    return body
        except (OSError, ValueError):
            pass
        time.sleep(0.5)
    return None


def worker_memory_mb(master_pid: int) -> tuple[float, float]:
    """Among the gunicorn master's workers: the largest peak resident memory (VmHWM, shared pages
    included) and the largest memory of its own (private pages, not shared with the master), in MB."""
    peak = private = 0
    for pid in workers(master_pid):
        try:
            status = Path(f"/proc/{pid}/status").read_text().splitlines()
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status if ":" in line)
        peak = max(peak, int(fields["VmHWM"].split()[0]))
        private = max(private, sum(int(line.split()[1]) for line in rollup if line.startswith("Private_")))
    return peak / 1024, private / 1024


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """Terminate, and kill what does not end within 30 s."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def trickle_headers(sockets: list, stop: threading.Event, seconds: float = float("inf")) -> None:
    """Be slow clients: one more header line on every socket every half second, never the blank line that
    ends the headers, until ``stop`` is set or ``seconds`` have passed."""
    deadline = time.monotonic() + seconds
    line = 0
    while time.monotonic() < deadline and not stop.wait(0.5):
        line += 1
        for sock in sockets:
            try:
                sock.sendall(f"X-Slow-{line}: {line}\r\n".encode())
            except OSError:
                pass
