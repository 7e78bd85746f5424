"""The alert mails: the confirmation of a subscription, and a digest of new replies. Plain text, in Chinese.

Every mail carries its subscription's unsubscribe link in the text and in the ``List-Unsubscribe`` and
``List-Unsubscribe-Post`` headers (RFC 8058: a mail program unsubscribes with one POST, no page).
Titles and agency names are masked (``archive.privacy``), as on the pages.
"""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from alerts.limits import CONFIRM_MAX_AGE
from alerts.models import Subscription
from alerts.saved_search import absolute, describe, params_of, search_path
from alerts.tokens import confirm_token, unsubscribe_token
from archive.models import Reply
from archive.privacy import mask_personal_numbers

DIGEST_LISTED = 50  # replies listed in one digest; the mail links to the search for the rest
SUBJECT_SEARCH_LENGTH = 40


def confirmation_mail(subscription: Subscription) -> EmailMessage:
    context = {"confirm_url": absolute(reverse("alerts:confirm", args=[confirm_token(subscription)])),
               "days": CONFIRM_MAX_AGE.days}
    return _mail(subscription, "请确认订阅答复档案的邮件提醒", "alerts/mail/confirm.txt", context)


def digest_mail(subscription: Subscription, replies: list[Reply]) -> EmailMessage:
    """A digest of these new replies (newest first), listing the first ``DIGEST_LISTED``."""
    search = _search_words(subscription)
    subject = f"答复档案提醒：{search[:SUBJECT_SEARCH_LENGTH]} 有 {len(replies)} 件新答复"
    entries = [_entry(reply) for reply in replies[:DIGEST_LISTED]]
    context = {"entries": entries, "total": len(replies), "unlisted": len(replies) - len(entries)}
    return _mail(subscription, subject, "alerts/mail/digest.txt", context)


def _entry(reply: Reply) -> dict:
    return {
        "title": mask_personal_numbers(reply.proposal.title),
        "agency": mask_personal_numbers(reply.agency.name) if reply.agency_id else "",
        "date": reply.date,
        "url": absolute(reply.get_absolute_url()),
    }


def _search_words(subscription: Subscription) -> str:
    return " ".join(describe(params_of(subscription.query)).split())  # one line: a typed newline is no header


def _mail(subscription: Subscription, subject: str, template: str, context: dict) -> EmailMessage:
    unsubscribe_url = absolute(reverse("alerts:unsubscribe", args=[unsubscribe_token(subscription)]))
    body = render_to_string(template, {
        **context, "subscription": subscription, "search": _search_words(subscription),
        "search_url": absolute(search_path(params_of(subscription.query))), "unsubscribe_url": unsubscribe_url,
        "site_url": absolute("/"),
    })
    return EmailMessage(subject, body, to=[subscription.email], headers={
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",  # RFC 3834: no vacation replies to the archive
    })
