"""The signed links in alert mails: a confirmation link that expires, an unsubscribe link that does not.

Each signs the subscription's random key (``Subscription.key``) with the site's secret and its own salt,
so neither can be forged, guessed from a row number, or used as the other.
"""

from django.core import signing

from alerts.limits import CONFIRM_MAX_AGE
from alerts.models import Subscription

_CONFIRM, _UNSUBSCRIBE = "alerts.confirm", "alerts.unsubscribe"
MAX_TOKEN_LENGTH = 200  # ours are about 80 characters; anything longer is not one of them


def confirm_token(subscription: Subscription) -> str:
    return signing.dumps(subscription.key, salt=_CONFIRM)


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.dumps(subscription.key, salt=_UNSUBSCRIBE)


def confirmed_key(token: str) -> str:
    """The key a confirmation link names; ``signing.SignatureExpired`` after ``CONFIRM_MAX_AGE``,
    ``signing.BadSignature`` for anything else not signed by us as one."""
    return _loads(token, _CONFIRM, CONFIRM_MAX_AGE)


def unsubscribed_key(token: str) -> str:
    return _loads(token, _UNSUBSCRIBE, None)


def _loads(token: str, salt: str, max_age) -> str:
    if len(token) > MAX_TOKEN_LENGTH:
        raise signing.BadSignature("too long")
    key = signing.loads(token, salt=salt, max_age=max_age)
    if not isinstance(key, str):
        raise signing.BadSignature("not a key")
    return key
