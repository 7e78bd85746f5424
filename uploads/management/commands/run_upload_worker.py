"""Run the worker that reads uploaded files: django-q2's cluster, after finding what a previous run left unfinished.

At its start it queues again the uploads a killed worker left 识别中 once their lease has run out
(``uploads.sweep``), and schedules that sweep every minute. Then ``qcluster`` runs until SIGTERM or
SIGINT (Ctrl-C), finishing the files in hand. Send SIGTERM to this process only, not to its process
group: django-q2's processes stop one another in order (the systemd unit says ``KillMode=mixed``).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from uploads.queue import schedule_sweep
from uploads.sweep import requeue_stale


class Command(BaseCommand):
    help = "运行上传文件的后台识别进程：先找回上次中断的文件，再逐份读取排队的文件。"

    def handle(self, *args, **options):
        requeued = requeue_stale()
        schedule_sweep()
        if requeued:
            self.stdout.write(f"已重新排队 {requeued} 份上次未读完的文件。")
        call_command("qcluster")
