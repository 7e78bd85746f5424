"""Benchmark the search page's query path against SQL icontains on a generated corpus.

Run with ``make bench`` (N=10000 by default) or ``make bench N=1000``. It uses its own
throw-away data dir, so it never touches the archive. It prints: indexing docs/s (a full
rebuild into a new generation), query p50/p95 of the whole results computation (count, 20
hits read from the database, highlighted excerpts, 7 facets), the same for Whoosh's native
``groupedby`` facets instead of our column aggregation, and SQL icontains on the same data
with the same facet counts, as a ratio. Not a test: numbers depend on the machine.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = ["心理", "心理辅导室", "双减", "课后服务", "校外培训", "教师 待遇", '"心理健康教育"', "罗大成", "长春",
           "交通 -停车", "医疗 OR 养老", "第0070号", "五育并举", "乡村振兴", "垃圾分类"]


def main() -> None:
    n = int(os.environ.get("N", "10000"))
    data_dir = Path(tempfile.mkdtemp(prefix="archive-bench-"))
    os.environ["ARCHIVE_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from archive.models import Reply
    from benchmarks.corpus import generate

    call_command("migrate", verbosity=0)
    print(f"Generating {n} replies in {data_dir} …", flush=True)
    seconds, per_letter = generate(n)
    print(f"  {seconds:.0f} s, {per_letter} characters per letter", flush=True)

    from search.indexing import backend, rebuild

    started = time.perf_counter()
    procs = int(os.environ.get("PROCS", "1"))
    indexed = rebuild(procs=procs)
    seconds = time.perf_counter() - started
    print(f"Indexing: {indexed} docs in {seconds:.1f} s = {indexed / seconds:.1f} docs/s (procs={procs}, jieba included)")

    from whoosh import query as wq

    from search import facets as facet_module
    from search.query import SearchParams, _filter_query, _matching, build_text_query, parse_query, search

    def timed(fn, repeat=3):
        times = []
        for _ in range(repeat):
            for q in QUERIES:
                t = time.perf_counter()
                fn(q)
                times.append((time.perf_counter() - t) * 1000)
        return statistics.median(times), statistics.quantiles(times, n=20)[18]

    def page(q):
        results = search(SearchParams(q=q))
        for hit in results.hits:
            for excerpt in hit.excerpts:
                str(excerpt.html)

    search(SearchParams(q="心理"))  # warm: jieba, searcher, facet columns (once per index state)
    p50, p95 = timed(page)
    print(f"Search page (count + 20 hits + excerpts + 7 facets): p50 {p50:.1f} ms, p95 {p95:.1f} ms")

    searcher = backend().searcher()

    def facets_columns(q):
        scored = build_text_query(parse_query(q)) or wq.Every()
        facet_module.count_facets(searcher, _matching(searcher, scored, None))

    def facets_whoosh(q):
        scored = build_text_query(parse_query(q)) or wq.Every()
        facet_module.count_facets_whoosh(searcher, scored, None)

    def matching_only(q):
        scored = build_text_query(parse_query(q)) or wq.Every()
        _matching(searcher, scored, None)

    facets_whoosh("心理")
    m50, m95 = timed(matching_only)
    print(f"Matching ids only (needed for the count anyway): p50 {m50:.1f} ms, p95 {m95:.1f} ms")
    c50, c95 = timed(facets_columns)
    w50, w95 = timed(facets_whoosh)
    print(f"Facets only, aggregation over matched ids from cached stored columns: p50 {c50:.1f} ms, p95 {c95:.1f} ms")
    print(f"Facets only, Whoosh native groupedby (FieldFacet, sortable columns): p50 {w50:.1f} ms, p95 {w95:.1f} ms")

    from django.db.models import Count, Q

    def sql(q):
        words = [w for w in q.replace('"', " ").split() if not w.startswith("-") and w != "OR"]
        condition = Q()
        for word in words:
            condition &= Q(body_text__icontains=word) | Q(proposal__title__icontains=word)
        replies = Reply.objects.public().filter(condition)
        replies.count()
        list(replies.select_related("agency", "proposal").order_by("-date")[:20])
        for field in ["proposal__body", "agency__name", "agency__region", "date__year", "proposal__proposers__name",
                      "result_class", "proposal__session__name"]:
            list(replies.values(field).annotate(n=Count("pk", distinct=True)).order_by("-n")[:12])

    s50, s95 = timed(sql, repeat=1)
    print(f"SQL icontains (count + 20 rows + 7 GROUP BY facets): p50 {s50:.1f} ms, p95 {s95:.1f} ms")
    print(f"Ratio SQL / search page: p50 {s50 / p50:.1f}x, p95 {s95 / p95:.1f}x")
    print(f"Database: {connection.vendor}; index folder: {backend().folder}")


if __name__ == "__main__":
    main()
