"""A clerk uploads letters in the admin, checks the parsed fields and publishes; bad files leave nothing."""

from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import Agency, Person, Proposal, Reply, Session
from tests.admin_forms import review_form
from tests.bad_files import (
    LONG_CHINESE_NAME,
    deeply_nested_html,
    flate_bomb_pdf,
    list_number_bomb_docx,
    scanned_pdf,
    zip_bomb_docx,
)
from tests.conftest import SEED_LETTERS
from tests.uploads.worker import upload_and_read
from uploads import processing

UPLOAD = "/admin/archive/reply/upload/"
SEED = "001_d56d4c687b8b565e.txt"  # 资阳市教育和体育局 answers 罗大成委员

pytestmark = pytest.mark.usefixtures("search_index")


def seed_bytes(name=SEED):
    return (SEED_LETTERS / name).read_bytes()


def upload(client, *files, text=""):
    return upload_and_read(client, *files, text=text)


def row_counts():
    return [model.objects.count() for model in (Reply, Proposal, Agency, Person, Session)]


def test_the_upload_page_is_linked_from_the_reply_list(clerk_client):
    assert UPLOAD in clerk_client.get("/admin/archive/reply/").content.decode()
    assert clerk_client.get(UPLOAD).status_code == 200


def test_an_uploaded_letter_becomes_a_draft_and_opens_for_review(clerk_client, clerk):
    response = upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))

    reply = Reply.objects.get()
    assert f'href="/admin/archive/reply/{reply.pk}/change/">核对并发布' in response.content.decode()
    assert reply.status == Reply.Status.DRAFT
    assert reply.agency.name == "资阳市教育和体育局"
    assert reply.uploaded_by == clerk
    assert reply.original.read() == seed_bytes()
    assert LogEntry.objects.filter(object_id=str(reply.pk)).exists()


def test_the_review_page_shows_the_source_text_and_the_parsers_warnings_beside_their_fields(clerk_client):
    letter = seed_bytes().decode("utf-8").replace("资阳市教育和体育局", "我局")
    upload(clerk_client, text=letter)
    reply = Reply.objects.get()

    page = clerk_client.get(f"/admin/archive/reply/{reply.pk}/change/").content.decode()

    assert "原文" in page and "罗大成" in page
    assert "未能识别答复单位" in page
    assert 'class="parse-warning"' in page  # under the agency field, not only in the list
    assert "保存并发布" in page


def test_a_clerk_corrects_a_field_and_publishes(clerk_client):
    upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))
    reply = Reply.objects.get()
    data = {**review_form(clerk_client, reply), "doc_number": "资教体函〔2024〕71号", "date": "2024-06-28",
            "_publish": "1"}

    response = clerk_client.post(f"/admin/archive/reply/{reply.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    reply.refresh_from_db()
    assert reply.status == Reply.Status.PUBLISHED
    assert reply.doc_number == "资教体函〔2024〕71号"


def test_several_files_at_once_each_get_an_outcome(clerk_client):
    response = upload(clerk_client, SimpleUploadedFile("a.txt", seed_bytes()),
                      SimpleUploadedFile("b.txt", seed_bytes("003_7d0090bb08f87ea8.txt")),
                      SimpleUploadedFile("empty.txt", b""))

    page = response.content.decode()
    assert Reply.objects.count() == 2
    assert page.count("核对并发布") == 2
    assert "empty.txt" in page and "文件为空" in page


def test_a_duplicate_is_reported_with_a_link_to_the_reply_that_exists(clerk_client):
    upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))
    existing = Reply.objects.get()

    response = upload(clerk_client, SimpleUploadedFile("zy-again.txt", seed_bytes()))

    assert Reply.objects.count() == 1
    assert f"/admin/archive/reply/{existing.pk}/change/" in response.content.decode()


