"""Benchmark the search page's query path against SQL icontains on a generated corpus.

Run with ``make bench`` (N=10000 by default) or ``make bench N=1000``. It uses its own
throw-away data dir, so it never touches the archive. It prints: indexing docs/s (a full
rebuild into a new generation), query p50/p95 of the whole results computation (count, 20
hits read from the database, highlighted excerpts, 7 facets), the same for Whoosh's native
``groupedby`` facets instead of our column aggregation, and SQL icontains on the same data
with the same facet counts, as a ratio. Not a test: numbers depend on the machine.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = ["心理", "心理辅导室", "双减", "课后服务", "校外培训", "教师 待遇", '"心理健康教育"', "罗大成", "长春",
           "交通 -停车", "医疗 OR 养老", "第0070号", "五育并举", "乡村振兴", "垃圾分类"]
CITIES = ["慈溪", "信阳", "资阳", "长春", "广州", "成都", "杭州", "郑州", "南宁", "昆明", "西安", "太原"]
OFFICES = ["教育局", "教育和体育局", "卫生健康委员会", "交通运输局", "民政局", "人力资源和社会保障局", "住房和城乡建设局",
           "农业农村局", "生态环境局", "公安局", "财政局", "文化广电旅游局"]
TOPICS = ["学生心理健康", "心理辅导室建设", "双减政策落实", "课后服务", "校外培训治理", "乡村教师待遇", "交通拥堵治理",
          "停车难", "医疗保障", "社区养老", "垃圾分类", "乡村振兴", "五育并举", "家校社协同育人", "食品安全"]
SENTENCES = ["我们高度重视您提出的建议，认真研究并积极推进相关工作。", "近年来，全市持续加大投入，不断完善{t}工作机制。",
             "一是强化组织领导，将{t}纳入年度重点工作。", "二是加强部门协同，建立联席会议制度，定期研究解决{t}中的突出问题。",
             "三是加大经费保障力度，统筹各类资金支持{t}。", "下一步，我们将继续深化{t}，加强督导检查，确保各项措施落地见效。",
             "感谢您对{t}工作的关心和支持，欢迎继续提出宝贵意见。", "截至目前，全市已建成相关设施{n}处，覆盖学生{n}万人。"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["大成", "海朋", "蓉", "海光", "晶晶", "强", "娜", "建国", "丽", "伟", "敏", "静", "磊", "洋", "艳"]


def letter(rng: random.Random) -> tuple[dict, str]:
    topic = rng.choice(TOPICS)
    city = rng.choice(CITIES)
    sections = []
    for number in "一二三四五"[: rng.randint(3, 5)]:
        body = "".join(rng.choice(SENTENCES).format(t=rng.choice([topic, rng.choice(TOPICS)]), n=rng.randint(10, 900))
                       for _ in range(rng.randint(12, 22)))
        sections.append((1, number, f"{rng.choice(['强化', '完善', '推进', '加强'])}{rng.choice(TOPICS)}", body))
    fields = dict(
        title=f"关于{rng.choice(['加强', '推进', '完善'])}{topic}的建议", agency=f"{city}市{rng.choice(OFFICES)}",
        proposers=tuple({rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(rng.randint(1, 3))}),
        role=rng.choice(["代表", "委员"]), session=rng.choice(["市十七届人大一次会议", "市政协五届四次会议", "市五届人大三次会议"]),
        number=f"{rng.randint(1, 400):04d}", date=f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        result_class=rng.choice("ABCD"),
    )
    return fields, sections


def main() -> None:
    n = int(os.environ.get("N", "10000"))
    data_dir = Path(tempfile.mkdtemp(prefix="archive-bench-"))
    os.environ["ARCHIVE_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from archive.ingest import save_parsed_reply
    from archive.models import Reply
    from archive.parsing import ParsedReply, ParsedSection

    call_command("migrate", verbosity=0)
    rng = random.Random(2024)
    print(f"Generating {n} replies in {data_dir} …", flush=True)
    started = time.perf_counter()
    characters = 0
    with transaction.atomic():
        for i in range(n):
            fields, sections = letter(rng)
            body = "\n".join(f"{num}、{title}\n{text}" for _, num, title, text in sections)
            body = f"{fields['proposers'][0]}{fields['role']}：\n您提出的《{fields['title']}》收悉，现答复如下：\n{body}\n（{i}）"
            characters += len(body)
            parsed = ParsedReply(
                proposer_names=list(fields["proposers"]), proposer_role=fields["role"], body="人大" if fields["role"] == "代表" else "政协",
                proposal_number=fields["number"], session=fields["session"], proposal_title=fields["title"], agency=fields["agency"],
                date=fields["date"], result_class=fields["result_class"], disclosure="主动公开",
                sections=[ParsedSection(level=lvl, number=num, title=title, text=text) for lvl, num, title, text in sections],
                body_text=body,
            )
            save_parsed_reply(parsed, raw_text=body, publish=True)
    print(f"  {time.perf_counter() - started:.0f} s, {characters / n:.0f} characters per letter", flush=True)

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
