"""The cache every gunicorn worker on this machine shares by default: diskcache's, kept open between requests.

diskcache keeps the cache in SQLite files under the data dir; its ``add`` and ``incr`` are transactions, so
two workers counting one client at the same moment both count (Django's own file and database caches read,
add one and write back, and lost a quarter of such counts: ``benchmarks/cache_backends.py``).

Django closes every cache at the end of every request (``request_finished``). For diskcache that means the
next request opens the SQLite files again and the last close writes their journal back into them: two workers
counted 2,300 times a second instead of 12,400, and one process took 12 ms a request instead of 0.5. diskcache
opens one connection per thread and opens it afresh after a fork, so a worker can keep its connections for as
long as it lives.
"""

from diskcache import DjangoCache


class SharedDiskCache(DjangoCache):
    def close(self, **kwargs):
        """Nothing: Django calls this after every request (see above); the worker's exit closes the files."""
