"""Replies on the same topic as a given one, from other proposals: those sharing the most topic keywords.

Every reply's keywords (``archive.keywords``, eight per letter) are stored in its search document.
Candidates share at least one of them, each shared keyword weighing its inverse document frequency,
so a rare shared topic counts more than a common one. The keyword → documents map is built once
per index state (``search.columns``): scoring is then a count over a few thousand document numbers,
about 1 ms at 10,000 replies, where matching the keywords against the letters' text cost 30 ms, most
of a reply page. Candidates are read back through ``Reply.objects.public()``, so a stale index never
shows a hidden reply.
"""

import heapq
import math
from collections import Counter

from archive.models import Reply
from search.columns import documents_by_value, stored_columns

CANDIDATES = 20
KEYWORDS_FIELD = "keywords"


def related_replies(reply: Reply, limit: int = 5) -> list[Reply]:
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
    scores: Counter = Counter()
    for word in reply.keywords:
        documents = holders.get(word, ())
        weight = math.log(1 + total / len(documents)) if documents else 0.0
        for docnum in documents:
            scores[docnum] += weight
    ids = stored_columns(searcher)["django_id"]
    best = heapq.nlargest(CANDIDATES, scores, key=lambda docnum: (scores[docnum], -docnum))
    ranked = [ids[docnum] for docnum in best if ids[docnum] != reply.pk]
    found = (
        Reply.objects.public().filter(pk__in=ranked).exclude(proposal_id=reply.proposal_id)
        .select_related("agency", "proposal__session").without_texts()
    )
    by_pk = {other.pk: other for other in found}
    return [by_pk[pk] for pk in ranked if pk in by_pk][:limit]
