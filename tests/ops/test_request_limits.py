"""Request bodies: a large body from a request without a logged-in session is refused before anything reads it.

Issue 13: a 200 MB POST with a forged CSRF cookie was parsed and written to the temporary folder before CSRF
answered 403. ``config.limits.AnonymousBodyLimitMiddleware`` runs first and answers 413 from the Content-Length
alone; logged-in clerks keep their uploads (``ARCHIVE_MAX_UPLOAD_BYTES`` a file). The same through gunicorn, with
the body never sent in full, is in test_slow_clients.py.
"""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import multipartparser
from django.test import Client

from tests.conftest import SEED_LETTERS
from uploads.models import Upload

UPLOAD = "/admin/archive/reply/upload/"
FORGED = {"csrftoken": "A" * 32}


@pytest.fixture
def parsed(monkeypatch):
    """Every multipart body Django starts to parse (and so may spool to the temporary folder)."""
    seen = []
    original = multipartparser.MultiPartParser.parse

    def parse(self):
        seen.append(self._content_length)
        return original(self)

    monkeypatch.setattr(multipartparser.MultiPartParser, "parse", parse)
    return seen


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


def big_file(size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("big.txt", b"x" * size, content_type="text/plain")


def test_the_limit_is_well_below_an_upload_and_above_any_form_a_visitor_sends():
    assert 16 * 1024 <= settings.ANONYMOUS_MAX_BODY_BYTES < settings.ARCHIVE_MAX_UPLOAD_BYTES
    assert settings.MIDDLEWARE[0] == "config.limits.AnonymousBodyLimitMiddleware"


@pytest.mark.django_db
def test_a_large_anonymous_post_with_a_forged_csrf_cookie_is_refused_unread(parsed):
    client = Client(enforce_csrf_checks=True)
    client.cookies.load({**FORGED, settings.SESSION_COOKIE_NAME: "no-such-session"})

    response = client.post("/admin/login/", {"username": "x", "file": big_file(3 * 1024 * 1024)})

    assert response.status_code == 413
    assert parsed == []  # nothing read, nothing spooled


@pytest.mark.django_db
def test_a_large_anonymous_post_anywhere_is_refused(parsed):
    for path in [UPLOAD, "/search/", "/api/search/", "/no-such-page/"]:
        response = Client().post(path, {"file": big_file(settings.ANONYMOUS_MAX_BODY_BYTES + 1)})
        assert response.status_code == 413, path
    assert parsed == []


@pytest.mark.django_db
def test_a_visitors_small_post_goes_on_to_csrf_as_before():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x", "password": "y"})

    assert response.status_code == 403  # CSRF's answer: the limit is not in the way


@pytest.mark.usefixtures("search_index")
def test_a_logged_in_clerk_still_uploads_a_letter_larger_than_the_anonymous_limit(clerk_client):
    letter = (SEED_LETTERS / "001_d56d4c687b8b565e.txt").read_bytes()
    padding = b"\n" * (settings.ANONYMOUS_MAX_BODY_BYTES + 1 - len(letter))

    response = clerk_client.post(UPLOAD, {"files": [SimpleUploadedFile("zy.txt", letter + padding)], "text": ""})

    assert response.status_code == 302  # off to the page of the clerk's uploads
    upload = Upload.objects.get(filename="zy.txt")
    assert upload.state != Upload.State.FAILED and upload.file.size == len(letter + padding)


@pytest.mark.usefixtures("search_index")
def test_a_logged_in_clerks_oversized_file_still_gets_the_uploads_own_refusal(clerk_client, settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = settings.ANONYMOUS_MAX_BODY_BYTES * 2

    response = clerk_client.post(UPLOAD, {"files": [big_file(settings.ARCHIVE_MAX_UPLOAD_BYTES + 1)], "text": ""},
                                 follow=True)

    assert response.status_code == 200  # the page of the clerk's uploads, with the upload's own refusal in Chinese
    assert "上限" in response.content.decode()
