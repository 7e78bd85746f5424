"""Run the worker that reads uploaded files: django-q2's cluster, after finding what a previous run left unfinished.

At its start it queues again the uploads a killed worker left 识别中 once their lease has run out
(``uploads.sweep``), and schedules that sweep every minute. Then ``qcluster`` runs until SIGTERM or
SIGINT (Ctrl-C), finishing the files in hand. Send SIGTERM to this process only, not to its process
group: django-q2's processes stop one another in order (the systemd unit says ``KillMode=mixed``).

Before the cluster starts, the process lowers its CPU priority to ``UPLOAD_WORKER_NICENESS`` (10): the cluster's
processes and the Tesseract processes they start inherit it, so on a small machine the kernel serves gunicorn's
requests first and the files are read with the CPU time left over (issue 19).
"""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from uploads.queue import schedule_sweep
from uploads.sweep import requeue_stale


class Command(BaseCommand):
    help = "运行上传文件的后台识别进程：先找回上次中断的文件，再逐份读取排队的文件。"

    def handle(self, *args, **options):
        niceness = lower_priority(settings.UPLOAD_WORKER_NICENESS)
        if niceness > 0:
            self.stdout.write(f"以较低的处理器优先级运行（nice {niceness}），网站的请求优先。")
        requeued = requeue_stale()
        schedule_sweep()
        if requeued:
            self.stdout.write(f"已重新排队 {requeued} 份上次未读完的文件。")
        call_command("qcluster")


def lower_priority(niceness: int) -> int:
    """Bring this process's niceness up to ``niceness`` (0 or less: leave it); returns the niceness it runs at.

    A target, not a step: a worker already started under ``nice`` or systemd's ``Nice=`` at or above it stays as it
    is, and without privileges a process can only raise its niceness anyway.
    """
    current = os.nice(0)
    return os.nice(niceness - current) if niceness > current else current
