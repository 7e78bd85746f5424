"""Subscribing, confirming and unsubscribing: the writes behind the subscribe form and the mails' links.

``subscribe`` tells its caller nothing, so the page answers the same whether the address is new, already
subscribed, over a limit or unreachable: the form cannot be used to learn who subscribes to what.
"""

import logging
import smtplib

from django.db import IntegrityError, transaction
from django.utils import timezone

from alerts import limits
from alerts.mails import confirmation_mail
from alerts.models import FirstPublic, Subscription

log = logging.getLogger(__name__)


def subscribe(email: str, query: str, frequency: str) -> None:
    """Save the subscription unconfirmed and mail its confirmation link, within the address's limits.

    A confirmed subscription to the same search stays as it is (a stranger cannot change it), and no
    mail is sent; an unconfirmed one takes the new frequency and gets its link again."""
    limits.forget_old()
    subscription = Subscription.objects.filter(email=email, query=query).first()
    if (subscription and subscription.confirmed) or not limits.confirmation_allowed(email):
        return
    if subscription is None:
        if not limits.room_for_another(email):
            return
        try:
            with transaction.atomic():
                subscription = Subscription.objects.create(email=email, query=query, frequency=frequency)
        except IntegrityError:  # the same request twice at once: the first one mails
            return
    elif subscription.frequency != frequency:
        subscription.frequency = frequency
        subscription.save(update_fields=["frequency"])
    limits.note_confirmation(email)
    try:
        confirmation_mail(subscription).send()
    except (smtplib.SMTPException, OSError) as error:  # the page says the same; the log says why
        log.warning("alerts: the confirmation mail to subscription %s was not sent: %s", subscription.pk, error)


@transaction.atomic
def confirm(subscription: Subscription) -> None:
    """Start the subscription now: every reply public at this moment is old to it."""
    if subscription.confirmed:
        return
    now = timezone.now()
    FirstPublic.objects.note(now)
    subscription.confirmed_at = now
    subscription.checked_on = timezone.localdate(now)
    subscription.save(update_fields=["confirmed_at", "checked_on"])
