"""The index follows the database through the queue: edits, publishing, disclosure, deletion, rebuilds."""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.forms.models import model_to_dict

from archive.models import Reply
from search.backend import IndexLocked
from search.indexing import backend, compare
from search.models import IndexQueue
from search.query import SearchParams, search

ROOT = Path(__file__).resolve().parents[2]


def titles(q):
    return [hit.reply.proposal.title for hit in search(SearchParams(q=q)).hits]


def total(q=""):
    return search(SearchParams(q=q)).total


def test_unpublishing_withholding_and_deleting_take_replies_out_of_search(make_reply, indexed):
    with indexed():
        reply = make_reply(title="关于双减的建议", body_text="双减落实。")
    assert titles("双减") == ["关于双减的建议"]

    with indexed():
        reply.status = Reply.Status.DRAFT
        reply.save()
    assert titles("双减") == []

    with indexed():
        reply.status, reply.disclosure = Reply.Status.PUBLISHED, Reply.Disclosure.WITHHELD
        reply.save()
    assert titles("双减") == []

    with indexed():
        reply.disclosure = Reply.Disclosure.ACTIVE
        reply.save()
    assert titles("双减") == ["关于双减的建议"]

    with indexed():
        reply.delete()
    assert titles("双减") == []


def test_renaming_a_proposer_reindexes_their_replies(make_reply, indexed):
    from archive.models import Person

    with indexed():
        make_reply(proposers=("朱蓉",), body_text="答复正文。")
    with indexed():
        person = Person.objects.get(name="朱蓉")
        person.name = "朱蓉蓉"
        person.save()

    assert search(SearchParams(filters={"proposer": ["朱蓉蓉（慈溪市）"]})).total == 1


def test_a_rolled_back_change_queues_nothing(make_reply):
    reply = make_reply()
    IndexQueue.objects.all().delete()

    with pytest.raises(RuntimeError):
        with transaction.atomic():
            reply.status = Reply.Status.DRAFT
            reply.save()
            assert IndexQueue.objects.filter(reply_id=reply.pk).exists()  # queued in the same transaction
            raise RuntimeError

    assert not IndexQueue.objects.exists()


def test_a_lock_error_keeps_the_change_queued_until_the_lock_is_free(make_reply, indexed, drain, settings, monkeypatch):
    with indexed():
        reply = make_reply(body_text="双减落实。")
    settings.SEARCH_DRAIN_ON_COMMIT = False
    pk = reply.pk
    reply.delete()
    monkeypatch.setattr("search.backend.WRITE_LOCK_TIMEOUT_S", 0.2)
    holder = backend().index.writer()  # another writer holds Whoosh's lock
    try:
        with pytest.raises(IndexLocked):
            drain()
        assert IndexQueue.objects.filter(reply_id=pk, processed_at__isnull=True).exists()
        assert titles("双减") == []  # never shown: hits are read through public(), though still indexed
        assert len(list(backend().searcher().documents())) == 1
    finally:
        holder.cancel()

    drain()

    assert not IndexQueue.objects.filter(processed_at__isnull=True).exists()
    assert len(list(backend().searcher().documents())) == 0


def test_rebuild_switches_to_a_new_index_and_never_empties_the_live_one(make_reply, indexed, search_index, settings):
    with indexed():
        make_reply(body_text="双减落实。")
        make_reply(body_text="心理辅导室建设。")
    before = search_index.resolve()
    old_searcher = backend().searcher()
    settings.SEARCH_DRAIN_ON_COMMIT = False
    make_reply(body_text="双减第二件。")  # committed but not yet drained: the rebuild includes it anyway

    call_command("rebuild_search_index", verbosity=0)

    assert search_index.is_symlink() and search_index.resolve() != before
    assert len(list(old_searcher.documents())) == 2  # a reader of the old index keeps working meanwhile
    assert total("双减") == 2 and total() == 3


def test_a_rebuild_leaves_no_queued_change_for_the_indexer_to_redo(make_reply, settings):
    settings.SEARCH_DRAIN_ON_COMMIT = False
    for _ in range(3):
        make_reply()  # each save queues its reply several times (reply, proposal, proposers, agency …)
    assert IndexQueue.objects.filter(processed_at__isnull=True).exists()

    call_command("rebuild_search_index", verbosity=0)

    assert not IndexQueue.objects.filter(processed_at__isnull=True).exists()
    assert total() == 3


def test_haystacks_rebuild_index_also_works(make_reply, indexed):
    with indexed():
        make_reply(body_text="双减落实。")

    call_command("rebuild_index", interactive=False, verbosity=0)

    assert total("双减") == 1


def test_check_command_reports_disagreement_and_repairs_it(make_reply, indexed, settings, capsys):
    with indexed():
        make_reply(body_text="双减落实。")
    settings.SEARCH_DRAIN_ON_COMMIT = False
    missing = make_reply(body_text="未进索引的答复。")
    IndexQueue.objects.all().delete()  # as if the queue had been lost

    with pytest.raises(SystemExit):
        call_command("check_search_index")
    assert "索引中缺少的公开答复：1 件" in capsys.readouterr().out

    call_command("check_search_index", repair=True)
    assert compare().agrees and total("未进索引") == 1 and missing.pk


