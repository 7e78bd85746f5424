"""Haystack's Whoosh backend with jieba, exact facet columns, safe writes and switchable index folders.

What it changes, and why (see docs/design.md, "Facts about the stack"):

* The document field is analysed by ``search.analysis`` (jieba, word-ordinal positions), with no
  ``spelling``/``sortable`` copies; facet fields (``*_exact``) are ``ID`` columns, not stemmed
  text, so 广州市南沙区教育局 stays one value. The non-exact twins haystack declares for faceted
  fields are left out of Whoosh: nothing here searches them.
* Writes take Whoosh's lock with retries and *raise* when they cannot: haystack's ``remove()``
  swallows ``LockError`` and leaves a hidden reply searchable. Only the indexer process (and a
  rebuild, in its own folder) writes in production.
* ``PATH`` is a symlink to a generation folder (``index-<stamp>``). A rebuild fills a new folder
  and replaces the symlink atomically; every process notices on its next query and reopens.
"""

import logging
import os
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from haystack.utils import get_identifier
from whoosh import index as whoosh_index
from whoosh.fields import DATETIME, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.fields import ID as WHOOSH_ID
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from search.analysis import chinese_analyzer
from search.mapped_storage import MappedFileStorage

log = logging.getLogger(__name__)

# How long a write waits for Whoosh's lock before giving up (the indexer then retries the batch).
WRITE_LOCK_TIMEOUT_S = 30.0


class IndexLocked(Exception):
    """Another writer held the index lock for longer than we waited; nothing was written."""


# ---- generation folders ---------------------------------------------------------------------


def new_generation(live: Path) -> Path:
    """A fresh, empty folder beside the live symlink for a rebuild to fill."""
    live.parent.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    folder = live.parent / f"{live.name}-{stamp}-{os.getpid()}"
    folder.mkdir()
    return folder


def switch_live(live: Path, folder: Path) -> None:
    """Point the live symlink at ``folder`` in one atomic rename; readers see old or new, never none."""
    temporary = live.parent / f".{live.name}.switch-{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(folder.name)  # relative, so the data dir can be moved as a whole
    os.replace(temporary, live)


def prune_generations(live: Path, keep: int = 2) -> None:
    """Delete old generation folders, keeping the live one and the ``keep - 1`` before it."""
    import shutil

    current = live.resolve()
    folders = sorted(p for p in live.parent.glob(f"{live.name}-*") if p.is_dir() and p != current)
    for folder in folders[: max(0, len(folders) - (keep - 1))]:
        shutil.rmtree(folder, ignore_errors=True)


def ensure_live(live: Path) -> Path:
    """Make ``live`` a symlink to a generation folder (creating an empty one) and return the folder."""
    if live.is_symlink():
        if not live.resolve().is_dir():  # a dangling link: start empty rather than fail every query
            switch_live(live, new_generation(live))
        return live.resolve()
    if live.is_dir():  # an index from before generations: adopt it as a generation
        folder = live.parent / f"{live.name}-legacy-{os.getpid()}"
        live.rename(folder)
        switch_live(live, folder)
        return folder
    folder = new_generation(live)
    switch_live(live, folder)
    return folder


# ---- the backend ---------------------------------------------------------------------------


class ChineseWhooshSearchBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.connection_options = connection_options  # a rebuild opens a second backend with the same options
        self.live = Path(self.path)
        self.folder: Path | None = None
        self._searcher: Searcher | None = None
        self.twins: set[str] = set()  # non-exact names of faceted fields, kept out of Whoosh

    def setup(self, folder: Path | None = None):
        """Open the live generation (or ``folder``, for a rebuild writing beside it)."""
        from haystack import connections

        self.folder = folder or ensure_live(self.live)
        self.storage = MappedFileStorage(str(self.folder))
        fields = connections[self.connection_alias].get_unified_index().all_searchfields()
        self.content_field_name, self.schema = self.build_schema(fields)
        self.parser = None  # never parse user syntax: search.query builds query objects
        if whoosh_index.exists(self.storage):
            self.index = self.storage.open_index(schema=self.schema)
        else:
            self.index = self.storage.create_index(self.schema)
        self._searcher = None
        self.setup_complete = True

    def build_schema(self, fields):
        schema = {
            ID: WHOOSH_ID(stored=True, unique=True),
            DJANGO_CT: WHOOSH_ID(stored=True),
            DJANGO_ID: WHOOSH_ID(stored=True),
        }
        content_field_name = ""
        exact_sources = {f.facet_for for f in fields.values() if getattr(f, "facet_for", None)}
        self.twins = {fields[name].index_fieldname for name in exact_sources if name in fields}
        for field in fields.values():
            name = field.index_fieldname
            if field.document:
                content_field_name = name
                # phrase=True keeps positions for quoted phrases; no spelling/sortable copies of the text.
                schema[name] = TEXT(analyzer=chinese_analyzer(), phrase=True, stored=False)
            elif name in self.twins:
                continue
            elif field.field_type in ("date", "datetime"):
                schema[name] = DATETIME(stored=True, sortable=True)
            elif field.is_multivalued:
                schema[name] = KEYWORD(stored=True, commas=True, lowercase=False)
            elif field.field_type in ("integer", "float"):
                schema[name] = NUMERIC(
                    stored=True, sortable=True, numtype=int if field.field_type == "integer" else float
                )
            else:
                schema[name] = WHOOSH_ID(stored=True, sortable=True)
        return content_field_name, Schema(**schema)

    # -- reading --

    def _follow_switch(self) -> None:
        """Reopen when a rebuild has switched the live symlink since we opened it."""
        if not self.setup_complete:
            self.setup()
        elif self.live.is_symlink() and self.live.resolve() != self.folder:
            self.setup()

    def searcher(self) -> Searcher:
        """A searcher on the newest committed state of the live index, reused while it is current."""
        self._follow_switch()
        if self._searcher is None:
            self._searcher = self.index.searcher()
        else:
            # refresh() shares unchanged segment readers with the old searcher: do not close it.
            self._searcher = self._searcher.refresh()
        return self._searcher

    def stored_documents(self) -> dict[int, dict]:
        """Every indexed reply's stored fields by reply id (``check_search_index`` compares them with the rows)."""
        return {int(fields[DJANGO_ID]): fields for fields in self.searcher().all_stored_fields()
                if fields.get(DJANGO_ID)}

    def executor(self):
        """The query executor on this index (``search.executor.Executor``)."""
        from search.whoosh_executor import WhooshExecutor

        return WhooshExecutor(self)

    # -- writing --

    def document(self, index, obj) -> dict | None:
        """The Whoosh document for one object, or None when the index skips it."""
        if not self.setup_complete:
            self.setup()
        try:
            prepared = index.full_prepare(obj)
        except SkipDocument:
            return None
        doc = {}
        for key, value in prepared.items():
            if key in self.twins or key == "boost" or value is None or value == "" or value == []:
                continue
            if isinstance(value, (list, tuple)):
                # KEYWORD splits on commas: a comma inside a name must not split it.
                value = ",".join(str(v).replace(",", "，") for v in value if v)
            doc[key] = self._from_python(value)
        return doc

    def write(self, documents: Iterable[dict] = (), delete_ids: Iterable[str] = (), *,
              timeout: float | None = None, **writer_options) -> None:
        """Update and delete in one commit, waiting up to ``timeout`` s for the lock; raises IndexLocked."""
        self._follow_switch()
        documents, delete_ids = list(documents), list(delete_ids)
        if not documents and not delete_ids:
            return
        timeout = WRITE_LOCK_TIMEOUT_S if timeout is None else timeout
        deadline = time.monotonic() + timeout
        lock = self.index.lock("WRITELOCK")
        while not lock.acquire():
            if time.monotonic() >= deadline:
                raise IndexLocked(f"Whoosh index {self.folder} stayed locked for {timeout:.0f} s")
            time.sleep(0.1)
        # The lock is ours, not the writer's: Whoosh's writer() locks before it creates the new segment's
        # files, and when that fails (a read-only or full disk) the half-built writer keeps the lock until it
        # is garbage-collected, which a logged traceback delays: every later write in the process timed out.
        try:
            writer = SegmentWriter(self.index, _lk=False, **writer_options)
            try:
                for identifier in delete_ids:
                    writer.delete_by_term(ID, identifier)
                for doc in documents:
                    writer.update_document(**doc)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
        finally:
            lock.release()

    def update(self, index, iterable, commit=True):
        documents = [doc for doc in (self.document(index, obj) for obj in iterable) if doc]
        self.write(documents)

    def remove(self, obj_or_string, commit=True):
        self.write(delete_ids=[get_identifier(obj_or_string)])

    def clear(self, models=None, commit=True):
        if models:
            from haystack.utils import get_model_ct

            self._follow_switch()
            searcher = self.index.searcher()
            try:
                ids = [fields[ID] for ct in map(get_model_ct, models)
                       for fields in searcher.documents(**{DJANGO_CT: ct})]
            finally:
                searcher.close()
            self.write(delete_ids=ids)
            return
        # Everything: switch to a fresh empty generation instead of deleting files under readers.
        switch_live(self.live, new_generation(self.live))
        self.setup()
        prune_generations(self.live)

    def delete_index(self):
        self.clear()


class ChineseWhooshEngine(WhooshEngine):
    backend = ChineseWhooshSearchBackend
