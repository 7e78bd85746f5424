"""What the doors for data outside the archive cost (issue 14): a whole search exported as CSV and XLSX, and feeds.

    N=1000 .venv/bin/python benchmarks/exports.py      # the default size; N=10000 is the issue's measure

On the generated archive of ``make bench`` (benchmarks/corpus.py, indexed once) in a throw-away data dir,
through Django's test client (server time, no network): for every public reply (browse, newest first) and for a
word most letters hold (by relevance), the CSV's time to its first byte and to its end, and the XLSX's time,
each the median of REPEAT runs after a warming one, with the file's rows and size; then one more run of each
under tracemalloc for the peak Python memory (tracing slows a run down too much to time it). Then the newest
replies' feed, an agency's feed and a search's feed: p50 server time. Exports run under the default cap
(SEARCH_EXPORT_MAX_ROWS, 10,000). Prints a table and writes it to benchmarks/results/<date>-exports-<N>.md.
"""

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench import Table, write  # noqa: E402

SETTINGS = {name: int(os.environ.get(name, default)) for name, default in [("N", 1000), ("REPEAT", 3)]}
COMMON_WORD = "建议"  # every letter answers one


def download(client, path: str) -> tuple[float, float, int, int]:
    """Milliseconds to the first byte and to the end, rows (lines after the header) and bytes of one export."""
    started = time.perf_counter()
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    if not response.streaming:
        ms = (time.perf_counter() - started) * 1000
        return ms, ms, 0, len(response.content)
    chunks = iter(response.streaming_content)
    first = next(chunks)
    first_byte = (time.perf_counter() - started) * 1000
    size, lines = len(first), first.count(b"\n")
    for chunk in chunks:
        size += len(chunk)
        lines += chunk.count(b"\n")  # a letter's next steps may hold line breaks: an upper bound of rows
    return first_byte, (time.perf_counter() - started) * 1000, lines - 1, size


def peak_memory_mb(run) -> float:
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def measure_exports(table: Table, client) -> None:
    from archive.models import Reply

    public = Reply.objects.public().count()
    searches = {"browse: every public reply": "", f"q={COMMON_WORD}, by relevance": f"q={COMMON_WORD}&"}
    for label, query in searches.items():
        for kind in ("csv", "xlsx"):
            path = f"/search/export/?{query}format={kind}"
            download(client, path)  # warm: jieba, the searcher, the columns, the database's pages
            runs = [download(client, path) for _ in range(SETTINGS["REPEAT"])]
            first_byte = statistics.median(run[0] for run in runs)
            end = statistics.median(run[1] for run in runs)
            _, _, rows, size = runs[0]
            peak = peak_memory_mb(lambda path=path: download(client, path))
            timing = f"first byte {first_byte:.0f} ms, end {end:.0f} ms" if kind == "csv" else f"{end:.0f} ms"
            rows_note = f"~{rows} rows, " if kind == "csv" else ""
            table.add(f"export {kind.upper()}, {label}", timing,
                      f"{rows_note}{size / 1e6:.1f} MB; {peak:.0f} MB peak Python memory; "
                      f"median of {SETTINGS['REPEAT']}; {public} public replies")


def measure_feeds(table: Table, client) -> None:
    from django.db.models import Count

    from archive.models import Agency, Reply

    agency = Agency.objects.filter(replies__in=Reply.objects.public()).annotate(n=Count("replies")).order_by("-n")[0]
    feeds = {"newest replies": "/feeds/replies/", f"an agency's ({agency.n} replies)": f"/agencies/{agency.pk}/feed/",
             f"a search's (q={COMMON_WORD})": f"/search/feed/?q={COMMON_WORD}"}
    for label, path in feeds.items():
        client.get(path)
        times = []
        for _ in range(SETTINGS["REPEAT"]):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, path
        table.add(f"feed, {label}", f"p50 {statistics.median(times):.0f} ms",
                  f"{response.content.count(b'<entry>')} entries, {len(response.content) / 1e3:.0f} KB")


def main() -> None:
    n = SETTINGS["N"]
    data_dir = Path(tempfile.mkdtemp(prefix=f"archive-exports-{n}-"))
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DATABASE_URL", None)  # always the throw-away SQLite, never a real database
    os.environ.update(env)
    table = Table(n)
    from benchmarks.corpus import prepare_database

    table.add("corpus", prepare_database(n, data_dir))
    from django.test import Client, override_settings

    from search.indexing import rebuild

    rebuild()
    client = Client(SERVER_NAME="localhost")
    with override_settings(SEARCH_EXPORT_RATE_LIMIT=10**9):
        measure_exports(table, client)
    measure_feeds(table, client)
    print(f"\n{table.markdown()}\n\nWritten to {write(table, 'Exports and feeds', 'exports').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
