"""Faults: an index folder that cannot be written (a read-only disk, wrong permissions), and a stale lock file.

While the index cannot be written, clerks still save and publish (the reply is in the database and its
change waits in the queue), searches answer from the last committed index and /healthz shows the
changes waiting. When the fault goes, draining the queue or the repair command brings the index back.
"""

import errno

import pytest
from django.core.management import call_command
from whoosh.filedb.filestore import FileStorage

from archive.models import Reply
from search.indexing import backend, compare, drain_queue
from search.models import IndexQueue

pytestmark = pytest.mark.usefixtures("search_index")

UPLOAD = "/admin/archive/reply/upload/"
LETTER = """朱蓉代表：
您提出的《关于候鸟迁徙通道保护的建议》收悉。现答复如下：
一、加强候鸟栖息地保护
我局将候鸟迁徙通道纳入湿地保护规划。
二、开展巡护
每年秋冬季组织巡护。
慈溪市林业局
2024年6月28日
"""


def read_only_disk(*args, **kwargs):
    # What Whoosh meets when the folder is on a read-only mount; chmod cannot show it to root.
    raise OSError(errno.EROFS, "Read-only file system")


@pytest.fixture
def unwritable_index(monkeypatch, make_reply, transactional_db):
    """A published reply in the index, a draft waiting for review, then an index folder that refuses new files.

    transactional_db: the admin's own transaction commits, so the index write after commit runs inside
    the clerk's request, as it does on a dev server with SEARCH_DRAIN_ON_COMMIT.
    """
    make_reply(title="关于保护湿地候鸟的建议")
    draft = make_reply(title="关于候鸟越冬地保护的建议", publish=False)
    assert drain_queue() == 0 and compare().agrees
    monkeypatch.setattr(FileStorage, "create_file", read_only_disk)  # a test's monkeypatch.undo() mends the disk
    return draft


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


def pending():
    return IndexQueue.objects.filter(processed_at__isnull=True)


def publish(clerk_client, reply):
    return clerk_client.post("/admin/archive/reply/", {"action": "publish", "_selected_action": [reply.pk]})


def search_count(client, q):
    return client.get("/api/search/", {"q": q}).json()["count"]


def test_a_clerk_uploads_and_publishes_while_the_index_cannot_be_written(unwritable_index, clerk_client):
    uploaded = clerk_client.post(UPLOAD, {"text": LETTER})
    published = publish(clerk_client, unwritable_index)

    assert uploaded.status_code == 302 and "/change/" in uploaded["Location"]
    assert published.status_code == 302
    assert Reply.objects.count() == 3
    assert Reply.objects.get(pk=unwritable_index.pk).status == Reply.Status.PUBLISHED
    assert set(pending().values_list("reply_id", flat=True)) >= {unwritable_index.pk}


def test_searches_answer_from_the_last_committed_index_while_it_cannot_be_written(unwritable_index, clerk_client,
                                                                                 client):
    publish(clerk_client, unwritable_index)

    assert search_count(client, "候鸟") == 1
    assert client.get("/search/", {"q": "候鸟"}).status_code == 200


def test_health_shows_the_changes_waiting_while_the_index_cannot_be_written(unwritable_index, clerk_client, client):
    publish(clerk_client, unwritable_index)

    report = client.get("/healthz").json()

    assert report["counts_agree"] is False
    assert report["queued_changes"] >= 1
    assert (report["database_replies"], report["index_replies"]) == (2, 1)


def test_once_the_index_can_be_written_the_indexer_brings_it_back_to_the_database(unwritable_index, clerk_client,
                                                                                  client, monkeypatch):
    clerk_client.post(UPLOAD, {"text": LETTER})
    publish(clerk_client, unwritable_index)
    monkeypatch.undo()  # the disk is writable again

    assert drain_queue() >= 2  # promptly: the failed writes left no lock behind
    assert compare().agrees
    assert not pending().exists()
    assert search_count(client, "候鸟") == 2
    assert client.get("/healthz").json()["counts_agree"] is True


def test_once_the_index_can_be_written_the_repair_command_brings_it_back(unwritable_index, clerk_client, client,
                                                                      monkeypatch):
    publish(clerk_client, unwritable_index)
    monkeypatch.undo()

    call_command("check_search_index", "--repair", verbosity=0)

    assert compare().agrees
    assert search_count(client, "候鸟") == 2


def test_a_lock_file_left_by_a_dead_writer_does_not_block_the_next_one(client, make_reply, indexed):
    with indexed():
        make_reply(title="关于保护湿地候鸟的建议")
    lock = backend().folder / "MAIN_WRITELOCK"
    lock.write_text("")  # the file stays behind when a writer dies; only a live process's flock() counts

    with indexed():
        make_reply(title="关于候鸟迁徙通道的建议")

    assert lock.exists()
    assert search_count(client, "候鸟") == 2
    assert compare().agrees


def test_the_indexer_waits_and_says_why_while_the_index_cannot_be_written(unwritable_index, capsys):
    from search.management.commands.run_search_indexer import Command

    unwritable_index.status = Reply.Status.PUBLISHED
    unwritable_index.save()

    processed, pause = Command().drain_once()

    assert (processed, pause) == (0, 10.0)
    assert "写入检索索引失败" in capsys.readouterr().err
    assert pending().filter(reply_id=unwritable_index.pk).exists()
