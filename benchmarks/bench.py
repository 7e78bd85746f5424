"""``make bench``: the archive's speed at N generated replies, beside the naive SQL baseline, as one table.

    make bench                 # N=1000 and N=10000, one after the other
    make bench N=10000         # one size
    make bench N=100000        # the large size (see README "Benchmarks" for how long it takes)

Each size runs in a throw-away data dir (SQLite + Whoosh, the embedded default) and measures:

* bulk import through the parser: letters/s of ``import_text`` (parse, keywords, rows), rolled back;
* a full index rebuild: docs/s, MB/s of letter text, index size on disk;
* the search page's server time (view + template through Django's test client; count, 20 hits,
  excerpts, 7 facets) over a fixed set of ~130 searches, p50/p95/p99, after one warming pass;
* the hostile searches of ``tests/data/hostile_queries.json`` (issue 13: repeated phrases, many OR, long
  strings, contradictory filters, 990 selected_facets, page=10000…), page and API: the worst and p95
  server time, the ratio to the plain searches' p50, how many ran out of the time budget, and any 5xx;
* the same searches through SQL ``icontains`` (count, 20 rows by date, the same 7 facets by GROUP
  BY) on the same database in the same run, and the ratio at p50;
* ``/sitemap.xml``'s server time and size, and ``export_dataset``'s replies/s and peak Python memory;
* ``/stats/``'s server time computed afresh (as after any change to the archive) and from the cache;
* search pages and reply pages through gunicorn under CLIENTS concurrent loopback clients, the
  median of LOAD_RUNS runs of SECONDS each: requests/s, p50/p95, errors; and a worker's memory.

Past 10,000 replies (``FULL_UP_TO``) the steps whose time grows with the archive run on a bounded part of it,
each naming it in its note, so that N=100000 fits in an hour on 2 cores; each step's time goes to stderr as it ends.

Prints the table and writes it to ``benchmarks/results/<date>-<N>.md``. Not a test: the numbers
belong to the machine they ran on, which the file names.
"""

import gc
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.http_load import (  # noqa: E402
    failed,
    free_port,
    percentile,
    run_load,
    start_gunicorn,
    stop,
    wait_for,
    worker_memory_mb,
)

RESULTS = ROOT / "benchmarks" / "results"
SETTINGS = {name: int(os.environ.get(name, default)) for name, default in
            [("REPEAT", 3), ("IMPORTS", 300), ("CLIENTS", 8), ("SECONDS", 20), ("LOAD_RUNS", 3)]}
# Up to this many replies every step runs in full. Past it, the steps whose time grows with the archive run on a
# bounded part of it, each saying so in its note: at 100,000 the run has to fit in an hour on 2 cores, of which
# generating the corpus and indexing it take about 40 minutes.
FULL_UP_TO = 10_000


class Table:
    def __init__(self, n: int):
        self.n = n
        self.rows: list[tuple[str, str, str]] = []

    @property
    def full(self) -> bool:
        """Whether every step runs in full at this size (see FULL_UP_TO)."""
        return self.n <= FULL_UP_TO

    def add(self, measure: str, value: str, note: str = "") -> None:
        self.rows.append((measure, value, note))
        print(f"  {measure}: {value}  {note}", flush=True)

    def markdown(self) -> str:
        lines = ["| measure | value | note |", "|---|---|---|"]
        lines += [f"| {measure} | {value} | {note} |" for measure, value, note in self.rows]
        return "\n".join(lines)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return f"{cpu}, {os.cpu_count()} cores, {memory} GiB; Python {platform.python_version()}; {platform.platform()}"


def timings(run, items, repeat: int) -> list[float]:
    """Milliseconds of ``run(item)`` for every item, ``repeat`` times over, in the items' order."""
    times = []
    for _ in range(repeat):
        for item in items:
            started = time.perf_counter()
            run(item)
            times.append((time.perf_counter() - started) * 1000)
    return times


@contextmanager
def step(name: str, run_started: float):
    """Time one step, to stderr as it ends: at 100,000 replies a run takes most of an hour, and this says where."""
    started = time.perf_counter()
    print(f"[{name}] …", file=sys.stderr, flush=True)
    yield
    now = time.perf_counter()
    print(f"[{name}] {now - started:.0f} s (run {now - run_started:.0f} s)", file=sys.stderr, flush=True)


