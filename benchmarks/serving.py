"""Which gunicorn worker class: the same archive served by each candidate, on search pages, reply pages and
``/healthz`` while slow clients dribble their headers (issue 13).

    .venv/bin/python benchmarks/serving.py          # N=1000 replies, 2 workers each
    N=1000 SECONDS=15 LOAD_RUNS=3 CLIENTS=8 SLOW=6 .venv/bin/python benchmarks/serving.py

Every candidate runs the project's gunicorn.conf.py with GUNICORN_WORKER_CLASS and GUNICORN_THREADS set, all at
once on one throw-away data dir (benchmarks/corpus.py, indexed once), and their runs take turns, so that other
work on the machine weighs on each alike. For each: requests/s of search and reply pages under CLIENTS loopback
clients (the median of LOAD_RUNS runs of SECONDS), the workers' CPU time a page (which, unlike requests/s, does
not depend on what else the machine runs), p50/p95, errors, a worker's memory; then SLOW sockets each
send one header line every half second while /healthz is asked five times: its slowest answer, or how many got
none within 5 s. Prints a table and writes it to benchmarks/results/<date>-serving-<N>.md.
"""

import gc
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench import Table, archive_queries, machine, result_path  # noqa: E402
from benchmarks.http_load import (  # noqa: E402
    failed,
    free_port,
    get,
    percentile,
    run_load,
    start_gunicorn,
    stop,
    trickle_headers,
    wait_for,
    worker_memory_mb,
    workers,
)

SETTINGS = {name: int(os.environ.get(name, default)) for name, default in
            [("N", 1000), ("CLIENTS", 8), ("SECONDS", 15), ("LOAD_RUNS", 3), ("SLOW", 6), ("WORKERS", 2)]}
CANDIDATES = [  # (label, GUNICORN_WORKER_CLASS, GUNICORN_THREADS)
    ("sync", "sync", 1),
    ("gthread, 4 threads", "gthread", 4),
    ("header-buffering gthread, 1 thread", "config.limits.HeaderBufferingWorker", 1),
    ("header-buffering gthread, 4 threads", "config.limits.HeaderBufferingWorker", 4),
]


def slow_clients(port: int, count: int, stop_event: threading.Event) -> list[socket.socket]:
    """``count`` connections that each send a request line and then one header line every half second."""
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sockets.append(sock)

    threading.Thread(target=trickle_headers, args=(sockets, stop_event), daemon=True).start()
    return sockets


def health_under_slow_clients(base: str, port: int) -> str:
    stop_event = threading.Event()
    sockets = slow_clients(port, SETTINGS["SLOW"], stop_event)
    try:
        time.sleep(1)
        answers = []
        for _ in range(5):
            answers.append(get(base, "/healthz", timeout=5))
            time.sleep(0.2)
    finally:
        stop_event.set()
        for sock in sockets:
            sock.close()
    answered = [ms for status, ms in answers if status == 200]
    if len(answered) < len(answers):
        return f"{len(answers) - len(answered)} of {len(answers)} unanswered within 5 s"
    return f"slowest {max(answered):.0f} ms of {len(answers)}"



def cpu_seconds(master_pid: int) -> float:
    """CPU time (user + system) the master's workers have used so far."""
    total = 0
    for pid in workers(master_pid):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def load_run(server, next_request) -> tuple[float, list[tuple[int, float]], float]:
    """(requests/s, outcomes, the workers' CPU milliseconds a request): the last does not depend on what else
    the machine is running, requests/s does."""
    process, base, _ = server
    cpu_before = cpu_seconds(process.pid)
    results, seconds = run_load(base, next_request, clients=SETTINGS["CLIENTS"], seconds=SETTINGS["SECONDS"],
                                max_requests=100_000)
    outcomes = [outcome for kind in results.values() for outcome in kind]
    return len(outcomes) / seconds, outcomes, (cpu_seconds(process.pid) - cpu_before) * 1000 / max(1, len(outcomes))


