"""gunicorn settings; every value can be overridden on the command line or by GUNICORN_* variables."""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One sync worker per core: pages are CPU work (SQLite and Whoosh are local files), and on 2 cores
# 2 workers served 197 reply pages/s where 4 served 160 (benchmarks/bench.py).
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Load the app (and with it jieba's dictionary) once in the master; workers share it copy-on-write.
preload_app = True
accesslog = "-"
errorlog = "-"
# A 2,000-character Chinese query is ~18 KB once percent-encoded, beyond gunicorn's 8 KB cap on
# the request line; the search page truncates long queries itself, so the line is left unbounded.
limit_request_line = 0


def when_ready(server):
    # The preloaded app (jieba's dictionary included: search.apps loads it at start-up) is shared with the
    # workers copy-on-write; gc.freeze() keeps the collector from touching, and so copying, those pages.
    import gc

    gc.freeze()
