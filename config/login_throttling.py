"""django-axes, which throttles admin logins, in Chinese: its name in the admin and its locked-out page.

axes 8.3 ships no Chinese catalogue: its labels are translated in ``locale/zh_Hans``; what it writes
without gettext (the app's name, two admin columns, a message, its records' names) is put in Chinese
by ``config.login_throttling_admin``, which ``ready`` loads in place of axes' own admin
(``AXES_ENABLE_ADMIN = False``).
"""

from math import ceil

from axes.apps import AppConfig


class LoginThrottlingConfig(AppConfig):
    verbose_name = "登录限制"

    def ready(self):
        super().ready()
        from config import login_throttling_admin  # noqa: F401  registers the admin pages


def locked_out(request, original_response=None, credentials=None):
    """The locked-out page inside the admin's frame (its header, not Django's), saying how long the pause lasts."""
    from axes.conf import settings
    from axes.helpers import get_cool_off
    from django.contrib import admin
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    context = {**admin.site.each_context(request), "title": "登录已暂停",
               "cool_off_minutes": ceil(cool_off.total_seconds() / 60) if cool_off else None}
    return render(request, "admin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