def measure_all(table: Table, env: dict, queries, reply_ids, candidates) -> None:
    """Every candidate serves at once (an idle one costs nothing) and the runs take turns, candidate after
    candidate, round after round: on a shared machine whatever else runs weighs on all of them alike."""
    pages = {
        "search pages": lambda rng: ("search", rng.choice(queries).path),
        "reply pages": lambda rng: ("reply", f"/replies/{rng.choice(reply_ids)}/"),
    }
    servers = {}
    try:
        for label, worker_class, threads in candidates:
            port = free_port()
            process = start_gunicorn({**env, "GUNICORN_WORKER_CLASS": worker_class, "GUNICORN_THREADS": str(threads),
                                      "SEARCH_API_RATE_LIMIT": "1000000"}, port, workers=SETTINGS["WORKERS"])
            servers[label] = (process, f"http://127.0.0.1:{port}", port)
        for label, (_, base, _) in servers.items():
            if wait_for(base, "/healthz", lambda body: body.get("ok"), 120) is None:
                raise RuntimeError(f"{label} did not become healthy in 120 s")
            for next_request in pages.values():
                run_load(base, next_request, clients=SETTINGS["CLIENTS"], seconds=5, max_requests=200)  # warm
        runs: dict[tuple[str, str], list] = {(label, page): [] for label in servers for page in pages}
        labels = list(servers)
        for round_number in range(SETTINGS["LOAD_RUNS"]):
            for label in labels[round_number % len(labels):] + labels[:round_number % len(labels)]:
                for page, next_request in pages.items():
                    runs[label, page].append(load_run(servers[label], next_request))
                    print(f"  round {round_number + 1}, {label}, {page}: {runs[label, page][-1][0]:.1f} req/s",
                          flush=True)
        for label, (process, base, port) in servers.items():
            for page in pages:
                page_runs = runs[label, page]
                rate, outcomes, _ = sorted(page_runs, key=lambda run: run[0])[len(page_runs) // 2]
                times = [ms for _, ms in outcomes]
                cpu = statistics.median(run[2] for run in page_runs)
                table.add(f"{label}: {page}", f"{rate:.1f} req/s, {cpu:.1f} CPU ms a page",
                          f"runs {', '.join(f'{run[0]:.0f}' for run in page_runs)}; p50 {percentile(times, 50):.0f} / "
                          f"p95 {percentile(times, 95):.0f} ms; {sum(failed(run[1]) for run in page_runs)} errors")
            peak, private = worker_memory_mb(process.pid)
            table.add(f"{label}: memory of a worker", f"{peak:.0f} MB peak", f"{private:.0f} MB its own")
            table.add(f"{label}: /healthz beside {SETTINGS['SLOW']} slow-header clients",
                      health_under_slow_clients(base, port))
    finally:
        for process, _, _ in servers.values():
            stop(process)


def main() -> None:
    n = SETTINGS["N"]
    data_dir = Path(tempfile.mkdtemp(prefix=f"archive-serving-{n}-"))
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DATABASE_URL", None)
    os.environ.update(env)
    table = Table(n)
    from benchmarks.corpus import prepare_database

    table.add("corpus", prepare_database(n, data_dir))
    from archive.models import Reply
    from search.indexing import rebuild

    rebuild()
    queries = archive_queries()
    reply_ids = list(Reply.objects.public().values_list("pk", flat=True))
    gc.collect()
    gc.freeze()  # the client threads share this process: keep the collector off the heap built so far
    only = os.environ.get("CANDIDATES")  # e.g. CANDIDATES=0,2 for a part
    candidates = [c for number, c in enumerate(CANDIDATES) if not only or str(number) in only.split(",")]
    measure_all(table, env, queries, reply_ids, candidates)
    now = datetime.now(UTC)
    path = result_path(f"serving-{n}", now)
    path.write_text(f"# Worker classes, {n:,} replies, {SETTINGS['WORKERS']} workers, {now:%Y-%m-%d %H:%M} UTC\n\n"
                    f"Machine: {machine()}\n\n{SETTINGS}\n\n{table.markdown()}\n", encoding="utf-8")
    print(f"\n{table.markdown()}\n\nWritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
