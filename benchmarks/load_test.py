"""Load test: gunicorn serving a generated archive to concurrent readers while a clerk's bulk upload runs.

Readers mix searches, facet clicks, reply pages and API calls; at the same time ``import_replies
--publish`` saves UPLOADS new letters through the parser, and the indexer process indexes them.
Prints throughput and p50/p95/p99 per kind of request and the errors; then checks that every
upload was saved and that the index agrees with the database. Exits non-zero if not.

Loopback only and bounded: it stops after REQUESTS requests or SECONDS seconds, whichever first.

    .venv/bin/python benchmarks/load_test.py          # N=2000 CLIENTS=8 REQUESTS=3000 SECONDS=120 UPLOADS=100
    N=10000 .venv/bin/python benchmarks/load_test.py  # the issue's size; generating 10k takes ~8 min here
    DATA_DIR=/tmp/archive-bench-100000-XXXX .venv/bin/python benchmarks/load_test.py  # an archive a run left

Not a test: the numbers depend on the machine. Uses a throw-away data dir, or DATA_DIR: a data dir ``make bench``
or this script left, already indexed (at 100,000 replies indexing alone takes 15 minutes); each run there uploads
letters of its own. PORT (8150) for gunicorn.
"""

import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import CITIES, OFFICES, letter_text  # noqa: E402
from benchmarks.http_load import failed, get, percentile, run_load, start_gunicorn, stop, wait_for  # noqa: E402

SETTINGS = {name: int(os.environ.get(name, default)) for name, default in
            [("N", 2000), ("CLIENTS", 8), ("REQUESTS", 3000), ("SECONDS", 120), ("UPLOADS", 100), ("PORT", 8150)]}
MIX = [("search", 4), ("facet", 2), ("reply", 5), ("api", 2)]
QUERIES = ["心理", "心理辅导室", "双减", "课后服务", "校外培训", "教师 待遇", '"心理健康教育"', "长春", "交通 -停车",
           "医疗 OR 养老", "第0070号", "乡村振兴", "垃圾分类", "停车泊位", "家庭医生"]


def prepare(env, data_dir: Path) -> None:
    os.environ.update(env)
    from benchmarks.corpus import prepare_database

    print(f"Preparing {SETTINGS['N']} replies in {data_dir} …", flush=True)
    print(f"  {prepare_database(SETTINGS['N'], data_dir)}; indexing …", flush=True)
    from search.indexing import rebuild

    started = time.perf_counter()
    rebuild()
    print(f"  indexed in {time.perf_counter() - started:.0f} s", flush=True)


def request_path(rng: random.Random, kind: str) -> str:
    query = urllib.parse.quote(rng.choice(QUERIES))
    if kind == "search":
        return f"/search/?q={query}" + ("&sort=date" if rng.random() < 0.3 else "")
    if kind == "facet":
        agency = urllib.parse.quote(f"{rng.choice(CITIES)[1]}{rng.choice(OFFICES)}")
        return f"/search/?q={query}&agency={agency}"
    if kind == "api":
        return f"/api/search/?q={query}"
    return f"/replies/{rng.randint(1, SETTINGS['N'])}/"


def next_request(rng: random.Random) -> tuple[str, str]:
    kind = rng.choice([kind for kind, weight in MIX for _ in range(weight)])
    return kind, request_path(rng, kind)


