"""axes' admin pages in Chinese: what axes writes there without gettext, named here.

Its labels come through gettext (``locale/zh_Hans``); its records' names, two of its columns and the
message of its clean-up action are plain English in axes' code, so those are replaced below.
"""

from axes import admin as axes_admin
from axes.conf import settings
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils import timezone


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


# The name of a record on its page, in the breadcrumbs and the history, in place of "Attempted Access: …".
AccessAttempt.__str__ = lambda attempt: f"{attempt.username}，{_when(attempt.attempt_time)} 起的登录尝试"
AccessFailureLog.__str__ = lambda failure: (
    f"{failure.username} 登录失败，{_when(failure.attempt_time)}" + ("（已锁定）" if failure.locked_out else "")
)
AccessLog.__str__ = lambda log: f"{log.username} 的登录，{_when(log.attempt_time)}"


@admin.register(AccessAttempt)
class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    @admin.action(description="清除已过期的登录尝试")
    def cleanup_expired_attempts(self, request, queryset):
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(request, f"已清除 {count} 条过期的登录尝试。")

    @admin.display(description="过期时间")
    def expiration(self, attempt):
        return super().expiration(attempt)

    @admin.display(description="状态")
    def status(self, attempt):
        left = settings.AXES_FAILURE_LIMIT - attempt.failures_since_start
        return f"还可再试 {left} 次" if left > 0 else "已锁定"


admin.site.register(AccessLog, axes_admin.AccessLogAdmin)
admin.site.register(AccessFailureLog, axes_admin.AccessFailureLogAdmin)
