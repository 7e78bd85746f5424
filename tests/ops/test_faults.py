"""Faults: a process killed in the middle of an index write, and an index that drifted from the database.

The index must keep its last committed state, the next writer must not be locked out by the dead
one, no saved reply is lost, and the repair command brings the index back to the database's state.
"""

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from django.core.management import call_command

from search.indexing import backend, compare, drain_queue

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("search_index")]

# Takes Whoosh's write lock, writes documents into a new segment, and is killed before committing:
# what happens to a gunicorn worker or the indexer killed mid-write.
KILLED_WRITER = textwrap.dedent("""
    import os, signal, sys
    import django
    django.setup()  # the index's schema holds the project's jieba analyzer
    from whoosh import index
    writer = index.open_dir(sys.argv[1], indexname="MAIN").writer()
    for n in range(200):
        writer.add_document(text="半写入的文档")
    print("writing", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
""")


def search_count(client, q):
    return client.get("/api/search/", {"q": q}).json()["count"]


def test_a_writer_killed_mid_write_loses_nothing_and_locks_no_one_out(client, make_reply, indexed, settings,
                                                                      django_capture_on_commit_callbacks):
    with indexed():
        make_reply(title="关于保护湿地候鸟的建议")
    folder = backend().folder

    killed = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(folder)], cwd=settings.BASE_DIR,
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"})

    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert search_count(client, "候鸟") == 1  # the last committed index is intact
    assert search_count(client, "半写入") == 0  # nothing of the dead writer's batch
    with django_capture_on_commit_callbacks(execute=False):
        make_reply(title="关于候鸟迁徙通道的建议")
    assert drain_queue() >= 1  # the next writer gets the lock
    assert search_count(client, "候鸟") == 2
    assert compare().agrees


def test_an_index_that_lost_replies_is_brought_back_by_the_repair_command(client, make_reply, indexed):
    with indexed():
        replies = [make_reply(title=f"关于湿地保护第{n}项的建议") for n in range(3)]
    from search.indexing import identifier

    backend().remove(identifier(replies[0].pk))
    assert not compare().agrees

    with pytest.raises(SystemExit):
        call_command("check_search_index")
    call_command("check_search_index", "--repair", verbosity=0)

    assert compare().agrees
    assert search_count(client, "湿地") == 3
