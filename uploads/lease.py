"""Who reads an upload: a conditional UPDATE hands a file to one worker at a time, for a while (its lease).

A worker takes a row that is queued, or whose reader's lease ran out (that worker was killed, or ran past
its time and was stopped); whatever it then writes is guarded by its own name in ``lease_owner``, so a
worker that lost the row to another writes nothing. Taking counts an attempt: a file that killed its
worker ``UPLOAD_MAX_ATTEMPTS`` times is not taken again (``sweep`` marks it 未能读取).
"""

import os
import socket
import uuid
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from uploads.models import Upload

# How much longer than its time limit a reader holds a row: the cluster stops a task at the limit, and the
# lease must not run out while the worker is still writing what it read.
LEASE_MARGIN_SECONDS = 60


def lease_seconds() -> int:
    return settings.UPLOAD_TIME_LIMIT_SECONDS + LEASE_MARGIN_SECONDS


def new_owner() -> str:
    """A name for one reading of one file: the machine and process (for whoever looks at a stuck row), and a nonce."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def takeable(now) -> Q:
    return Q(state=Upload.State.QUEUED) | Q(state=Upload.State.READING, lease_until__lt=now)


def take(upload_id: int, owner: str) -> bool:
    """Make ``owner`` the row's reader; False when it is done, read by another, or out of attempts."""
    now = timezone.now()
    return bool(
        Upload.objects.filter(takeable(now), pk=upload_id, attempts__lt=settings.UPLOAD_MAX_ATTEMPTS).update(
            state=Upload.State.READING, lease_owner=owner, lease_until=now + timedelta(seconds=lease_seconds()),
            attempts=F("attempts") + 1, started_at=now,
        )
    )


def finish(upload_id: int, owner: str, **outcome) -> bool:
    """Write the outcome (state and what goes with it) if ``owner`` still reads the row; False if another took it."""
    return bool(
        Upload.objects.filter(pk=upload_id, state=Upload.State.READING, lease_owner=owner).update(
            lease_until=None, finished_at=timezone.now(), **outcome
        )
    )