def spread(times: list[float]) -> str:
    return f"p50 {percentile(times, 50):.0f} / p95 {percentile(times, 95):.0f} / p99 {percentile(times, 99):.0f} ms"


def measure_import(table: Table) -> None:
    """Letters/s through the parser and the one writer, on letters the archive does not hold; rolled back."""
    from django.db import transaction

    from archive.ingest import import_text
    from benchmarks.corpus import letter_text

    rng = random.Random(5)
    texts = [letter_text(rng, 10_000_000 + serial) for serial in range(SETTINGS["IMPORTS"])]
    with transaction.atomic():
        started = time.perf_counter()
        for text in texts:
            import_text(text, publish=True)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    table.add("bulk import through the parser", f"{len(texts) / seconds:.1f} letters/s",
              f"{len(texts)} letters, parse + keywords + rows")


def measure_indexing(table: Table) -> None:
    from django.db.models import Sum
    from django.db.models.functions import Length

    from archive.models import Reply
    from search.indexing import backend, rebuild

    characters = Reply.objects.public().aggregate(total=Sum(Length("body_text")))["total"] or 0
    started = time.perf_counter()
    indexed = rebuild()
    seconds = time.perf_counter() - started
    megabytes = characters * 3 / 1e6  # Chinese text is three bytes a character in UTF-8
    backend().searcher()  # opens the live generation the rebuild switched to
    size = sum(file.stat().st_size for file in backend().folder.iterdir()) / 1e6
    table.add("full index rebuild", f"{indexed / seconds:.1f} docs/s", f"{indexed} docs in {seconds:.0f} s")
    table.add("indexing text throughput", f"{megabytes / seconds:.2f} MB/s", f"{megabytes:.0f} MB of letter text")
    table.add("index size", f"{size:.0f} MB", f"{size / megabytes:.2f}× the text")


def archive_queries():
    from archive.models import Agency, Person, Proposal, Reply
    from benchmarks.queries import bench_queries

    names = list(Person.objects.filter(role__in=["代表", "委员"]).order_by("pk").values_list("name", flat=True)[:10])
    agencies = list(Agency.objects.order_by("pk").values_list("name", flat=True)[:20])
    numbers = list(Proposal.objects.order_by("pk").values_list("number", flat=True)[:5])
    years = sorted({day.year for day in Reply.objects.dates("date", "year")}, reverse=True)
    return bench_queries(names, agencies, numbers, years)


def measure_search(table: Table, queries) -> list[list[float]]:
    """Each search's server times, in the order of ``queries``, after a warming pass."""
    from django.test import Client

    client = Client(SERVER_NAME="localhost")

    def page(query):
        response = client.get(query.path)
        assert response.status_code == 200, (query.path, response.status_code)

    timings(page, queries, 1)  # warm: jieba, the searcher, facet columns, OS caches
    times = timings(page, queries, SETTINGS["REPEAT"])
    table.add("search page, server time", spread(times), f"{len(queries)} searches × {SETTINGS['REPEAT']}")
    by_kind: dict[str, list[float]] = {}
    for query, ms in zip(queries * SETTINGS["REPEAT"], times, strict=True):
        by_kind.setdefault(query.kind, []).append(ms)
    for kind, kind_times in by_kind.items():
        table.add(f"  {kind}", f"p50 {statistics.median(kind_times):.0f} ms, max {max(kind_times):.0f} ms")
    return [times[i::len(queries)] for i in range(len(queries))]


def measure_columns(table: Table) -> None:
    """What search/columns.py holds after the searches: per-process arrays of stored fields, kept out of the shared
    cache on purpose (they are the index state itself), and what grows every worker with the archive."""
    from search import columns

    seen, pending, total = set(), [columns._segment_cache, columns._reader_cache, columns._inverted_cache], 0
    while pending:
        value = pending.pop()
        if id(value) not in seen:
            seen.add(id(value))
            total += sys.getsizeof(value)
            pending.extend(chain(value.keys(), value.values()) if isinstance(value, dict)
                           else value if isinstance(value, list | tuple) else ())
    table.add("search columns in one process", f"{total / 2**20:.1f} MB", "search/columns.py's caches")


