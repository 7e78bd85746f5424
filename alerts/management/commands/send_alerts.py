"""Send the e-mail alerts that are due: a digest of new public replies to each confirmed subscription.

Run it from cron or a systemd timer (README, "E-mail alerts"); hourly is fine, each subscription gets
at most one digest a day (or a week). What happens on a crash at each step, and why no reply reaches a
subscriber twice, is in ``alerts/delivery.py``. Exits non-zero when nothing could be sent for a reason
that another run may mend (the search engine or the mail server down, another run under way).
"""

import smtplib

from django.core.management.base import BaseCommand, CommandError

from alerts.delivery import AlreadyRunning, BrokenExchange, Report, send_due
from search.executor import SearchUnavailable


class Command(BaseCommand):
    help = "发送到期的邮件提醒（每日或每周的新答复摘要）。"

    def handle(self, *args, **options):
        try:
            report = send_due()
        except SearchUnavailable as error:
            raise CommandError(f"检索服务无法连接（{error}）：本次没有发送任何提醒，下次运行时重试。") from None
        except AlreadyRunning:
            raise CommandError("另一个 send_alerts 正在运行：本次什么也没做。") from None
        except BrokenExchange as error:
            self._write(error.args[0])
            raise CommandError(f"与邮件服务器的连接中断（{error.__cause__}）：这一封是否送达无法确认，"
                               "不会重发；其余的提醒下次运行时发送。") from None
        except (smtplib.SMTPException, OSError) as error:
            raise CommandError(f"无法连接邮件服务器（{error}）：本次没有发送任何提醒，下次运行时重试。") from None
        self._write(report)
        if report.refused:
            raise CommandError(f"{len(report.refused)} 封提醒被邮件服务器拒收，下次运行时重试。")

    def _write(self, report: Report) -> None:
        self.stdout.write(
            f"检查了 {report.checked} 个到期的订阅，发出 {report.sent} 封提醒，共 {report.replies} 件新答复。"
        )
        if report.out_of_time:
            self.stdout.write(f"{report.out_of_time} 个检索超出时间限制，只用了已找到的部分结果；其余的以后补发。")
        if report.lost:
            self.stdout.write(f"上次运行中断：{report.lost} 封提醒已记录但未确认发出，按“至多一次”不再重发。")
        for reason in report.refused:
            self.stderr.write(f"邮件服务器拒收：{reason}")
