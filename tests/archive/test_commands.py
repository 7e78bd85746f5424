"""parse_reply prints the parse without saving; import_replies is idempotent and all-or-nothing per file."""

import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from archive.models import Agency, Person, Proposal, Reply
from tests.conftest import SEED_LETTERS

pytestmark = pytest.mark.django_db

CONTRACT_KEYS = {
    "proposer_names", "proposer_role", "body", "proposal_number", "session", "proposal_title", "agency", "date",
    "doc_number", "result_class", "disclosure", "signer", "contact_name", "contact_phone", "cc", "sections",
    "next_steps", "body_text", "warnings",
}


@pytest.fixture
def letters(tmp_path):
    folder = tmp_path / "letters" / "2024"
    folder.mkdir(parents=True)
    for seed in sorted(SEED_LETTERS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    (folder / "notes.md").write_text("不是答复函，也不是支持的扩展名", encoding="utf-8")
    return tmp_path / "letters"


def test_parse_reply_json_has_every_contract_key_and_saves_nothing(capsys, letters):
    call_command("parse_reply", str(next(letters.rglob("004_*.txt"))), "--json")

    out = json.loads(capsys.readouterr().out)
    assert CONTRACT_KEYS <= out.keys()
    assert out["proposal_number"] == "2024175" and out["agency"] == "信阳市教育体育局"
    assert not Reply.objects.exists()


def test_parse_reply_summary_is_readable_chinese(capsys, letters):
    call_command("parse_reply", str(next(letters.rglob("002_*.txt"))))

    out = capsys.readouterr().out
    assert "提出人：韦志中" in out
    assert "答复单位：—" in out and "提示：" in out


def test_parse_reply_refuses_an_unreadable_file_in_chinese(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    with pytest.raises(CommandError, match="空"):
        call_command("parse_reply", str(empty))


def test_import_replies_reads_folders_recursively_and_saves_drafts(letters, capsys):
    call_command("import_replies", str(letters))

    assert Reply.objects.count() == 5
    assert not Reply.objects.published().exists()
    assert "已导入 5 件，重复跳过 0 件，失败 0 件" in capsys.readouterr().out


def test_import_replies_twice_changes_nothing(letters, capsys):
    call_command("import_replies", str(letters), "--publish")
    counts = [model.objects.count() for model in (Reply, Proposal, Agency, Person)]

    call_command("import_replies", str(letters), "--publish")

    assert [model.objects.count() for model in (Reply, Proposal, Agency, Person)] == counts
    assert "已导入 0 件，重复跳过 5 件" in capsys.readouterr().out


def test_import_replies_keeps_the_good_files_and_fails_on_the_bad(letters, capsys):
    (letters / "2024" / "broken.docx").write_bytes(b"MZ\x90\x00 not a word file")

    with pytest.raises(CommandError, match="1 个文件未能导入"):
        call_command("import_replies", str(letters))

    assert Reply.objects.count() == 5
    assert "broken.docx" in capsys.readouterr().err


def test_import_replies_dry_run_saves_nothing(letters, capsys):
    call_command("import_replies", str(letters), "--dry-run")

    assert not Reply.objects.exists()
    assert "可导入 5 件" in capsys.readouterr().out


def test_import_replies_fills_in_the_agency_a_letter_does_not_name(letters):
    call_command("import_replies", str(next(letters.rglob("002_*.txt"))), "--agency", "广州市南沙区教育局")

    assert Reply.objects.get().agency.name == "广州市南沙区教育局"


def test_imported_reply_keeps_its_original_file(letters):
    seed = next(letters.rglob("003_*.txt"))

    call_command("import_replies", str(seed))

    reply = Reply.objects.get()
    assert reply.original.read() == seed.read_bytes()


def test_import_replies_reports_a_database_error_for_that_file_and_goes_on(letters, capsys, monkeypatch):
    from django.db import OperationalError

    from archive.management.commands import import_replies

    real = import_replies.import_file
    calls = iter([OperationalError("database is locked")])

    def flaky(*args, **kwargs):
        error = next(calls, None)
        if error:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(import_replies, "import_file", flaky)

    with pytest.raises(CommandError, match="1 个文件未能导入"):
        call_command("import_replies", str(letters))

    captured = capsys.readouterr()
    assert "数据库错误" in captured.out + captured.err
    assert Reply.objects.count() == 4
