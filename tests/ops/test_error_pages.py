"""Errors get a page in Chinese, never a traceback."""

from django.db import DatabaseError
from django.test import Client

from archive.models import Reply


def test_a_missing_page_says_so_in_chinese(client, db):
    response = client.get("/replies/999999/")

    assert response.status_code == 404
    assert "找不到这个页面" in response.content.decode()


def test_a_server_error_shows_a_calm_chinese_page_without_a_traceback(db, monkeypatch):
    def database_gone(*args, **kwargs):
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(Reply.objects, "public", database_gone)

    response = Client(raise_request_exception=False).get("/")

    page = response.content.decode()
    assert response.status_code == 500
    assert "暂时无法显示" in page
    assert "Traceback" not in page and "server closed" not in page