def measure_hostile(table: Table, plain_p50: float) -> None:
    """Each hostile search on the page and the API, REPEAT times after a warming pass; the worst is what counts.

    Past FULL_UP_TO once after the warming pass: many of them run to the time budget, and three passes would take
    about 2½ minutes at 100,000 replies.
    """
    import json

    from django.test import Client, override_settings

    from benchmarks.queries import archive_values, hostile_queries

    client = Client(SERVER_NAME="localhost")
    passes = SETTINGS["REPEAT"] if table.full else 1
    queries = hostile_queries(archive_values())
    paths = [(query.name, path) for query in queries
             for path in (query.path, query.path.replace("/search/", "/api/search/", 1))]
    times: list[tuple[float, str, str]] = []
    errors, out_of_time = [], set()
    with override_settings(SEARCH_API_RATE_LIMIT=10**9):
        for repeat in range(passes + 1):  # the first pass warms, as for the plain searches
            for name, path in paths:
                started = time.perf_counter()
                response = client.get(path)
                ms = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    errors.append(f"{name}: {response.status_code}")
                elif "/api/" in path and json.loads(response.content).get("out_of_time"):
                    out_of_time.add(name)
                if repeat:
                    times.append((ms, name, "API" if "/api/" in path else "page"))
    worst, name, door = max(times)
    all_ms = [ms for ms, _, _ in times]
    table.add("hostile searches, server time", f"worst {worst:.0f} / p95 {percentile(all_ms, 95):.0f} ms",
              f"{len(queries)} cases × page and API × {passes}"
              + ("" if table.full else f" (once past {FULL_UP_TO:,} replies)") + f"; worst: {name} ({door})")
    table.add("hostile worst vs plain search p50", f"{worst / plain_p50:.1f}×",
              f"p95 {percentile(all_ms, 95) / plain_p50:.1f}×; plain p50 {plain_p50:.0f} ms; "
              f"{len(out_of_time)} cases ran out of the time budget; {len(errors)} non-200 answers"
              + (f" ({', '.join(sorted(set(errors))[:5])})" if errors else ""))


def sql_baseline(query) -> None:
    """What a naive archive does: icontains on the letter and title, facets by GROUP BY."""
    from django.db.models import Count, Q

    from archive.models import Reply

    replies = Reply.objects.public()
    for word in query.words:
        replies = replies.filter(Q(body_text__icontains=word) | Q(proposal__title__icontains=word))
    params = query.params
    if "agency" in params:
        replies = replies.filter(agency__name=params["agency"])
    if "year" in params:
        replies = replies.filter(date__year=int(params["year"]))
    if "body" in params:
        replies = replies.filter(proposal__body=params["body"])
    if "result" in params:
        replies = replies.filter(result_class=params["result"])
    replies.count()
    list(replies.select_related("agency", "proposal").order_by("-date")[:20])
    for field in ["proposal__body", "agency__name", "proposal__place__name", "date__year", "proposal__proposers__name",
                  "result_class", "proposal__session__name"]:
        list(replies.values(field).annotate(n=Count("pk", distinct=True)).order_by("-n")[:12])


# The baseline's icontains reads every letter: ~1.5 s a search at 10,000 replies, ~15 s at 100,000. Past FULL_UP_TO
# it runs on every k-th search, k growing with the archive, so it takes about as long at any size.
BASELINE_AT_LEAST = 10


