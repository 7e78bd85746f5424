"""Reading what the local SMTP server received: the mails, their text and the links in them."""

import email
import email.policy
import html
import re
from datetime import timedelta

from alerts.models import Subscription

SITE = "http://testserver"


class Inbox:
    """The aiosmtpd handler: keeps every mail it accepts; refuses recipients listed in ``refuse``."""

    def __init__(self):
        self.mails: list[email.message.EmailMessage] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        mail = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        mail["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        mail.raw = envelope.original_content  # as it came over the wire
        self.mails.append(mail)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [mail for mail in self.mails if mail["X-Envelope-To"] == address]


def body(mail) -> str:
    return mail.get_body(preferencelist=("plain",)).get_content()


def link(mail, kind: str) -> str:
    """The path of the mail's confirm or unsubscribe link, for the test client."""
    return re.search(rf"{SITE}(/alerts/{kind}/[^/\s]+/)", body(mail))[1]


def a_day_passes() -> None:
    """Every subscription was last checked a day earlier: daily ones are due again."""
    for subscription in Subscription.objects.exclude(checked_on=None):
        subscription.checked_on -= timedelta(days=1)
        subscription.save(update_fields=["checked_on"])


def query_on(page: str) -> str:
    """The search the subscribe form of this page's HTML would save."""
    return html.unescape(re.search(r'name="query" value="([^"]*)"', page)[1])
