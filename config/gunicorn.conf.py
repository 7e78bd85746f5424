"""gunicorn settings; every value can be overridden on the command line or by GUNICORN_* variables."""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One worker per core: pages are CPU work (SQLite and Whoosh are local files), and on 2 cores
# 2 workers served 197 reply pages/s where 4 served 160 (benchmarks/bench.py).
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
# gthread with the request headers read by the worker's event loop, not by a thread (config/limits.py): a client
# sending its headers slowly costs a buffer, never a worker, and is dropped after 10 s. The sync worker read them
# in the worker itself, so two such clients held both workers and /healthz waited a minute (issue 13).
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "config.limits.HeaderBufferingWorker")
# One thread a worker: pages are CPU work under one GIL, and 4 threads made no page cheaper (the same 19 ms of CPU a
# search page, 9 ms a reply page) while doubling a worker's memory (docs/deployment.md, "The worker class"); the
# app then runs one request at a time per process, as it was written and tested for.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Load the app (and with it jieba's dictionary) once in the master; workers share it copy-on-write.
preload_app = True
accesslog = "-"
errorlog = "-"
# The request line (method, URL, version) is capped at gunicorn's largest value, 8,190 bytes; a longer one is
# answered "414 URI Too Long". The search page cuts queries to 200 characters, ~1.8 KB of Chinese once
# percent-encoded, so a query of up to ~850 Chinese characters with its facet parameters still fits (the search
# boxes' maxlength should be 200, what the page keeps, not 2,000). Before, 0 let an 8 MB URL in.
limit_request_line = 8190
# No control socket: gunicorn 25+ makes one at $XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl, shared by
# every instance of one user, each new one removing the last's. GUNICORN_CONTROL_SOCKET=PATH gives this one its own.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
# Files gunicorn itself creates (worker heartbeat files, a unix socket) are the owner's only; the app's data files
# are covered by the umask config/settings.py sets.
umask = 0o077


def when_ready(server):
    # The preloaded app (jieba's dictionary included: search.apps loads it at start-up) is shared with the
    # workers copy-on-write; gc.freeze() keeps the collector from touching, and so copying, those pages.
    import gc

    gc.freeze()
