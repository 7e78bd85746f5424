"""The search index's ``commitment`` field: whether a reply states a commitment with a date it is due by.

The facet and filter 下一步承诺 (``search.facets``) has two values; the index reads them with one EXISTS
per reply through ``with_dated_flag`` on its queryset, not a query per document.
"""

from django.db.models import Exists, OuterRef

from commitments.models import Commitment

DATED = "有期限承诺"
NONE = "无"
LABELS = {DATED: "有期限承诺", NONE: "无期限承诺"}


def with_dated_flag(replies):
    """The replies, each with ``has_dated_commitment``."""
    return replies.annotate(has_dated_commitment=Exists(Commitment.objects.dated().filter(reply=OuterRef("pk"))))


def facet_value(reply) -> str:
    dated = getattr(reply, "has_dated_commitment", None)
    if dated is None:  # a reply not read through the index's queryset (haystack's own update_object)
        dated = reply.commitments.dated().exists()
    return DATED if dated else NONE
