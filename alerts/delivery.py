"""Send the digests that are due: what ``manage.py send_alerts`` does.

A confirmed subscription is due once a day (daily) or once every seven days (weekly), by the local date of
the last run that checked it, so a run at any hour sends each digest once that day and a run that failed
can be repeated the same day. New to a subscription are the public replies that match its search, were
first seen public after it was confirmed (``FirstPublic``) and are in none of its earlier digests.

At most once per reply, never twice. First every due search is run (the engine down: nothing is recorded
or sent, and the next run tries again); then each digest is recorded, sent and marked:

1. record: one transaction writes the digest, pending, and a ``SentReply`` row for each reply it holds;
   the rows are unique per (subscription, reply).
2. send: one SMTP exchange.
3. mark: the digest is marked sent.

A crash before 1 commits: nothing was recorded or sent, and the next run finds the same replies new.
A crash after 1 (during the SMTP exchange, or after it but before 3): the replies are recorded, so no run
sends them again; the digest stays pending, and the next run marks it lost and says so — it may or may
not have arrived, and at most once is the promise. An SMTP server that answers with an error (it refused
the mail) or cannot be reached before anything is recorded: the record is deleted and the next run tries
again. An exchange broken halfway (a timeout, a dropped connection): the digest is marked lost and the
run stops. One run at a time (a lock file in the data dir), so no two runs record the same digest.
"""

import fcntl
import logging
import smtplib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from alerts import limits
from alerts.mails import digest_mail
from alerts.models import Digest, FirstPublic, SentReply, Subscription
from alerts.saved_search import params_of
from archive.models import Reply
from search.query import every_match

log = logging.getLogger(__name__)

MATCH_LIMIT = 10_000  # matches of one search looked at, newest first
PERIOD = {Subscription.Frequency.DAILY: timedelta(days=1), Subscription.Frequency.WEEKLY: timedelta(days=7)}


class AlreadyRunning(Exception):
    """Another send_alerts holds the lock."""


class BrokenExchange(Exception):
    """The SMTP exchange broke halfway: whether the digest arrived is unknown."""


@dataclass
class Report:
    checked: int = 0
    sent: int = 0
    replies: int = 0
    refused: list[str] = field(default_factory=list)  # why the server refused, one per digest
    lost: int = 0  # digests of earlier runs that were recorded and never marked
    out_of_time: int = 0  # searches that answered with part of their matches (the rest come next run)


def is_due(subscription: Subscription, today: date) -> bool:
    return subscription.checked_on is None or today - subscription.checked_on >= PERIOD[subscription.frequency]


def send_due() -> Report:
    """Send every digest due now; raises ``SearchUnavailable`` (nothing sent), ``AlreadyRunning`` or
    ``BrokenExchange`` (the report so far is its argument)."""
    with _one_run():
        report = Report(lost=Digest.objects.filter(status=Digest.Status.PENDING).update(status=Digest.Status.LOST))
        limits.forget_old()
        now = timezone.now()
        today = timezone.localdate(now)
        FirstPublic.objects.note(now)
        due = [sub for sub in Subscription.objects.filter(confirmed_at__isnull=False) if is_due(sub, today)]
        new = _new_replies(due, report)  # every search before any mail
        report.checked = len(due)
        Subscription.objects.filter(pk__in=[sub.pk for sub in due if not new[sub.pk]]).update(checked_on=today)
        waiting = [sub for sub in due if new[sub.pk]]
        if waiting:
            with get_connection() as connection:  # cannot connect: raised here, before anything is recorded
                for subscription in waiting:
                    _deliver(connection, subscription, new[subscription.pk], today, report)
        return report


def _new_replies(due: list[Subscription], report: Report) -> dict[int, list[Reply]]:
    """Each due subscription's new replies, newest first."""
    matches = {}
    for query in {sub.query for sub in due}:
        found = every_match(params_of(query), MATCH_LIMIT)
        matches[query] = found.ids
        report.out_of_time += found.out_of_time
    oldest = min((sub.confirmed_at for sub in due), default=timezone.now())
    first_public = dict(FirstPublic.objects.filter(seen_at__gt=oldest).values_list("reply_id", "seen_at"))
    new = {}
    for sub in due:
        ids = [pk for pk in matches[sub.query] if pk in first_public and first_public[pk] > sub.confirmed_at]
        if not ids:  # most subscriptions on most days: nothing to look up
            new[sub.pk] = []
            continue
        sent = set(SentReply.objects.filter(subscription=sub, reply_id__in=ids).values_list("reply_id", flat=True))
        replies = Reply.objects.public().filter(pk__in=set(ids) - sent)  # a stale index shows nothing hidden
        new[sub.pk] = list(replies.select_related("agency", "proposal").without_texts().newest_first())
    return new


def _deliver(connection, subscription: Subscription, replies: list[Reply], today: date, report: Report) -> None:
    with transaction.atomic():  # 1. record
        digest = Digest.objects.create(subscription=subscription)
        SentReply.objects.bulk_create(
            [SentReply(subscription=subscription, reply=reply, digest=digest) for reply in replies], batch_size=500
        )
        Subscription.objects.filter(pk=subscription.pk).update(checked_on=today)
    try:  # 2. send
        connection.send_messages([digest_mail(subscription, replies)])
    except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused) as error:  # refused: not delivered
        digest.delete()  # the replies are new again for the next run
        Subscription.objects.filter(pk=subscription.pk).update(checked_on=subscription.checked_on)
        report.refused.append(str(error))
        return
    except (smtplib.SMTPException, OSError) as error:
        Digest.objects.filter(pk=digest.pk).update(status=Digest.Status.LOST)
        raise BrokenExchange(report) from error
    Digest.objects.filter(pk=digest.pk).update(status=Digest.Status.SENT, sent_at=timezone.now())  # 3. mark
    report.sent += 1
    report.replies += len(replies)


@contextmanager
def _one_run() -> Iterator[None]:
    with open(settings.DATA_DIR / "send_alerts.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning from None
        yield  # the kernel drops the lock when the file closes, or the process dies
