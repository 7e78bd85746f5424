"""Where a page's time goes: cProfile over the benchmark's pages in one process, on an archive a bench run left.

    .venv/bin/python benchmarks/profile_pages.py /tmp/archive-bench-10000-XXXX search [reply|browse|facet|...]

The first argument is the data dir ``make bench`` printed (``== N replies in …``); the kinds are ``reply``
(reply pages) or a kind of the benchmark's searches (``search`` for all of them). Each page is served once to
warm, then profiled; prints the server time per page and the functions that took most of it, cumulative and own.
Issue 18 asks for a profile before each fix: this is that profile, the same pages the benchmark times.
``CALLERS=name,name`` also prints who called those functions.
"""

import cProfile
import os
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REPLY_PAGES = 300
SHOWN = 30


def pages(kind: str) -> list[str]:
    from archive.models import Reply
    from benchmarks.bench import archive_queries

    if kind == "reply":
        ids = list(Reply.objects.public().values_list("pk", flat=True))
        return [f"/replies/{pk}/" for pk in random.Random(3).sample(ids, min(REPLY_PAGES, len(ids)))]
    return [query.path for query in archive_queries() if kind in ("search", query.kind)]


def main() -> None:
    data_dir, kind = sys.argv[1], sys.argv[2]
    os.environ.update({"ARCHIVE_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "config.settings"})
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    # Through the WSGI handler as gunicorn calls it: Django's test client also stores every template's context,
    # which made rendering look a third larger than it is.
    handler, requests = WSGIHandler(), RequestFactory(SERVER_NAME="localhost")

    def get(path: str) -> str:
        statuses = []
        b"".join(handler(requests.get(path).environ, lambda status, headers, info=None: statuses.append(status)))
        return statuses[0]

    paths = pages(kind)
    if not paths:
        sys.exit(f"no pages of kind {kind!r}")
    for path in paths:  # warm: jieba, the searcher, the columns, the OS caches
        get(path)
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for path in paths:
        assert get(path).startswith("200"), path
    profile.disable()
    per_page = (time.perf_counter() - started) * 1000 / len(paths)
    print(f"{len(paths)} {kind} pages, {per_page:.1f} ms a page under the profiler\n")
    stats = pstats.Stats(profile).strip_dirs()
    stats.sort_stats("cumulative").print_stats(SHOWN)
    stats.sort_stats("tottime").print_stats(SHOWN)
    for name in os.environ.get("CALLERS", "").split(","):
        if name:
            stats.print_callers(name)


if __name__ == "__main__":
    main()
