"""Replies on the same topic as a given one, from other proposals: those sharing the most topic keywords.

Every reply's keywords (``archive.keywords``, eight per letter) are stored in its search document.
Candidates share at least one of its four rarest keywords, each shared keyword weighing its inverse
document frequency, so a rare shared topic counts more than a common one. The keyword → documents map is built once
per index state (``search.columns``): scoring is then a count over a few thousand document numbers,
about 1 ms at 10,000 replies, where matching the keywords against the letters' text cost 30 ms, most
of a reply page. Candidates are read back through ``Reply.objects.public()``, so a stale index never
shows a hidden reply.
"""

import heapq
import math
from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from archive.models import Reply
from search.columns import documents_by_value, stored_columns

CANDIDATES = 20
TOPIC_WORDS = 4
KEYWORDS_FIELD = "keywords"


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
    from search.backend import ChineseWhooshSearchBackend
    from search.indexing import backend

    index = backend()
    # Elasticsearch has no executor for these queries yet (README "Scaling out"): no related replies then.
    if not reply.keywords or not isinstance(index, ChineseWhooshSearchBackend):
        return []
    searcher = index.searcher()
    holders = documents_by_value(searcher, KEYWORDS_FIELD)
    total = searcher.doc_count()
    # The rarest keywords say most about the topic, and their lists are short: a common word's
    # thousands of holders tripled the cost and hardly changed the ranking.
    rarest = sorted((word for word in reply.keywords if word in holders), key=lambda word: len(holders[word]))
    scores: dict[int, float] = {}
    for word in rarest[:TOPIC_WORDS]:
        documents = holders[word]
        weight = math.log(1 + total / len(documents))
        for docnum in documents:
            scores[docnum] = scores.get(docnum, 0.0) + weight
    ids = stored_columns(searcher)["django_id"]
    best = heapq.nlargest(CANDIDATES, scores.items(), key=lambda item: (item[1], -item[0]))
    ranked = [ids[docnum] for docnum, _ in best if ids[docnum] != reply.pk]
    # Only what the list shows: building whole replies with their relations took 3 ms of the ORM's time.
    found = (
        Reply.objects.public().filter(pk__in=ranked).exclude(proposal_id=reply.proposal_id)
        .values_list("pk", "proposal__title", "agency__name", "date")
    )
    by_pk = {row[0]: RelatedReply(*row) for row in found}
    return [by_pk[pk] for pk in ranked if pk in by_pk][:limit]
