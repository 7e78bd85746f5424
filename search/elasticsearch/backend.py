"""The haystack engine for Elasticsearch: the indexer writes through it, the executor reads through it.

``SEARCH_URL=http://es:9200/replies`` (``search.connection``) names the cluster and the alias every
process reads and writes through. The index behind it is ``replies-<timestamp>``: a rebuild fills a new one
and moves the alias in one request (``search.elasticsearch.rebuild``); the first write to a cluster that
has none creates it. Nothing connects while a process starts; a cluster that is down fails only the
searches and writes that need it, with ``SearchUnavailable``.

Writes (``write``, the contract of ``search.indexing.apply_replies``) are one bulk request that returns only
when its changes are searchable (``refresh=wait_for``): the indexer marks a queue row processed after the
write returned, and ``search.executor.stale_reply_ids`` trusts that a processed change is visible. Any item
refused raises, so the rows stay queued and the batch is retried.
"""

import copy
from collections.abc import Iterable
from datetime import UTC, date, datetime

from haystack.backends import BaseEngine, BaseSearchBackend
from haystack.constants import ID
from haystack.exceptions import SkipDocument
from haystack.utils import get_identifier

from archive.privacy import mask_personal_numbers
from search.executor import SearchUnavailable

from .client import REQUEST_TIMEOUT_S, answering, connect
from .executor import ElasticsearchExecutor
from .mapping import SECTIONS, TEXT, analyzer_name, field_names, index_body


def _json(value):
    return value.isoformat() if isinstance(value, date) else value  # a date or a datetime: ISO text


def section_texts(reply) -> list[str]:
    """Each numbered section's heading and text, personal numbers masked, in order (for highlighting)."""
    sections = sorted(reply.sections.all(), key=lambda section: section.position)  # a prefetch is kept
    return [mask_personal_numbers(f"{section}\n{section.text}") for section in sections]


