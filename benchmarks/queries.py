"""The benchmark's fixed set of searches: what delegates, journalists and clerks type, with and without facets.

Deterministic for a given archive: words come from the generator's vocabulary, names, agencies
and numbers from the database in primary-key order. Each search is a query string for /search/.
"""

import json
import random
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.vocabulary import FIELDS


@dataclass(frozen=True)
class BenchQuery:
    kind: str  # word, words, phrase, name, agency, number, operators, facet, date, browse; hostile
    params: dict
    name: str = ""  # a hostile case's name

    @property
    def path(self) -> str:
        return "/search/?" + urlencode(self.params, doseq=True)

    @property
    def words(self) -> list[str]:
        """The positive words, for the SQL baseline's icontains."""
        q = self.params.get("q", "").replace('"', " ")
        return [word for word in q.split() if word != "OR" and not word.startswith("-")]


def bench_queries(names: list[str], agencies: list[str], numbers: list[str], years: list[int]) -> list[BenchQuery]:
    """About 130 searches; ``names``, ``agencies``, ``numbers`` and ``years`` are taken from the archive."""
    rng = random.Random(7)
    things = [thing for field in FIELDS for thing in field["things"]]
    people = [group for field in FIELDS for group in field["people"]]
    themes = [theme for field in FIELDS for theme in field["themes"]]
    common = ["心理", "养老", "公交", "垃圾", "医保"]
    queries = [BenchQuery("word", {"q": word}) for word in rng.sample(things, 25) + common]
    queries += [BenchQuery("words", {"q": f"{rng.choice(things)} {rng.choice(people)}"}) for _ in range(15)]
    queries += [BenchQuery("words", {"q": " ".join(rng.sample(things, 3))}) for _ in range(5)]
    queries += [BenchQuery("phrase", {"q": f'"{theme}"'}) for theme in rng.sample(themes, 10)]
    queries += [BenchQuery("name", {"q": name}) for name in names[:10]]
    queries += [BenchQuery("agency", {"q": agency}) for agency in agencies[:5]]
    queries += [BenchQuery("number", {"q": f"第{number}号"}) for number in numbers[:5]]
    operators = ["养老 -机构", "公交 OR 地铁", "停车 -充电桩", "心理 OR 辅导", "医保 -异地"]
    queries += [BenchQuery("operators", {"q": q}) for q in operators]
    queries += [BenchQuery("facet", {"q": rng.choice(things), "agency": agency}) for agency in agencies[5:15]]
    queries += [BenchQuery("facet", {"q": rng.choice(things), "year": str(year)}) for year in years[:5]]
    queries += [BenchQuery("facet", {"q": rng.choice(things), "body": body}) for body in ["人大", "政协"]]
    queries += [BenchQuery("facet", {"q": rng.choice(things), "year": str(rng.choice(years)), "result": "已解决"})
                for _ in range(3)]
    queries += [BenchQuery("date", {"q": rng.choice(things), "sort": "date"}) for _ in range(10)]
    queries += [BenchQuery("date", {"q": rng.choice(people), "sort": "date", "page": "3"}) for _ in range(3)]
    queries += [BenchQuery("browse", {"agency": agency}) for agency in agencies[15:20]]
    queries += [BenchQuery("browse", {"year": str(year)}) for year in years[:3]]
    return queries


# Hostile searches (issue 13), kept with the tests: tests/search/test_hostile_queries.py runs each of them.
HOSTILE = Path(__file__).resolve().parents[1] / "tests" / "data" / "hostile_queries.json"


def _hostile_value(value, fill):
    if isinstance(value, str):
        return fill(value)
    if isinstance(value, list):
        return [fill(item) for item in value]
    if "text" in value:
        return fill(value["text"]) * value["times"]
    if "each" in value:
        return [fill(value["each"])] * value["times"]
    return [fill(value["format"]).format(number) for number in range(*value["range"])]


def hostile_queries(values: dict[str, str]) -> list[BenchQuery]:
    """The hostile corpus, its {placeholders} filled from ``values`` (see ``archive_values``)."""
    def fill(text: str) -> str:
        for key, value in values.items():
            text = text.replace("{" + key + "}", value)
        return text

    cases = json.loads(HOSTILE.read_text(encoding="utf-8"))["cases"]
    return [BenchQuery("hostile", {key: _hostile_value(value, fill) for key, value in case["params"].items()},
                       case["name"]) for case in cases]


def archive_values() -> dict[str, str]:
    """Real values of the archive for the hostile corpus's placeholders: the commonest agency, year, place…"""
    from django.db.models import Count

    from archive.models import Reply

    replies = Reply.objects.public()
    agencies = [row["agency__name"] for row in
                replies.values("agency__name").annotate(n=Count("pk")).order_by("-n", "agency__name")[:2]]
    years = sorted({day.year for day in replies.dates("date", "year")}, reverse=True) or [2024]
    reply = replies.filter(agency__name=agencies[0]).select_related("proposal__place", "proposal__session").first()
    from search.indexing import reply_index

    index = reply_index()
    proposers = index.prepare_proposer(reply) if reply else []
    return {
        "agency": agencies[0] if agencies else "慈溪市教育局",
        "agency2": agencies[-1] if len(agencies) > 1 else "长春市教育局",
        "year": str(years[0]),
        "year2": str(years[1] if len(years) > 1 else years[0] - 1),
        "place": reply.proposal.place.code if reply and reply.proposal.place_id else "330000",
        "proposer": proposers[0] if proposers else "朱蓉",
        "session": index.prepare_session(reply) if reply else "",
    }
