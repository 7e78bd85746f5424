"""An upload is answered at once and read by the worker: 排队中 → 识别中 → 待核对 with its draft, or 未能读取 and why.

The worker's task runs here (tests/uploads/worker.py) on the messages the upload queued. A worker killed
mid-file and a message delivered twice are simulated: each file becomes one reply, once.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django_q.models import OrmQ

from archive.models import Reply
from archive.places import division
from tests.conftest import SEED_LETTERS
from tests.letter_files import letter_text, numbered_docx, zipped
from tests.uploads.worker import run_queue
from uploads import lease, processing
from uploads.models import Upload
from uploads.sweep import requeue_stale

UPLOAD = "/admin/archive/reply/upload/"
MINE = "/admin/uploads/"
SEED = "001_d56d4c687b8b565e.txt"  # 资阳市教育和体育局 answers 罗大成委员

pytestmark = pytest.mark.usefixtures("search_index")


def seed_bytes(name=SEED):
    return (SEED_LETTERS / name).read_bytes()


def upload(client, *files):
    return client.post(UPLOAD, {"files": list(files), "text": ""})


def stored_files(settings):
    media = Path(settings.MEDIA_ROOT)
    return sorted(path for path in media.rglob("*") if path.is_file()) if media.exists() else []


def test_an_upload_is_answered_at_once_with_its_file_queued_and_nothing_read(clerk_client, clerk, settings):
    response = upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))

    assert response.status_code == 302 and response["Location"] == MINE
    row = Upload.objects.get()
    assert (row.state, row.name, row.uploaded_by, row.reply) == (Upload.State.QUEUED, "zy.txt", clerk, None)
    assert row.file.read() == seed_bytes()  # kept under the data dir until it is read
    assert Reply.objects.count() == 0 and OrmQ.objects.count() == 1
    page = clerk_client.get(MINE).content.decode()
    assert "zy.txt" in page and "排队中" in page and "本页会自动更新" in page


def test_the_worker_reads_it_into_a_draft_reply_that_the_page_links_for_review(clerk_client, clerk, settings):
    upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))

    assert run_queue() == 1

    row = Upload.objects.get()
    reply = Reply.objects.get()
    assert (row.state, row.reply, row.error, row.attempts) == (Upload.State.READY, reply, "", 1)
    assert reply.status == Reply.Status.DRAFT and reply.uploaded_by == clerk
    assert reply.agency.name == "资阳市教育和体育局"
    assert reply.original.read() == seed_bytes()
    assert [path.name for path in stored_files(settings)] == [Path(reply.original.name).name]  # the queued copy went
    page = clerk_client.get(MINE).content.decode()
    assert "待核对" in page and f"/admin/archive/reply/{reply.pk}/change/" in page and "全部文件都已处理完" in page


def test_a_file_that_cannot_be_read_ends_unread_with_its_reason_in_chinese_and_no_reply(clerk_client, settings):
    upload(clerk_client, SimpleUploadedFile("menu.txt", "今日菜单：米饭、青菜、豆腐汤。\n营业时间：早八点。".encode()))

    run_queue()

    row = Upload.objects.get()
    assert row.state == Upload.State.FAILED and "不像答复函" in row.error
    assert Reply.objects.count() == 0 and stored_files(settings) == []
    page = clerk_client.get(MINE).content.decode()
    assert "未能读取" in page and "不像答复函" in page


def test_a_file_over_the_size_limit_is_unread_at_once_and_never_queued(clerk_client, settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 1024

    upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))

    row = Upload.objects.get()
    assert row.state == Upload.State.FAILED and "上限" in row.error
    assert OrmQ.objects.count() == 0 and stored_files(settings) == []


def test_a_zip_of_letters_from_three_cities_is_a_row_per_letter_each_read_into_its_own_draft(clerk_client):
    letters = {"宜宾/答复.docx": "040_yibin_tianren_chinese_number.txt",
               "盐城.txt": "053_yancheng_chinese_number_hundreds.txt", "大连.docx": "032_dalian_huanjing_long.txt"}
    batch = zipped({member: numbered_docx(letter_text(name)) if member.endswith(".docx")
                    else letter_text(name).encode() for member, name in letters.items()})

    upload(clerk_client, SimpleUploadedFile("第一批.zip", batch))
    assert Upload.objects.filter(state=Upload.State.QUEUED).count() == 3
    run_queue()

    rows = {row.name: row for row in Upload.objects.select_related("reply__agency__place")}
    assert set(rows) == {f"第一批.zip › {member}" for member in letters}
    assert all(row.state == Upload.State.READY for row in rows.values())
    cities = {division(row.reply.agency.place.code).ancestry[1].name for row in rows.values()}
    assert cities == {"宜宾市", "盐城市", "大连市"}
    assert Reply.objects.count() == 3


def take_and_die(upload_id: int) -> str:
    """A worker that took the row and was killed before it saved anything (out of memory, kill -9)."""
    owner = lease.new_owner()
    assert lease.take(upload_id, owner)
    return owner


def let_the_lease_run_out(upload_id: int) -> None:
    Upload.objects.filter(pk=upload_id).update(lease_until=timezone.now() - timedelta(seconds=1))


def test_a_worker_killed_mid_file_leaves_it_reading_and_the_sweep_has_it_read_once(clerk_client):
    upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))
    row = Upload.objects.get()
    take_and_die(row.pk)

    run_queue()  # the message comes back (its worker never acknowledged it): the lease still holds, nothing is done
    row.refresh_from_db()
    assert row.state == Upload.State.READING and row.lease_until > timezone.now() and Reply.objects.count() == 0

    let_the_lease_run_out(row.pk)
    assert requeue_stale() == 1
    assert Upload.objects.get().state == Upload.State.QUEUED
    run_queue()
    requeue_stale()
    run_queue()  # a late duplicate of the message finds the row read

    row.refresh_from_db()
    assert (row.state, row.attempts) == (Upload.State.READY, 2)
    assert Reply.objects.count() == 1 and row.reply == Reply.objects.get()


def test_a_message_whose_worker_died_is_taken_up_by_the_next_worker_once_the_lease_ran_out(clerk_client):
    upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))
    row = Upload.objects.get()
    take_and_die(row.pk)
    let_the_lease_run_out(row.pk)

    run_queue()  # django-q2 delivers the unacknowledged message again after its retry time

    row.refresh_from_db()
    assert row.state == Upload.State.READY and Reply.objects.count() == 1


def test_a_task_that_dies_inside_the_reading_leaves_nothing_and_is_read_again(clerk_client, monkeypatch):
    upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))
    row = Upload.objects.get()

    def killed(*args, **kwargs):
        raise SystemExit("killed")  # not an error of the file's: the process ends mid-file

    monkeypatch.setattr(processing, "import_file", killed)
    with pytest.raises(SystemExit):
        run_queue()
    monkeypatch.undo()
    row.refresh_from_db()
    assert row.state == Upload.State.READING and row.file and Reply.objects.count() == 0

    let_the_lease_run_out(row.pk)
    requeue_stale()
    run_queue()
    assert Upload.objects.get().state == Upload.State.READY and Reply.objects.count() == 1


def test_two_workers_racing_for_one_row_one_takes_it(clerk_client):
    upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))
    row = Upload.objects.get()

    first, second = lease.new_owner(), lease.new_owner()
    assert [lease.take(row.pk, first), lease.take(row.pk, second)] == [True, False]
    assert Upload.objects.get().lease_owner == first


def test_a_worker_that_lost_its_row_to_another_writes_nothing(clerk_client):
    upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))
    row = Upload.objects.get()
    slow = take_and_die(row.pk)  # still reading when its lease ran out
    let_the_lease_run_out(row.pk)
    run_queue()  # another worker took the row and read it

    assert not lease.finish(row.pk, slow, state=Upload.State.FAILED, error="太慢")
    row.refresh_from_db()
    assert row.state == Upload.State.READY and row.error == ""


def test_the_same_message_twice_makes_one_reply(clerk_client):
    upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))
    row = Upload.objects.get()

    processing.process_upload(row.pk)
    processing.process_upload(row.pk)

    assert Reply.objects.count() == 1 and Upload.objects.get().attempts == 1


def test_a_file_that_kills_its_worker_every_time_is_given_up_after_its_attempts(clerk_client, settings):
    upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))
    row = Upload.objects.get()
    for _ in range(settings.UPLOAD_MAX_ATTEMPTS):
        take_and_die(row.pk)
        let_the_lease_run_out(row.pk)
        requeue_stale()

    row.refresh_from_db()
    assert row.state == Upload.State.FAILED and "已停止尝试" in row.error
    assert Reply.objects.count() == 0


def test_queued_rows_whose_messages_are_gone_get_new_ones(clerk_client):
    upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))
    OrmQ.objects.all().delete()  # a purged queue

    assert requeue_stale() == 1
    run_queue()
    assert Upload.objects.get().state == Upload.State.READY


def test_the_states_json_lists_the_clerks_own_uploads_only(clerk_client, admin_client):
    upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))
    run_queue()
    reply = Reply.objects.get()

    mine = clerk_client.get(MINE + "states.json").json()
    assert mine["pending"] == 0
    assert mine["uploads"] == [{"id": Upload.objects.get().pk, "state": "ready", "label": "待核对", "error": "",
                                "review_url": f"/admin/archive/reply/{reply.pk}/change/", "existing_url": ""}]
    assert admin_client.get(MINE + "states.json").json()["uploads"] == []  # another staff member's list


def test_the_page_and_its_states_read_a_few_queries_and_no_letter_for_a_batch(clerk_client,
                                                                             django_assert_max_num_queries):
    letters = ["001_d56d4c687b8b565e.txt", "004_eb6c069f13c82303.txt"]  # 资阳 and 信阳
    upload(clerk_client, *(SimpleUploadedFile(name, seed_bytes(name)) for name in letters))
    run_queue()
    upload(clerk_client, SimpleUploadedFile("again.txt", seed_bytes(letters[0])))  # points to the first's reply
    run_queue()
    assert Upload.objects.filter(reply__isnull=False).count() == 2 and Upload.objects.filter(existing__isnull=False)

    # Each: the session, the user, their permissions (two), the uploads; no reply, with its 10 KB texts, is read.
    with django_assert_max_num_queries(5) as page_queries:
        page = clerk_client.get(MINE).content.decode()
    with django_assert_max_num_queries(5) as states_queries:
        states = clerk_client.get(MINE + "states.json").json()

    read = [query["sql"] for query in [*page_queries.captured_queries, *states_queries.captured_queries]]
    assert not [sql for sql in read if "archive_reply" in sql]
    assert page.count("核对并发布") == 2 and "查看已有答复" in page
    assert sum(bool(row["existing_url"]) for row in states["uploads"]) == 1


def test_the_page_is_for_staff_and_updates_itself_by_a_script_file_not_inline(clerk_client):
    assert Client().get(MINE)["Location"].startswith("/admin/login/")
    upload(clerk_client, SimpleUploadedFile("zy.txt", seed_bytes()))

    page = clerk_client.get(MINE).content.decode()

    assert 'src="/static/js/upload_progress.js"' in page
    assert "<script>" not in page and 'data-states-url="/admin/uploads/states.json"' in page
    assert '<noscript><meta http-equiv="refresh"' in page  # without scripts, the page reloads while files wait
