"""The statistics page's counts, and manage.py derive_commitments for an archive that predates commitments."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Reply
from commitments.models import Commitment
from commitments.stats import commitment_counts

pytestmark = pytest.mark.django_db


def test_counts_by_year_say_made_dated_past_due_and_followed_up(ziyang, cixi, make_reply):
    make_reply(agency="资阳市教育和体育局", title="关于加强学生心理健康教育的建议", session="市政协五届四次会议",
               number="0070", date="2025-01-15", reply_kind="跟踪答复")
    counts = commitment_counts(Reply.objects.public(), today=date(2025, 3, 1))
    assert counts["by_year"] == [
        {"year": 2024, "made": 5, "dated": 4, "past_due": 2, "followed_up": 3},
    ]
    assert counts["total"]["made"] == 5


def test_the_command_derives_the_commitments_of_an_archive_that_has_none(ziyang, cixi, capsys):
    Commitment.objects.all().delete()
    call_command("derive_commitments", "--dry-run")
    assert Commitment.objects.count() == 0
    call_command("derive_commitments")
    assert Commitment.objects.filter(reply=ziyang).count() == 3
    assert Commitment.objects.filter(reply=cixi).count() == 2
    assert "已更新 2 件答复的承诺事项" in capsys.readouterr().out


def test_the_command_queues_the_replies_it_changed_for_the_index_without_saving_them_again(ziyang, cixi):
    from search.models import IndexQueue

    Commitment.objects.filter(reply=ziyang).delete()
    IndexQueue.objects.all().delete()
    edited = Reply.objects.get(pk=ziyang.pk).updated_at

    call_command("derive_commitments", stdout=StringIO())

    assert list(IndexQueue.objects.values_list("reply_id", flat=True)) == [ziyang.pk]  # its 承诺 facet
    assert Reply.objects.get(pk=ziyang.pk).updated_at == edited  # 修改时间: the letter was not edited
