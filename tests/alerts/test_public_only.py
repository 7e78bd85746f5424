"""The alert mail is a public door: drafts and replies not to be disclosed never reach a digest, and personal
numbers are masked. The same three replies as the door tests (tests/clerk/test_public_doors.py): one public,
one draft, one published but 依申请公开, all on one word, each of its own city."""

from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Reply
from tests.alerts.smtp import a_day_passes, body, link
from tests.clerk.test_public_doors import DRAFT, ON_REQUEST, PUBLIC, WORD, replies  # noqa: F401 (a fixture)

READER = "reader@example.cn"

pytestmark = pytest.mark.usefixtures("search_index")


@pytest.fixture
def subscriber(client, inbox, db):
    """Subscribed to the word and confirmed before the three replies were made."""
    client.post("/alerts/subscribe/", {"email": READER, "frequency": "daily", "query": f"q={WORD}"})
    client.post(link(inbox.to(READER)[0], "confirm"))


def digest_text(inbox) -> str:
    a_day_passes()
    call_command("send_alerts", stdout=StringIO())
    return "\n".join(body(mail) for mail in inbox.to(READER)[1:])


def test_only_the_public_reply_reaches_the_digest(subscriber, replies, inbox):  # noqa: F811
    text = digest_text(inbox)

    assert PUBLIC in text
    assert DRAFT not in text and ON_REQUEST not in text


def test_a_reply_withdrawn_before_the_run_is_in_no_digest(subscriber, replies, inbox, indexed):  # noqa: F811
    with indexed():
        reply = replies[PUBLIC]
        reply.status = Reply.Status.DRAFT
        reply.save()

    assert digest_text(inbox) == ""


def test_a_personal_mobile_number_in_a_title_is_masked_in_the_digest(subscriber, make_reply, indexed, inbox):
    with indexed():
        make_reply(title=f"关于{WORD}联系人13912345678的建议", agency="资阳市生态环境局")

    text = digest_text(inbox)

    assert "139****5678" in text and "13912345678" not in text
