"""Mail settings come from EMAIL_URL, with a default for development and one for production."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

SHOWN = ["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS",
         "EMAIL_USE_SSL", "SITE_URL"]
SMTP, CONSOLE = "django.core.mail.backends.smtp.EmailBackend", "django.core.mail.backends.console.EmailBackend"


def settings_with(tmp_path, **variables) -> dict:
    env = {name: value for name, value in os.environ.items()
           if name not in {"EMAIL_URL", "DEBUG", "HTTPS", "ALLOWED_HOSTS", "SITE_URL"}}
    env.update(ARCHIVE_DATA_DIR=str(tmp_path), **variables)
    script = f"import json, config.settings as s; print(json.dumps({{n: getattr(s, n, None) for n in {SHOWN!r}}}))"
    result = subprocess.run([sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize("variables, expected", [
    ({"EMAIL_URL": "smtp+tls://archive:s%40cret@mail.example.cn:587"},
     {"EMAIL_BACKEND": SMTP, "EMAIL_HOST": "mail.example.cn", "EMAIL_PORT": 587, "EMAIL_HOST_USER": "archive",
      "EMAIL_HOST_PASSWORD": "s@cret", "EMAIL_USE_TLS": True}),
    ({"EMAIL_URL": "smtp+ssl://archive:pw@mail.example.cn:465"},
     {"EMAIL_BACKEND": SMTP, "EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
    ({"EMAIL_URL": "consolemail://"}, {"EMAIL_BACKEND": CONSOLE}),
    ({"DEBUG": "1"}, {"EMAIL_BACKEND": CONSOLE, "SITE_URL": "http://127.0.0.1:8000"}),
    ({}, {"EMAIL_BACKEND": SMTP, "EMAIL_HOST": "localhost", "EMAIL_PORT": 25}),
    ({"HTTPS": "1", "ALLOWED_HOSTS": "archive.example.cn"}, {"SITE_URL": "https://archive.example.cn"}),
    ({"SITE_URL": "https://daf.example.cn"}, {"SITE_URL": "https://daf.example.cn"}),
])
def test_mail_settings_come_from_the_environment(tmp_path, variables, expected):
    shown = settings_with(tmp_path, **variables)

    assert {name: shown[name] for name in expected} == expected
