"""The official client, made lazily, and every way it can fail turned into ``SearchUnavailable``.

Making a client connects to nothing: a site whose cluster is down starts, and only a search (or a write)
finds out. No retries: a search has a deadline, and the indexer retries a failed batch on its own.
A search's time is given to the cluster (``timeout``: each shard answers with what it found by then, and
the answer says ``timed_out``) and, a little longer, to the client (``request_timeout``: an answer that
does not come at all is a failure).
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch

from search.executor import SearchUnavailable

REQUEST_TIMEOUT_S = 10.0  # writes, counts, index administration
GRACE_S = 1.0  # past the cluster's own timeout, for its partial answer to arrive
MIN_SEARCH_S = 0.05  # a search whose budget is spent still gets this long, to answer what it can


def connect(url: str, request_timeout: float = REQUEST_TIMEOUT_S) -> Elasticsearch:
    """A client for ``url`` (``http(s)://[user:password@]host:port``); no request is made."""
    return Elasticsearch(url, request_timeout=request_timeout, max_retries=0, retry_on_timeout=False)


def until(deadline: float) -> tuple[str, float]:
    """The cluster's ``timeout`` and the client's ``request_timeout`` for a search due at ``deadline``
    (``time.perf_counter``)."""
    seconds = max(deadline - time.perf_counter(), MIN_SEARCH_S)
    return f"{round(seconds * 1000)}ms", seconds + GRACE_S


@contextmanager
def answering(what: str) -> Iterator[None]:
    """Raise ``SearchUnavailable`` for a refused connection, a timeout or an error status within the block."""
    try:
        yield
    except (ApiError, TransportError) as error:
        cause = f" ({error.__cause__})" if error.__cause__ else ""  # the transport's own: "Connection refused"
        raise SearchUnavailable(f"Elasticsearch {what}: {error}{cause}") from error