def report(results, seconds: float) -> int:
    total = sum(len(outcomes) for outcomes in results.values())
    print(f"\n{total} requests in {seconds:.1f} s = {total / seconds:.1f} requests/s "
          f"({SETTINGS['CLIENTS']} clients, {SETTINGS['N']} replies)")
    print(f"{'kind':8} {'count':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    errors = 0
    for kind, _ in MIX:
        outcomes = results.get(kind, [])
        times = [ms for _, ms in outcomes]
        errors += failed(outcomes)
        print(f"{kind:8} {len(outcomes):6} {len(outcomes) / seconds:7.1f} {percentile(times, 50):8.1f} "
              f"{percentile(times, 95):8.1f} {percentile(times, 99):8.1f} {failed(outcomes):7}")
    statuses = sorted({status for outcomes in results.values() for status, _ in outcomes})
    print(f"HTTP statuses seen: {statuses}")
    return errors


def main() -> int:
    reused = os.environ.get("DATA_DIR")
    data_dir = Path(reused) if reused else Path(tempfile.mkdtemp(prefix="archive-load-"))
    # The API's per-client limit would turn this one loopback client into 429s: lift it for the run.
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "config.settings",
           "SEARCH_API_RATE_LIMIT": "1000000"}
    env.pop("DATABASE_URL", None)  # always the throw-away SQLite under data_dir, never a real database
    if reused:
        os.environ.update(env)
        import django

        django.setup()
    else:
        prepare(env, data_dir)
    from archive.models import Reply

    before = SETTINGS["N"] = Reply.objects.count()  # reply pages are drawn from every reply there
    print(f"{before} replies in {data_dir}", flush=True)
    # Letters no earlier run uploaded here (a second run on a reused data dir would only find duplicates).
    uploads = Path(tempfile.mkdtemp(prefix="uploads-", dir=data_dir))
    rng = random.Random(before)
    for serial in range(SETTINGS["UPLOADS"]):
        text = letter_text(rng, 1_000_000 + before + serial)
        (uploads / f"letter-{serial:04d}.txt").write_text(text, encoding="utf-8")

    base = f"http://127.0.0.1:{SETTINGS['PORT']}"
    gunicorn = start_gunicorn(env, SETTINGS["PORT"])
    indexer = subprocess.Popen([sys.executable, "manage.py", "run_search_indexer"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL)
    try:
        if wait_for(base, "/healthz", lambda body: body.get("ok"), 60) is None:
            print("gunicorn did not become healthy in 60 s")
            return 1
        for path in ["/", "/search/?q=" + urllib.parse.quote("心理"), "/replies/1/"]:  # warm every worker a little
            get(base, path)
        print(f"Load: {SETTINGS['CLIENTS']} clients, up to {SETTINGS['REQUESTS']} requests or {SETTINGS['SECONDS']} s; "
              f"uploading {SETTINGS['UPLOADS']} letters at the same time …", flush=True)
        upload_started = time.perf_counter()
        upload = subprocess.Popen([sys.executable, "manage.py", "import_replies", str(uploads), "--publish"],
                                  cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        results, seconds = run_load(base, next_request, clients=SETTINGS["CLIENTS"], seconds=SETTINGS["SECONDS"],
                                    max_requests=SETTINGS["REQUESTS"])
        upload_output, _ = upload.communicate(timeout=600)
        upload_seconds = time.perf_counter() - upload_started
        errors = report(results, seconds)

        print(f"\nUpload: exit {upload.returncode} after {upload_seconds:.0f} s; last line: "
              f"{upload_output.strip().splitlines()[-1] if upload_output.strip() else '—'}")
        expected = before + SETTINGS["UPLOADS"]
        health = wait_for(
            base, "/healthz", lambda body: body.get("counts_agree") and body["database_replies"] == expected, 120
        )
        final = health or wait_for(base, "/healthz", lambda body: True, 5)
        print(f"Database {final and final.get('database_replies')} replies (expected {expected}), "
              f"index {final and final.get('index_replies')}, agree: {bool(health)}")
        check = subprocess.run([sys.executable, "manage.py", "check_search_index"], cwd=ROOT, env=env,
                               capture_output=True, text=True)
        print(f"check_search_index: exit {check.returncode} — {check.stdout.strip().splitlines()[-1:]}")
        return 0 if (errors == 0 and upload.returncode == 0 and health and check.returncode == 0) else 1
    finally:
        stop(gunicorn)
        stop(indexer)


if __name__ == "__main__":
    sys.exit(main())