def baseline_sample(n: int, count: int) -> range:
    """Indexes of the searches the baseline runs at n replies: all of them up to FULL_UP_TO."""
    every = max(1, min(n // FULL_UP_TO, count // BASELINE_AT_LEAST))
    return range(0, count, every)


def measure_baseline(table: Table, queries, search_times: list[list[float]]) -> None:
    """The baseline's p50 against the search page's p50 over the same searches (the sample, at large sizes)."""
    sample = baseline_sample(table.n, len(queries))
    times = timings(sql_baseline, [queries[i] for i in sample], 1)
    page_p50 = percentile(list(chain.from_iterable(search_times[i] for i in sample)), 50)
    whole = len(sample) == len(queries)
    table.add("SQL icontains baseline", spread(times), "count + 20 rows + 7 GROUP BY facets" + (
        "" if whole else f"; sample of {len(sample)} of {len(queries)} searches, one in {sample.step}"))
    table.add("search page vs baseline", f"{percentile(times, 50) / page_p50:.1f}× faster at p50",
              "" if whole else f"search page p50 {page_p50:.0f} ms over the same {len(sample)} searches")


def measure_sitemap_and_dataset(table: Table) -> None:
    """``/sitemap.xml`` as a crawler fetches it, and ``export_dataset``'s dump: its time, then its memory."""
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    sitemap = client.get("/sitemap.xml")  # warm
    times = timings(lambda _: client.get("/sitemap.xml"), [None], SETTINGS["REPEAT"])
    urls = sitemap.content.count(b"<url>") or f"index of {sitemap.content.count(b'<sitemap>')} pages"
    table.add("sitemap.xml, server time", f"p50 {statistics.median(times):.0f} ms",
              f"{urls} URLs, {len(sitemap.content) / 1e6:.1f} MB; {SETTINGS['REPEAT']} requests")
    with tempfile.TemporaryDirectory() as folder:
        dump, seconds = timed_dump(Path(folder))
        # A second run, traced: tracing slows it down too much to time it (2.5×: 6 minutes at 100,000 replies).
        memory = (f"{traced_dump_peak(Path(folder)) / 1e6:.0f} MB peak Python memory" if table.full
                  else f"peak Python memory traced only up to {FULL_UP_TO:,} replies")
    table.add("dataset export (export_dataset)", f"{dump.replies / seconds:.0f} replies/s",
              f"{dump.replies} replies and {dump.sections} sections in {seconds:.1f} s; {dump.size / 1e6:.1f} MB zip; "
              + memory)


def timed_dump(folder: Path):
    """``export_dataset``'s dump written to ``folder``, and the seconds it took."""
    from datetime import date

    from archive.dataset import write_dump

    started = time.perf_counter()
    dump = write_dump(folder, date.today())
    return dump, time.perf_counter() - started


def traced_dump_peak(folder: Path) -> int:
    """The peak of Python's memory, in bytes, while the dump is written again."""
    import tracemalloc
    from datetime import date

    from archive.dataset import write_dump

    tracemalloc.start()
    write_dump(folder, date.today())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def measure_stats_page(table: Table) -> None:
    """``/stats/`` with its counts made afresh (the cache emptied, as a change to the archive does), then cached."""
    from django.core.cache import cache
    from django.test import Client

    client = Client(SERVER_NAME="localhost")

    def page(fresh: bool) -> None:
        if fresh:
            cache.clear()
        assert client.get("/stats/").status_code == 200

    page(True)  # warm: templates, the database's pages
    # Counting afresh reads the whole archive (0.4 s at 10,000 replies): past FULL_UP_TO, REPEAT times only.
    fresh = timings(page, [True], SETTINGS["REPEAT"] * (5 if table.full else 1))
    cached = timings(page, [False], SETTINGS["REPEAT"] * 20)
    table.add("/stats/, server time, cached", spread(cached), f"{len(cached)} requests")
    table.add("/stats/ after a change", spread(fresh), f"{len(fresh)} requests, each counting afresh"
              + ("" if table.full else f" ({SETTINGS['REPEAT'] * 5} up to {FULL_UP_TO:,} replies)"))


def measure_proposal_pages(table: Table) -> None:
    """Proposal pages (the reply timeline, and how often the issue was raised: the repeat group) in server time."""
    from django.test import Client

    from archive.models import Proposal, Reply

    client = Client(SERVER_NAME="localhost")
    public = Reply.objects.public().values("proposal_id")
    sample = list(Proposal.objects.filter(pk__in=public).order_by("?")[: SETTINGS["REPEAT"] * 20])
    client.get(sample[0].get_absolute_url())  # warm
    times = timings(lambda proposal: client.get(proposal.get_absolute_url()), sample, 1)
    table.add("proposal page, server time", spread(times), f"{len(sample)} proposals")


def measure_gunicorn(table: Table, env: dict, queries) -> None:
    from archive.models import Reply

    reply_ids = list(Reply.objects.public().values_list("pk", flat=True))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn({**env, "SEARCH_API_RATE_LIMIT": "1000000"}, port)
    try:
        if wait_for(base, "/healthz", lambda body: body.get("ok"), 120) is None:
            table.add("gunicorn", "did not become healthy in 120 s")
            return
        pages = {
            "search pages": lambda rng: ("search", rng.choice(queries).path),
            "reply pages": lambda rng: ("reply", f"/replies/{rng.choice(reply_ids)}/"),
        }
        for label, next_request in pages.items():
            run_load(base, next_request, clients=SETTINGS["CLIENTS"], seconds=5, max_requests=200)  # warm every worker
            runs = []  # (requests/s, outcomes) of each run; the median run is reported, every run's errors
            for _ in range(SETTINGS["LOAD_RUNS"]):
                results, seconds = run_load(
                    base, next_request, clients=SETTINGS["CLIENTS"], seconds=SETTINGS["SECONDS"], max_requests=100_000
                )
                outcomes = [outcome for kind in results.values() for outcome in kind]
                runs.append((len(outcomes) / seconds, outcomes))
            rate, outcomes = sorted(runs, key=lambda run: run[0])[len(runs) // 2]
            times = [ms for _, ms in outcomes]
            rates = ", ".join(f"{r:.0f}" for r, _ in runs)
            table.add(f"{label} through gunicorn", f"{rate:.1f} req/s",
                      f"median of {len(runs)} runs of {SETTINGS['SECONDS']} s ({rates}); "
                      f"p50 {percentile(times, 50):.0f} / p95 {percentile(times, 95):.0f} ms; "
                      f"{sum(failed(o) for _, o in runs)} errors; {SETTINGS['CLIENTS']} clients")
        peak, private = worker_memory_mb(server.pid)
        table.add("memory of a worker", f"{peak:.0f} MB peak resident",
                  f"{private:.0f} MB its own, the rest shared with the master")
    finally:
        stop(server)


def run(n: int) -> Table:
    data_dir = Path(tempfile.mkdtemp(prefix=f"archive-bench-{n}-"))
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DATABASE_URL", None)  # always the throw-away SQLite, never a real database
    os.environ.update(env)
    table = Table(n)
    print(f"\n== {n} replies in {data_dir}", flush=True)
    from benchmarks.corpus import prepare_database

    started = time.perf_counter()
    with step("corpus", started):
        table.add("corpus", prepare_database(n, data_dir))
    with step("bulk import", started):
        measure_import(table)
    with step("index rebuild", started):
        measure_indexing(table)
    with step("search pages", started):
        queries = archive_queries()
        search_times = measure_search(table, queries)
        measure_columns(table)
    search_p50 = percentile(list(chain.from_iterable(search_times)), 50)
    with step("hostile searches", started):
        measure_hostile(table, search_p50)
    with step("SQL baseline", started):
        measure_baseline(table, queries, search_times)
    with step("sitemap and dataset", started):
        measure_sitemap_and_dataset(table)
    with step("/stats/", started):
        measure_stats_page(table)
    with step("proposal pages", started):
        measure_proposal_pages(table)
    # The client threads share this process with everything measured so far: without freezing it, the
    # collector walked that heap while they ran and took 60% of a core from the server being measured.
    gc.collect()
    gc.freeze()
    with step("gunicorn", started):
        measure_gunicorn(table, env, queries)
    table.add("benchmark run time", f"{time.perf_counter() - started:.0f} s")
    return table


def result_path(name: str, now: datetime) -> Path:
    """``benchmarks/results/<date>-<name>.md``, or ``…-<name>-<HHMM>.md`` when a run of the day is kept there:
    a second run of the day never replaces the first, which the README or a note may cite."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{now:%Y-%m-%d}-{name}.md"
    return path.with_name(f"{now:%Y-%m-%d}-{name}-{now:%H%M}.md") if path.exists() else path


def write(table: Table, title: str = "Benchmark", kind: str = "") -> Path:
    """``benchmarks/results/<date>-[<kind>-]<N>.md``: the table, under ``title`` and the machine it ran on."""
    now = datetime.now(UTC)  # not Django's TIME_ZONE, which the process runs in: files sort by one clock
    path = result_path(f"{kind + '-' if kind else ''}{table.n}", now)
    path.write_text(f"# {title}, {table.n:,} replies, {now:%Y-%m-%d %H:%M} UTC\n\n"
                    f"Machine: {machine()}\n\n{table.markdown()}\n", encoding="utf-8")
    return path


def main() -> None:
    # One size per process: Django settings (the data dir) are read once at start-up.
    n = int(os.environ.get("N", "10000"))
    table = run(n)
    print(f"\n{table.markdown()}\n\nWritten to {write(table).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