def _admin_form_data(reply):
    data = {k: ("" if v is None else v) for k, v in model_to_dict(reply).items() if k not in ("original", "id")}
    data["cc"] = "[]"
    sections = list(reply.sections.all())
    data.update({"sections-TOTAL_FORMS": len(sections), "sections-INITIAL_FORMS": len(sections),
                 "sections-MIN_NUM_FORMS": 0, "sections-MAX_NUM_FORMS": 1000})
    for i, section in enumerate(sections):
        for key, value in model_to_dict(section).items():
            data[f"sections-{i}-{key}"] = value
    return data


def test_an_admin_edit_is_searchable_at_once(admin_client, make_reply, indexed):
    with indexed():
        reply = make_reply(body_text="双减落实。", sections=[(1, "一", "工作情况")])
    data = _admin_form_data(reply)
    data["body_text"] = "五育并举，家校社协同。"

    with indexed():
        response = admin_client.post(f"/admin/archive/reply/{reply.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]

    assert total("五育并举") == 1 and total("双减") == 0

    with indexed():
        admin_client.post(f"/admin/archive/reply/{reply.pk}/delete/", {"post": "yes"})
    assert total("五育并举") == 0


@pytest.mark.slow
def test_a_change_made_in_another_process_reaches_search_through_the_indexer(tmp_path):
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(tmp_path / "data"), "DJANGO_SETTINGS_MODULE": "config.settings"}
    python = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*python, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    indexer = subprocess.Popen([*python, "run_search_indexer", "--interval=0.2"], env=env, cwd=ROOT)
    try:
        save = textwrap.dedent("""
            from archive.ingest import save_parsed_reply
            from archive.parsing import ParsedReply
            parsed = ParsedReply(proposer_names=["罗大成"], proposer_role="代表", body="人大", proposal_number="70",
                                 session="市五届人大四次会议", proposal_title="构建学生心理健康长效机制的建议",
                                 agency="资阳市教育和体育局", date="2024-06-20", body_text="五育并举，双减落实。")
            save_parsed_reply(parsed, raw_text=parsed.body_text, publish=True)
        """)
        subprocess.run([*python, "shell", "-c", save], env=env, cwd=ROOT, check=True)
        probe = textwrap.dedent("""
            import time
            from search.query import SearchParams, search
            for _ in range(100):
                if search(SearchParams(q="五育并举")).total == 1:
                    print("FOUND"); break
                time.sleep(0.1)
        """)
        started = time.monotonic()
        out = subprocess.run([*python, "shell", "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True)
        assert "FOUND" in out.stdout, out.stderr
        assert time.monotonic() - started < 15
    finally:
        indexer.terminate()
        indexer.wait(10)


def test_a_rebuild_indexes_a_batch_naming_over_a_thousand_people(db, search_index, settings):
    # Django 5.2 prefetched each proposer as "id = 1 OR id = 2 …", which SQLite refuses past 1,000 terms:
    # the rebuild of any real archive with that many proposers in one batch crashed.
    from archive.models import Person, Proposal, Proposer

    settings.SEARCH_DRAIN_ON_COMMIT = False
    people = Person.objects.bulk_create(Person(name=f"代表{n}", role="代表") for n in range(1_100))
    proposals = Proposal.objects.bulk_create(Proposal(number=str(n), title=f"关于第{n}项的建议") for n in range(1_100))
    Proposer.objects.bulk_create(
        Proposer(proposal=p, person=person, position=0) for p, person in zip(proposals, people, strict=True)
    )
    Reply.objects.bulk_create(
        Reply(proposal=p, body_text=f"第{n}件答复", raw_text=f"第{n}件答复", content_hash=str(n),
              status=Reply.Status.PUBLISHED)
        for n, p in enumerate(proposals)
    )

    call_command("rebuild_search_index", verbosity=0)

    assert total() == 1_100
    assert search(SearchParams(q="代表1099")).total == 1


def test_the_cached_keyword_map_forgets_a_withdrawn_reply(make_reply, indexed):
    # A withdrawal only deletes from a segment, adding none: the cache must still see a new index state.
    from search.columns import documents_by_value

    with indexed():
        kept, withdrawn = make_reply(title="关于湿地保护的建议"), make_reply(title="关于湿地修复的建议")
    with indexed():
        for reply in (kept, withdrawn):
            reply.keywords = ["湿地"]
            reply.save()
    holders = lambda: len(documents_by_value(backend().searcher(), "keywords").get("湿地", []))  # noqa: E731
    assert holders() == 2

    with indexed():
        withdrawn.status = Reply.Status.DRAFT
        withdrawn.save()

    assert holders() == 1
