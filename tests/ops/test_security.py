"""Security headers on every page, and pages that satisfy their own Content-Security-Policy."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.I),  # a script with a body
    re.compile(r"<style[\s>]", re.I),
    re.compile(r"\sstyle=", re.I),
    re.compile(r"\son[a-z]+=", re.I),  # onclick= and friends
    re.compile(r"javascript:", re.I),
]


def public_pages(reply):
    return ["/", "/replies/", reply.get_absolute_url(), reply.proposal.get_absolute_url(),
            reply.agency.get_absolute_url(), reply.proposal.proposer_links.first().person.get_absolute_url(),
            "/agencies/", "/search/?q=心理", "/search/?q=<script>alert(1)</script>", "/admin/login/"]


@pytest.mark.usefixtures("search_index")
def test_every_page_carries_the_security_headers_and_has_no_inline_script_or_style(client, make_reply, indexed):
    with indexed():
        reply = make_reply(sections=[(1, "一", "加强组织领导")])

    for url in public_pages(reply):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "script-src" not in response["Content-Security-Policy"]  # default-src 'self' covers scripts
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        page = response.content.decode()
        assert [pattern.pattern for pattern in INLINE if pattern.search(page)] == [], url


def test_the_admin_pages_a_clerk_uses_satisfy_the_policy_too(admin_client):
    for url in ["/admin/", "/admin/archive/reply/", "/admin/archive/reply/add/", "/admin/archive/reply/upload/"]:
        page = admin_client.get(url).content.decode()
        assert [pattern.pattern for pattern in INLINE if pattern.search(page)] == [], url


def test_forms_carry_a_csrf_token(admin_client):
    assert "csrfmiddlewaretoken" in admin_client.get("/admin/archive/reply/upload/").content.decode()


@pytest.mark.slow
def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(tmp_path), "HTTPS": "1", "ALLOWED_HOSTS": "archive.example.cn",
           "DEBUG": "0"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
