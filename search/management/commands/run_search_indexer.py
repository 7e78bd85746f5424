"""Run the one process that writes the search index: it drains ``search.models.IndexQueue``.

By default a small supervisor starts the worker as a child process and restarts it whenever it
dies (``make run`` starts this beside gunicorn). ``--worker`` is that child: it polls the queue,
indexes what it finds and treats a Whoosh ``LockError`` as "try again", never as "drop".
``--once`` drains the queue once and exits (cron, scripts, tests).

One indexer at a time: the worker holds ``indexer.lock`` in the index's data dir for as long as it
runs (search/indexing.py), so a second indexer started beside it waits, writing nothing, until the
first is gone. The worker never outlives its supervisor, even one killed with ``kill -9``: on Linux
the kernel sends it SIGTERM when the supervisor dies (``prctl(PR_SET_PDEATHSIG)``), and everywhere it
also exits once its parent is no longer the supervisor that started it.
"""

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from search.backend import IndexLocked
from search.executor import SearchUnavailable
from search.indexing import drain_queue, index_lock

FILE_ERROR_PAUSE_S = 10.0
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """Have the kernel end this process when ``parent`` dies (Linux); exit now if it already has."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the polling in orphaned() still ends us within an interval
    if orphaned(parent):  # the supervisor died before prctl took effect
        sys.exit(0)


def orphaned(parent: int | None) -> bool:
    return parent is not None and os.getppid() != parent


class Command(BaseCommand):
    help = "运行检索索引进程：把答复的改动写入检索索引（默认带自动重启）。"

    def add_arguments(self, parser):
        parser.add_argument("--worker", action="store_true", help="只运行索引进程本身，不自动重启。")
        parser.add_argument("--once", action="store_true", help="处理完队列中的改动后退出。")
        parser.add_argument("--interval", type=float, default=0.5, help="队列为空时每隔几秒查看一次。")
        parser.add_argument("--parent", type=int, default=None,
                            help="（自动重启的上级进程传入）上级进程的进程号：它一结束，索引进程随之退出。")

    def handle(self, *args, **options):
        if options["once"]:
            count = drain_queue()
            self.stdout.write(self.style.SUCCESS(f"已处理 {count} 条索引改动。"))
        elif options["worker"]:
            self.work(options["interval"], options["verbosity"], options["parent"])
        else:
            self.supervise(options["interval"])

    def work(self, interval: float, verbosity: int, parent: int | None = None) -> None:
        if parent is not None:
            die_with_parent(parent)

        def waiting(tries: int) -> None:
            if tries == 1:
                self.stderr.write("另一个检索索引进程正在运行，等待它退出后再写索引……")
            self.exit_if_orphaned(parent)

        # Held until this process ends: the kernel releases it however we die.
        with index_lock("indexer", waiting=waiting):
            self.stdout.write(f"检索索引进程已启动（进程号 {os.getpid()}）。")
            while True:
                self.exit_if_orphaned(parent)
                count, pause = self.drain_once()
                if count and verbosity > 1:
                    self.stdout.write(f"已处理 {count} 条索引改动。")
                if not count:
                    time.sleep(max(pause, interval))

    def exit_if_orphaned(self, parent: int | None) -> None:
        if orphaned(parent):
            self.stderr.write("自动重启的上级进程已结束，索引进程随之退出。")
            sys.exit(0)

    def drain_once(self) -> tuple[int, float]:
        """Index what is queued; returns the rows processed and how long to wait before trying again."""
        try:
            return drain_queue(), 0.0
        except IndexLocked:
            return 0, 0.0  # another writer (a rebuild's replay) holds the lock: the rows stay queued
        except DatabaseError as error:
            self.stderr.write(f"读取索引队列失败，稍后重试：{error}")
            close_old_connections()
            return 0, 0.0
        except (OSError, SearchUnavailable) as error:
            # A read-only or full disk, or an Elasticsearch cluster that is down or refused the batch. Dying only
            # had the supervisor restart us every second, with a traceback each time; the rows stay queued and
            # /healthz turns 503 if it lasts.
            self.stderr.write(f"写入检索索引失败，{FILE_ERROR_PAUSE_S:.0f} 秒后重试，改动仍在队列中：{error}")
            return 0, FILE_ERROR_PAUSE_S

    def supervise(self, interval: float) -> None:
        command = [sys.executable, str(Path(sys.argv[0]).resolve()), "run_search_indexer", "--worker",
                   f"--interval={interval}", f"--parent={os.getpid()}"]
        child: subprocess.Popen | None = None

        def stop(signum, frame):
            if child and child.poll() is None:
                child.terminate()
            sys.exit(0)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while True:
            child = subprocess.Popen(command)
            code = child.wait()
            self.stderr.write(self.style.ERROR(f"检索索引进程退出（代码 {code}），1 秒后重启。"))
            time.sleep(1)
