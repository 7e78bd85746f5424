"""Replies on the same topic as a given one, from other proposals: those sharing the most topic keywords.

Every reply's keywords (``archive.text_analysis.extract_keywords``, eight per letter) are stored in its
search document; the executor ranks the replies sharing them (``Executor.related``). Candidates are read
back through ``Reply.objects.public()``, so a stale index never shows a hidden reply. An engine that
cannot be reached leaves the reply page without related replies, never without the reply.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from archive.models import Reply
from search.executor import SearchUnavailable, executor

CANDIDATES = 20

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RelatedReply:
    pk: int
    title: str
    agency: str | None
    date: date | None

    def get_absolute_url(self) -> str:
        return reverse("archive:reply-detail", args=[self.pk])


def related_replies(reply: Reply, limit: int = 5) -> list[RelatedReply]:
    """Up to ``limit`` public replies to other proposals that share this reply's topic words."""
    if not reply.keywords:
        return []
    try:
        ranked = executor().related(reply.pk, reply.keywords, CANDIDATES)
    except SearchUnavailable as error:
        log.warning("检索引擎不可用，答复页不显示相关答复：%s", error)
        return []
    # Only what the list shows: building whole replies with their relations took 3 ms of the ORM's time.
    found = (
        Reply.objects.public().filter(pk__in=ranked).exclude(proposal_id=reply.proposal_id)
        .values_list("pk", "proposal__title", "agency__name", "date")
    )
    by_pk = {row[0]: RelatedReply(*row) for row in found}
    return [by_pk[pk] for pk in ranked if pk in by_pk][:limit]
