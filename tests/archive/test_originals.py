"""An original file exists exactly when its reply's row does: a save that rolls back leaves no file."""

import gc
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from archive.ingest import save_parsed_reply
from archive.models import Reply
from archive.parsing import ParsedReply
from tests.bad_files import LONG_CHINESE_NAME


def letter(n=1):
    return ParsedReply(proposer_names=["罗大成"], proposer_role="委员", proposal_title=f"标题{n}",
                       agency="资阳市教育和体育局", session="市政协五届四次会议", proposal_number=f"00{n}",
                       body_text=f"正文{n}")


def stored_files(settings):
    media = Path(settings.MEDIA_ROOT)
    return sorted(path.name for path in media.rglob("*") if path.is_file()) if media.exists() else []


@pytest.mark.django_db
def test_an_original_saved_in_a_transaction_that_rolls_back_afterwards_leaves_no_file(settings):
    with pytest.raises(RuntimeError), transaction.atomic():
        save_parsed_reply(letter(), raw_text="正文", original=b"file", original_name="a.txt")
        raise RuntimeError("the caller's transaction fails after the reply was saved")
    gc.collect()

    assert not Reply.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_a_rolled_back_savepoint_takes_its_original_and_keeps_the_others(settings):
    save_parsed_reply(letter(1), raw_text="正文1", original=b"kept", original_name="kept.txt")
    with pytest.raises(RuntimeError), transaction.atomic():
        save_parsed_reply(letter(2), raw_text="正文2", original=b"gone", original_name="gone.txt")
        raise RuntimeError("rolled back")
    gc.collect()

    assert stored_files(settings) == ["kept.txt"]
    assert Reply.objects.get().original.read() == b"kept"


@pytest.mark.django_db(transaction=True)
def test_an_original_whose_transaction_commits_stays(settings):
    reply = save_parsed_reply(letter(), raw_text="正文", original=b"file", original_name="a.txt")
    gc.collect()

    assert stored_files(settings) == ["a.txt"]
    assert Reply.objects.get(pk=reply.pk).original.read() == b"file"


def test_file_names_are_cut_by_bytes_to_fit_the_disk_keeping_the_extension():
    from archive.ingest import original_file_name

    cut = original_file_name(LONG_CHINESE_NAME)

    assert len(LONG_CHINESE_NAME.encode()) == 256
    assert len(cut.encode()) <= 200 and cut.endswith(".txt")
    assert LONG_CHINESE_NAME.startswith(cut.removesuffix(".txt"))
    assert original_file_name("答复.docx") == "答复.docx"
    assert original_file_name("C:\\Users\\clerk\\答复.docx") == "答复.docx"
    assert original_file_name("") == "reply.txt"


@pytest.mark.django_db
def test_replacing_an_original_in_the_admin_removes_the_old_file(
    settings, admin_client, django_capture_on_commit_callbacks
):
    reply = save_parsed_reply(letter(), raw_text="正文", original=b"old", original_name="old.txt", publish=True)
    page = admin_client.get(f"/admin/archive/reply/{reply.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None and name != "original"}
    data.update({"sections-TOTAL_FORMS": "0", "sections-INITIAL_FORMS": "0", "cc": "[]",
                 "original": SimpleUploadedFile("new.txt", b"new")})
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/archive/reply/{reply.pk}/change/", data)

    reply.refresh_from_db()
    assert reply.original.name.endswith("new.txt")
    assert stored_files(settings) == ["new.txt"]
