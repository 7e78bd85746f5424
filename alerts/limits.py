"""What one client and one address may ask of the subscribe form, so nobody can mail-bomb a third party.

A confirmation mail is the only mail a stranger can make the archive send to an address, so it is what
is limited: per address, a few a day, and fewer for an address that has never confirmed anything (its
owner is ignoring them, or never asked); per client, a few subscribe requests an hour, whatever they
ask. Addresses and client addresses are counted as keyed hashes (``Attempt``), and an address's
sub-address (``name+tag@``) counts as the address, since it reaches the same inbox.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.crypto import salted_hmac

from alerts.models import Attempt, Subscription

MAX_ADDRESS_LENGTH = 254  # RFC 5321's limit on a forward path
MAX_QUERY_LENGTH = 1_800  # URL-encoded; with a 254-character address it fits a PostgreSQL index row (2,704 bytes)
MAX_SUBSCRIPTIONS_PER_ADDRESS = 20
MAX_PENDING_PER_ADDRESS = 3
CONFIRMATIONS_PER_DAY = 3
CONFIRMATIONS_PER_WEEK_NEVER_CONFIRMED = 3
REQUESTS_PER_HOUR = 10  # subscribe requests from one client address
CONFIRM_MAX_AGE = timedelta(days=3)  # a confirmation link's life; an unconfirmed subscription is deleted after it
_KEPT = timedelta(days=7)  # the longest window counted


def _key(value: str) -> str:
    return salted_hmac("alerts.limits", value).hexdigest()


def _inbox(email: str) -> str:
    local, _, domain = email.lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def _count(kind: str, key: str, within: timedelta) -> int:
    return Attempt.objects.filter(kind=kind, key=key, at__gt=timezone.now() - within).count()


def request_allowed(client: str) -> bool:
    """Count one subscribe request from this client; False past ``REQUESTS_PER_HOUR`` in the last hour."""
    key = _key(client)
    if _count(Attempt.Kind.REQUEST, key, timedelta(hours=1)) >= REQUESTS_PER_HOUR:
        return False
    Attempt.objects.create(kind=Attempt.Kind.REQUEST, key=key, at=timezone.now())
    return True


def confirmation_allowed(email: str) -> bool:
    """Whether another confirmation mail may go to this address now."""
    key = _key(_inbox(email))
    if _count(Attempt.Kind.CONFIRMATION, key, timedelta(days=1)) >= CONFIRMATIONS_PER_DAY:
        return False
    never_confirmed = not Subscription.objects.filter(email=email, confirmed_at__isnull=False).exists()
    return not never_confirmed or _count(Attempt.Kind.CONFIRMATION, key, _KEPT) < CONFIRMATIONS_PER_WEEK_NEVER_CONFIRMED


def note_confirmation(email: str) -> None:
    Attempt.objects.create(kind=Attempt.Kind.CONFIRMATION, key=_key(_inbox(email)), at=timezone.now())


def room_for_another(email: str) -> bool:
    """Whether this address may have one more subscription (in all, and waiting for confirmation)."""
    mine = Subscription.objects.filter(email=email)
    return (mine.count() < MAX_SUBSCRIPTIONS_PER_ADDRESS
            and mine.filter(confirmed_at__isnull=True).count() < MAX_PENDING_PER_ADDRESS)


def forget_old() -> None:
    """Delete what no limit counts any more, and subscriptions whose confirmation link has expired."""
    now = timezone.now()
    Attempt.objects.filter(at__lt=now - _KEPT).delete()
    Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=now - CONFIRM_MAX_AGE).delete()
