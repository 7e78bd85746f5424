"""import_replies and rebuild_search_index draw a progress bar with the time left, on a terminal only."""

import io
import sys

import pytest
from django.core.management import call_command

from tests.conftest import SEED_LETTERS

LETTERS = ["001_d56d4c687b8b565e.txt", "003_7d0090bb08f87ea8.txt"]


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def letters(tmp_path):
    for name in LETTERS:
        (tmp_path / name).write_bytes((SEED_LETTERS / name).read_bytes())
    return tmp_path


def test_import_replies_shows_a_bar_with_the_time_left_on_a_terminal(letters, monkeypatch, db):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)

    call_command("import_replies", str(letters), stdout=io.StringIO())

    drawn = terminal.getvalue()
    assert "导入" in drawn and "2/2 个文件" in drawn and "约剩" in drawn


def test_import_replies_prints_no_bar_into_a_log(letters, capsys, db):
    call_command("import_replies", str(letters))

    out, err = capsys.readouterr()
    assert "已导入 2 件" in out
    assert "\r" not in out + err and "%|" not in out + err


def test_rebuild_search_index_shows_a_bar_on_a_terminal_and_none_into_a_log(make_reply, search_index, monkeypatch,
                                                                             capsys):
    make_reply()
    make_reply(title="关于加强社区养老服务的建议")
    call_command("rebuild_search_index", procs=1)
    assert "%|" not in "".join(capsys.readouterr())

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    call_command("rebuild_search_index", procs=1, stdout=io.StringIO())

    assert "重建索引" in terminal.getvalue() and "2/2 件" in terminal.getvalue()
