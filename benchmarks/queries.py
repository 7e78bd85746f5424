"""The benchmark's fixed set of searches: what delegates, journalists and clerks type, with and without facets.

Deterministic for a given archive: words come from the generator's vocabulary, names, agencies
and numbers from the database in primary-key order. Each search is a query string for /search/.
"""

import random
from dataclasses import dataclass
from urllib.parse import urlencode

from benchmarks.vocabulary import FIELDS


@dataclass(frozen=True)
class BenchQuery:
    kind: str  # word, words, phrase, name, agency, number, operators, facet, date, browse
    params: dict

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