class ElasticsearchBackend(BaseSearchBackend):
    content_field_name = TEXT

    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.url = connection_options["URL"]
        self.alias = connection_options["INDEX_NAME"]
        self.index_name = self.alias  # where writes go: the alias, or the new index a rebuild fills
        self.request_timeout = float(connection_options.get("TIMEOUT", REQUEST_TIMEOUT_S))
        self._client = None
        self._index_ready = False

    @property
    def client(self):
        if self._client is None:  # made on first use: a site whose cluster is down must still start
            self._client = connect(self.url, self.request_timeout)
        return self._client

    def executor(self) -> ElasticsearchExecutor:
        return ElasticsearchExecutor(self.client, self.alias)

    def stored_documents(self, batch: int = 1_000) -> dict[int, dict]:
        """Every indexed reply's fields by reply id, as ``document`` wrote them less the text (check_search_index)."""
        documents: dict[int, dict] = {}
        after = None
        while True:
            body = {"size": batch, "query": {"match_all": {}}, "sort": [{"django_id": "asc"}],
                    "_source": {"excludes": [TEXT]}, **({"search_after": after} if after else {})}
            with answering("read stored documents"):
                hits = self.client.search(index=self.alias, body=body)["hits"]["hits"]
            for hit in hits:
                documents[int(hit["_source"]["django_id"])] = hit["_source"]
            if len(hits) < batch:
                return documents
            after = hits[-1]["sort"]

    # -- writing --

    def document(self, index, obj) -> dict | None:
        """The document for one object (``id`` is its ``_id``), or None when the index skips it."""
        try:
            prepared = index.full_prepare(obj)
        except SkipDocument:
            return None
        fields = field_names()
        # The mapping's fields only: haystack also prepares a non-exact twin of each facet, searched by nothing.
        doc = {key: _json(value) for key, value in prepared.items()
               if (key in fields or key == ID) and value not in (None, "", [])}
        if sections := section_texts(obj):
            doc[SECTIONS] = sections
        return doc

    def write(self, documents: Iterable[dict] = (), delete_ids: Iterable[str] = (), *,
              refresh: str | bool = "wait_for") -> None:
        """Index and delete in one bulk request; raises ``SearchUnavailable`` unless every item succeeded."""
        operations: list[dict] = []
        for doc in documents:
            source = dict(doc)
            operations += [{"index": {"_id": source.pop(ID)}}, source]
        operations += [{"delete": {"_id": identifier}} for identifier in delete_ids]
        if not operations:
            return
        self.ensure_index()
        with answering("bulk write"):
            answer = self.client.bulk(index=self.index_name, operations=operations, refresh=refresh)
        # A delete of a document that is not there answers 404 without an error: nothing to do.
        refused = [result for item in answer["items"] for result in item.values() if "error" in result]
        if refused:
            raise SearchUnavailable(f"Elasticsearch refused {len(refused)} of {len(answer['items'])}: {refused[0]}")

    def update(self, index, iterable, commit=True):
        self.write([doc for doc in (self.document(index, obj) for obj in iterable) if doc])

    def remove(self, obj_or_string, commit=True):
        self.write(delete_ids=[get_identifier(obj_or_string)])

    def clear(self, models=None, commit=True):
        self.ensure_index()
        with answering("clear"):  # one model is indexed: every document is a reply
            self.client.delete_by_query(index=self.alias, query={"match_all": {}}, refresh=True)

    # -- the index behind the alias --

    def ensure_index(self) -> None:
        """Create the first index, with the alias, when the cluster has neither (a site's first write)."""
        if self._index_ready or self.index_name != self.alias:
            return
        with answering("index check"):
            exists = bool(self.client.indices.exists(index=self.alias))
        if not exists:
            self.create_index(aliased=True)
        self._index_ready = True

    def create_index(self, *, aliased: bool = False, filling: bool = False) -> str:
        """A new empty index ``<alias>-<timestamp>`` (named by the alias when ``aliased``); returns its name.
        ``filling``: not refreshed until ``finish_filling`` (a rebuild's bulk load)."""
        name = f"{self.alias}-{datetime.now(UTC):%Y%m%dt%H%M%S%f}"  # index names are lowercase
        body = index_body(analyzer_name())
        if aliased:
            body["aliases"] = {self.alias: {}}
        if filling:
            body["settings"]["index"]["refresh_interval"] = "-1"
        with answering("create index"):
            self.client.indices.create(index=name, body=body)
        return name

    def finish_filling(self) -> None:
        """Searchable again, on the cluster's refresh schedule, and everything written so far now."""
        with answering("refresh"):
            self.client.indices.put_settings(index=self.index_name, settings={"index": {"refresh_interval": None}})
            self.client.indices.refresh(index=self.index_name)

    def writing_to(self, index_name: str) -> "ElasticsearchBackend":
        """This backend, writing to another index (a rebuild's new one) on the same client."""
        other = copy.copy(self)
        other.index_name = index_name
        return other

    def switch_alias(self, index_name: str) -> list[str]:
        """Point the alias at ``index_name`` alone in one atomic request; returns the indices it left."""
        with answering("alias switch"):
            if self.client.indices.exists_alias(name=self.alias):
                old = sorted(self.client.indices.get_alias(name=self.alias).body)
                actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
            elif self.client.indices.exists(index=self.alias):  # an index named like the alias: replaced
                old, actions = [], [{"remove_index": {"index": self.alias}}]
            else:
                old, actions = [], []
            actions.append({"add": {"index": index_name, "alias": self.alias}})
            self.client.indices.update_aliases(actions=actions)
        self._index_ready = True
        return [name for name in old if name != index_name]

    def delete_indices(self, names: list[str]) -> None:
        """Delete these indices by name (clusters refuse wildcard deletes by default)."""
        if names:
            with answering("delete index"):
                self.client.indices.delete(index=",".join(names))


class ElasticsearchEngine(BaseEngine):
    backend = ElasticsearchBackend
