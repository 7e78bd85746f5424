"""The Elasticsearch executor: ``search.executor.Executor`` on a cluster, through the index alias.

It sends the bodies of ``search.elasticsearch.requests`` and reads the answers: reply ids from the hits'
``_id`` (``archive.reply.<pk>``), the total, facet counts from the terms aggregations, the words the
highlighter marked. An answer the cluster cut short (its ``timeout`` passed, or a shard failed) is used as
it is and the page says so (``out_of_time``), as Whoosh does when the budget runs out. A refused
connection, a request that got no answer in time or an error status raise ``SearchUnavailable``.
"""

import functools
import re
import time
from collections import Counter

from search.executor import Found, Matches, SearchRequest, Widening, stale_reply_ids
from search.facets import FACETS
from search.ranking import SUGGESTED_FROM, closest, topic_weights

from . import requests as bodies
from .client import answering, until
from .mapping import MAX_RESULT_WINDOW

RELATED_BUDGET_S = 1.0  # related replies are a reply page's side list: past this the page goes without
_MARKED = re.compile(re.escape(bodies.MARK[0]) + "(.+?)" + re.escape(bodies.MARK[1]), re.DOTALL)


def hit_pk(hit: dict) -> int:
    """The reply of a hit: its ``_id`` is haystack's identifier, ``archive.reply.<pk>``."""
    return int(hit["_id"].rpartition(".")[2])


def facet_counts(aggregations: dict) -> dict[str, Counter]:
    """Each facet's values and how many matches hold them."""
    return {
        name: Counter({bucket["key"]: bucket["doc_count"]
                       for bucket in aggregations[name]["values"]["buckets"] if bucket["key"]})
        for name in FACETS
    }


def marked_words(hits: list[dict]) -> list[str] | None:
    """The words the highlighter marked in these hits, lowercased, first seen first; None when none was."""
    words = [
        match.group(1).lower()
        for hit in hits for fragments in hit.get("highlight", {}).values() for fragment in fragments
        for match in _MARKED.finditer(fragment)
    ]
    return list(dict.fromkeys(words)) or None


def cut_short(answer: dict) -> bool:
    """Whether the cluster answered with part of the matches: its timeout passed, or a shard failed."""
    return bool(answer.get("timed_out")) or answer.get("_shards", {}).get("failed", 0) > 0


class ElasticsearchExecutor:
    def __init__(self, client, alias: str):
        self.client = client
        self.alias = alias

    @functools.cached_property
    def _stale(self) -> set[int]:
        """Asked once for all the requests of one search (an executor serves one page of the site)."""
        return stale_reply_ids()

    def _search(self, body: dict, deadline: float) -> dict:
        timeout, request_timeout = until(deadline)
        with answering("search"):
            return self.client.options(request_timeout=request_timeout).search(
                index=self.alias, body={**body, "timeout": timeout}
            ).body

    def page(self, request: SearchRequest, page: int, per_page: int, deadline: float) -> Found:
        stale = self._stale
        page = max(1, min(page, MAX_RESULT_WINDOW // per_page))
        answer = self._search(bodies.page_body(request, stale, page, per_page), deadline)
        total = answer["hits"]["total"]["value"]
        hits, short = answer["hits"]["hits"], cut_short(answer)
        last = max(1, -(-total // per_page))
        if page > last and total:  # a page past the end shows the last
            page = last
            again = self._search(bodies.page_body(request, stale, page, per_page, facets=False), deadline)
            hits, short = again["hits"]["hits"], short or cut_short(again)
        return Found(total, page, [hit_pk(hit) for hit in hits], facet_counts(answer["aggregations"]), short,
                     marked_words(hits))

    def every_match(self, request: SearchRequest, limit: int, deadline: float) -> Matches:
        stale = self._stale
        ids: list[int] = []
        total, short, after = 0, False, None
        while True:
            body = bodies.every_match_body(request, stale, limit - len(ids), after)
            answer = self._search(body, deadline)
            hits = answer["hits"]["hits"]
            ids += [hit_pk(hit) for hit in hits]
            if after is None:
                total = answer["hits"]["total"]["value"]
            short = short or cut_short(answer)
            if short or len(hits) < body["size"] or len(ids) >= limit:
                return Matches(ids, total, short)
            if time.perf_counter() > deadline:
                return Matches(ids, total, True)
            after = hits[-1]["sort"]

    def count(self, request: SearchRequest, deadline: float) -> int:
        return self._search(bodies.count_body(request, self._stale), deadline)["hits"]["total"]["value"]

    def suggestions(self, request: SearchRequest, deadline: float, limit: int = 6) -> list[str]:
        words = request.parsed.highlight_words[: SUGGESTED_FROM]
        if not words:
            return []
        answer = self._search(bodies.suggest_body(words, limit), deadline)
        found: dict[str, float] = {}
        for i, word in enumerate(words):
            options = [option["text"] for entry in answer["suggest"][f"w{i}"] for option in entry["options"]]
            for term, ratio in closest(word, options, limit).items():
                found.setdefault(term, ratio)
        ranked = sorted(found, key=lambda term: -found[term])
        if not ranked:
            return []
        public = self._search(bodies.public_terms_body(ranked, self._stale), deadline)
        buckets = public["aggregations"]["public"]["buckets"]
        return [term for term, bucket in zip(ranked, buckets, strict=True) if bucket["doc_count"]][:limit]

    def widen(self, request: SearchRequest, deadline: float) -> tuple[list[Widening], bool]:
        tests = bodies.constraints(request)
        if not tests:
            return [], False
        answer = self._search(bodies.widen_body(request, self._stale), deadline)
        counts = [bucket["doc_count"] for bucket in answer["aggregations"]["widen"]["buckets"]]
        widenings = [Widening(name, count) for (name, _), count in zip(tests, counts, strict=True)]
        return [widening for widening in widenings if widening.count], cut_short(answer)

    def related(self, reply_pk: int, keywords: list[str], candidates: int) -> list[int]:
        if not keywords:
            return []
        deadline = time.perf_counter() + RELATED_BUDGET_S
        frequencies = self._search(bodies.keyword_frequency_body(keywords), deadline)
        holders = {bucket["key"]: bucket["doc_count"] for bucket in frequencies["aggregations"]["keywords"]["buckets"]}
        weights = topic_weights(keywords, holders, frequencies["hits"]["total"]["value"])
        if not weights:
            return []
        answer = self._search(bodies.related_body(reply_pk, weights, candidates), deadline)
        return [hit_pk(hit) for hit in answer["hits"]["hits"]]

    def document_count(self) -> int:
        with answering("count"):
            return self.client.count(index=self.alias)["count"]
