"""Replies on the same topic as a given one, from other proposals: its keywords, ORed, in the index.

Candidates come from the search index (ranked by how strongly they match the keywords) and are
read back through ``Reply.objects.public()``, so a stale index never shows a hidden reply.
The ranked ids are cached for a few minutes: the OR of eight common words is the costliest query
a reply page makes (over 90% of its time at 2,000 replies), and related replies may lag a little.
"""

from django.core.cache import cache
from whoosh import query as wq

from archive.models import Reply
from search.query import TEXT

CANDIDATES = 20
TOPIC_WORDS = 4  # the strongest keywords (they are kept in TF-IDF order); each more costs ~15 ms at 2,000 replies
CACHE_SECONDS = 300


def related_replies(reply: Reply, limit: int = 5) -> list[Reply]:
    """Up to ``limit`` public replies to other proposals that share this reply's topic words."""
    from search.backend import ChineseWhooshSearchBackend
    from search.indexing import backend

    index = backend()
    # Elasticsearch has no executor for these queries yet (README "Scaling out"): no related replies then.
    if not reply.keywords or not isinstance(index, ChineseWhooshSearchBackend):
        return []
    key = f"related:{reply.pk}:{reply.updated_at.timestamp()}"
    ranked = cache.get(key)
    if ranked is None:
        topic = wq.Or([wq.Term(TEXT, word.lower()) for word in reply.keywords[:TOPIC_WORDS]])
        ranked = [int(hit["django_id"]) for hit in index.searcher().search(topic, limit=CANDIDATES, terms=False)]
        cache.set(key, ranked, CACHE_SECONDS)
    found = (
        Reply.objects.public().filter(pk__in=ranked).exclude(proposal_id=reply.proposal_id)
        .select_related("agency", "proposal__session")
    )
    by_pk = {other.pk: other for other in found}
    return [by_pk[pk] for pk in ranked if pk in by_pk][:limit]