BAD_UPLOADS = {
    "empty": ("empty.txt", b"", "文件为空"),
    "binary": ("data.txt", bytes(range(256)) * 40, ""),
    "wrong encoding": ("big5.txt", "罗大成委员：您提出的建议收悉。".encode("utf-16-be")[1:] * 50, ""),
    "exe renamed docx": ("reply.docx", b"MZ\x90\x00" + bytes(2000), ""),
    "scanned pdf": ("scan.pdf", scanned_pdf(), "文字"),
    "docx zip bomb": ("bomb.docx", zip_bomb_docx(), "压缩炸弹"),
    "docx list numbers from 10^8": ("numbers.docx", list_number_bomb_docx(10**8), "自动编号起始值超出范围"),
    "docx list numbers from 10^12": ("numbers.docx", list_number_bomb_docx(10**12), "自动编号起始值超出范围"),
    "pdf flate bomb": ("bomb.pdf", flate_bomb_pdf(512), "压缩炸弹"),
    "html nested 5,000 deep": ("deep.html", deeply_nested_html(5000), "嵌套超过 200 层"),
    "not a letter": ("menu.txt", "今日菜单：米饭、青菜、豆腐汤。\n营业时间：早八点至晚八点。".encode(), "不像答复函"),
}


@pytest.mark.parametrize("case", BAD_UPLOADS, ids=list(BAD_UPLOADS))
def test_a_bad_upload_gets_a_chinese_message_and_leaves_nothing_behind(clerk_client, case):
    name, data, words = BAD_UPLOADS[case]
    before = row_counts()

    response = upload(clerk_client, SimpleUploadedFile(name, data))

    page = response.content.decode()
    assert response.status_code == 200
    assert "未保存" in page and words in page
    assert row_counts() == before


def test_an_oversized_upload_is_refused_before_it_is_parsed(clerk_client, settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 1024
    before = row_counts()

    response = upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))

    assert "上限" in response.content.decode()
    assert row_counts() == before


def test_an_empty_form_asks_for_a_file_or_text(clerk_client):
    assert "请选择至少一个文件" in clerk_client.post(UPLOAD, {}).content.decode()


def stored_files(settings):
    media = Path(settings.MEDIA_ROOT)
    return sorted(path.name for path in media.rglob("*") if path.is_file()) if media.exists() else []


def test_a_file_named_with_84_chinese_characters_is_saved_under_a_name_cut_to_fit_the_disk(clerk_client, settings):
    # 84 characters are 256 bytes: one more than a file name may have on Linux and Windows.
    response = upload(clerk_client, SimpleUploadedFile(LONG_CHINESE_NAME, seed_bytes()))

    reply = Reply.objects.get()
    assert response.status_code == 200
    stored = Path(reply.original.name).name
    assert len(stored.encode()) <= 255 and stored.endswith(".txt")
    assert LONG_CHINESE_NAME.startswith(stored.removesuffix(".txt"))
    assert reply.original.read() == seed_bytes()


def test_an_unexpected_error_in_one_file_of_three_is_that_files_outcome_and_the_others_are_saved(
    clerk_client, monkeypatch, settings
):
    real = processing.import_file

    def breaks_on_the_second(data, filename, **options):
        if filename == "b.txt":
            raise RuntimeError("something nobody foresaw")
        return real(data, filename, **options)

    monkeypatch.setattr(processing, "import_file", breaks_on_the_second)

    response = upload(clerk_client, SimpleUploadedFile("a.txt", seed_bytes()),
                      SimpleUploadedFile("b.txt", seed_bytes("003_7d0090bb08f87ea8.txt")),
                      SimpleUploadedFile("c.txt", seed_bytes("004_eb6c069f13c82303.txt")))

    page = response.content.decode()
    assert response.status_code == 200
    assert sorted(Path(reply.original.name).name for reply in Reply.objects.all()) == ["a.txt", "c.txt"]
    assert page.count("核对并发布") == 2
    assert "b.txt" in page and "意外错误" in page and "something nobody foresaw" not in page
    assert stored_files(settings) == ["a.txt", "c.txt"]


def test_a_file_whose_save_fails_after_its_original_was_written_leaves_no_file(clerk_client, monkeypatch, settings):
    from archive import ingest

    real = ingest.Section.objects.bulk_create
    calls = iter([None, RuntimeError("disk full"), None])

    def fails_the_second_time(*args, **kwargs):
        error = next(calls)
        if error:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest.Section.objects, "bulk_create", fails_the_second_time)

    response = upload(clerk_client, SimpleUploadedFile("a.txt", seed_bytes()),
                      SimpleUploadedFile("b.txt", seed_bytes("003_7d0090bb08f87ea8.txt")),
                      SimpleUploadedFile("c.txt", seed_bytes("004_eb6c069f13c82303.txt")))

    assert response.status_code == 200
    assert Reply.objects.count() == 2
    assert stored_files(settings) == ["a.txt", "c.txt"]
