"""The cache every gunicorn worker shares, measured (issue 18): Django's backends under two processes at once.

Two processes hammer one backend together, as two workers would: each counts COUNTS requests of one client
through django-ratelimit (``cache.add``, then ``cache.incr``: what ``search/ratelimit.py`` does per request),
then reads a page-sized value (``get_or_set``, like the home overview and ``/stats/``) READS times, closing the
cache after each as Django does at the end of every request. For each
backend it prints operations a second and the count the backend ended with: 2 × COUNTS when its increment is
atomic across processes, less by every increment lost to a race.

    .venv/bin/python benchmarks/cache_backends.py                                  # the embedded backends
    sh scripts/with_postgres.sh .venv/bin/python benchmarks/cache_backends.py      # + the database cache on PostgreSQL
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python benchmarks/cache_backends.py   # + Redis, if one runs

Not a test: the numbers belong to the machine. README "Configuration" and docs/deployment-cluster.md quote them.
"""

import multiprocessing
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # config.cache
COUNTS = int(os.environ.get("COUNTS", 2000))
READS = int(os.environ.get("READS", 2000))
PROCESSES = 2
RATE = "1000000/m"  # never reached: every request is counted, none refused
# About the size of /stats/'s cached sections at 1,000 replies (27 KB pickled); the home overview is 4 KB.
PAGE = {"rows": [{"label": f"第{i}行", "count": i, "share": i / 7, "href": f"/search/?agency={i}"} for i in range(500)]}


def backends(folder: Path) -> dict[str, tuple[dict, dict]]:
    """name → (CACHES["default"], DATABASES["default"]) for every backend this machine can reach."""
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(folder / "cache.sqlite3"),
              # what config/settings.py gives the archive's own SQLite database
              "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                          "transaction_mode": "IMMEDIATE", "timeout": 30}}
    found = {
        "LocMemCache (per process)": ({"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, sqlite),
        "FileBasedCache": ({"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                            "LOCATION": str(folder / "files")}, sqlite),
        "diskcache.DjangoCache": ({"BACKEND": "diskcache.DjangoCache", "LOCATION": str(folder / "diskcache")}, sqlite),
        "SharedDiskCache (config/cache.py)": ({"BACKEND": "config.cache.SharedDiskCache",
                                               "LOCATION": str(folder / "shared-diskcache")}, sqlite),
        "DatabaseCache, SQLite": ({"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                   "LOCATION": "django_cache"}, sqlite),
    }
    if os.environ.get("DATABASE_URL"):
        import dj_database_url

        postgres = dj_database_url.parse(os.environ["DATABASE_URL"])
        found["DatabaseCache, PostgreSQL"] = ({"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                               "LOCATION": "django_cache"}, postgres)
    if os.environ.get("REDIS_URL"):
        found["RedisCache"] = ({"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                "LOCATION": os.environ["REDIS_URL"]}, sqlite)
    return found


def _count(increment: bool):
    from django_ratelimit.core import get_usage

    return get_usage(None, group="bench", key=lambda group, request: "203.0.113.5", rate=RATE, increment=increment)


def _hammer(start, results) -> None:
    from django.core.cache import cache, caches

    start.wait()
    began = time.perf_counter()
    for _ in range(COUNTS):
        _count(increment=True)
        caches.close_all()  # what Django does at the end of every request
    counted = time.perf_counter()
    for _ in range(READS):
        cache.get_or_set("page", PAGE, 60)
        caches.close_all()
    results.put((counted - began, time.perf_counter() - counted))


def measure_one(name: str) -> None:
    """In a process of its own (Django is configured once a process): set up, fork the hammers, print a row."""
    import django
    from django.conf import settings

    with tempfile.TemporaryDirectory() as folder:
        cache_settings, database = backends(Path(folder))[name]
        settings.configure(CACHES={"default": cache_settings}, DATABASES={"default": database},
                           INSTALLED_APPS=[], USE_TZ=True)
        django.setup()
        from django.core.cache import cache
        from django.core.management import call_command
        from django.db import connections

        call_command("createcachetable")  # only a DatabaseCache has a table to make
        cache.clear()
        connections.close_all()  # each forked process opens its own connection
        fork = multiprocessing.get_context("fork")
        start, results = fork.Barrier(PROCESSES), fork.Queue()
        hammers = [fork.Process(target=_hammer, args=(start, results)) for _ in range(PROCESSES)]
        for hammer in hammers:
            hammer.start()
        times = [results.get(timeout=600) for _ in hammers]
        for hammer in hammers:
            hammer.join()
        counted = (_count(increment=False) or {}).get("count", 0)
        counting_s, reading_s = max(t[0] for t in times), max(t[1] for t in times)
        print(f"| {name} | {PROCESSES * COUNTS / counting_s:,.0f} | {counted:,} of {PROCESSES * COUNTS:,} "
              f"({PROCESSES * COUNTS - counted:,} lost) | {PROCESSES * READS / reading_s:,.0f} |", flush=True)


def main() -> None:
    if len(sys.argv) > 1:
        measure_one(sys.argv[1])
        return
    print(f"{PROCESSES} processes at once; a page value of {len(pickle.dumps(PAGE)) // 1024} KB pickled\n")
    print("| backend | rate-limit counts/s | count at the end | page reads/s |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        names = list(backends(Path(folder)))
    for name in names:
        subprocess.run([sys.executable, __file__, name], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
