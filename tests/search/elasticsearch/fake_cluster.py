"""A cluster in memory for the executor's and the backend's tests: the real client, a fake node.

The official client sends its requests through a node class; ``FakeCluster.client()`` gives it one that
records each request and answers the next canned answer, as a cluster would (status, JSON body and the
``X-Elastic-Product`` header the client insists on).
"""

import json

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse
from elasticsearch import Elasticsearch


def _decoded(body: bytes | None):
    if not body:
        return None
    lines = body.decode().splitlines()
    return json.loads(lines[0]) if len(lines) == 1 else [json.loads(line) for line in lines]  # bulk: NDJSON


class FakeCluster:
    def __init__(self, *answers):
        """Each answer is a JSON body (status 200), a (status, body) pair or an exception to raise (a refused
        connection), in the order they are asked for."""
        self.answers = [answer if isinstance(answer, tuple | Exception) else (200, answer) for answer in answers]
        self.requests: list[dict] = []

    def client(self) -> Elasticsearch:
        cluster = self

        class Node(BaseNode):
            def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
                cluster.requests.append({"method": method, "target": target, "body": _decoded(body),
                                         "request_timeout": request_timeout})
                answer = cluster.answers.pop(0)
                if isinstance(answer, Exception):
                    raise answer
                status, answer = answer
                headers = HttpHeaders({"x-elastic-product": "Elasticsearch", "content-type": "application/json"})
                meta = ApiResponseMeta(status=status, http_version="1.1", headers=headers, duration=0.0,
                                       node=self.config)
                return NodeApiResponse(meta, json.dumps(answer).encode())

            def close(self):
                pass

        return Elasticsearch("http://cluster.test:9200", node_class=Node, max_retries=0)

    @property
    def bodies(self) -> list:
        return [request["body"] for request in self.requests]


def search_answer(ids=(), total=None, aggregations=None, highlights=None, timed_out=False) -> dict:
    """What ``_search`` answers: hits with haystack ids, the total, aggregations; highlights by position."""
    highlights = highlights or {}
    hits = [{"_index": "replies-1", "_id": f"archive.reply.{pk}", "_score": 1.0, "sort": [1.0, pk],
             **({"highlight": highlights[i]} if i in highlights else {})} for i, pk in enumerate(ids)]
    return {"took": 1, "timed_out": timed_out, "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
            "hits": {"total": {"value": len(ids) if total is None else total, "relation": "eq"}, "hits": hits},
            **({"aggregations": aggregations} if aggregations is not None else {})}


def buckets(counts: dict) -> dict:
    return {"buckets": [{"key": key, "doc_count": count} for key, count in counts.items()]}


def facet_buckets(counts: dict) -> dict:
    """A facet's answer: its terms aggregation inside the filter of the other facets."""
    return {"doc_count": sum(counts.values()), "values": buckets(counts)}
