"""The whole archive to one file and back into an empty data dir: rows, originals, and the index."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from archive.models import Agency, Person, Proposal, Reply, Section
from commitments.models import Commitment

pytestmark = pytest.mark.usefixtures("search_index")


def snapshot():
    return {
        "replies": sorted((r.proposal.title, r.agency.name if r.agency else None, str(r.date), r.doc_number, r.status,
                           r.content_hash, r.original.read() if r.original else None)
                          for r in Reply.objects.select_related("proposal", "agency")),
        "sections": sorted(Section.objects.values_list("reply__content_hash", "position", "anchor", "title")),
        "proposers": sorted(
            Proposal.objects.values_list("title", "proposer_links__position", "proposer_links__person__name")
        ),
        "agencies": Agency.objects.count(), "people": Person.objects.count(),
    }


def wipe(settings, tmp_path):
    for model in (Reply, Proposal, Agency, Person):
        model.objects.all().delete()
    settings.MEDIA_ROOT = tmp_path / "restored-originals"


def test_the_seeds_round_trip_through_a_backup(seed_replies, settings, tmp_path, client):
    reply = Reply.objects.order_by("pk").first()
    reply.original.save("zy.txt", ContentFile(reply.raw_text.encode()))
    before = snapshot()
    promised = sorted(Commitment.objects.values_list("reply__proposal__title", "text", "due"))
    backup = tmp_path / "archive.tar.gz"

    call_command("backup_archive", str(backup), verbosity=0)
    wipe(settings, tmp_path)
    call_command("restore_archive", str(backup), verbosity=0)

    assert snapshot() == before
    # Commitments are not in the backup: each reply's are read again as it is restored (they clashed before).
    assert promised and sorted(Commitment.objects.values_list("reply__proposal__title", "text", "due")) == promised
    assert client.get("/api/search/", {"q": "心理健康"}).json()["count"] == 5


def test_restoring_into_an_archive_that_holds_replies_is_refused(seed_replies, tmp_path):
    backup = tmp_path / "archive.tar.gz"
    call_command("backup_archive", str(backup), verbosity=0)

    with pytest.raises(CommandError, match="不是空的"):
        call_command("restore_archive", str(backup), verbosity=0)


def test_a_file_that_is_not_a_backup_is_refused_in_chinese(db, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tarball")

    with pytest.raises(CommandError, match="无法读取备份文件"):
        call_command("restore_archive", str(junk), verbosity=0)
