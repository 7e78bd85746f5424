"""Counts of commitments for the statistics page: made, dated, past due and followed up, by the reply's year."""

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from archive.models import Reply
from commitments.models import Commitment

COUNTS = ("made", "dated", "past_due", "followed_up")


def commitment_counts(replies, today=None) -> dict:
    """Commitments made in ``replies`` (pass ``Reply.objects.public()`` or a narrower queryset of it).

    ``{"total": {...}, "by_year": [{"year": 2024, ...}, ...]}``, each with ``made`` (every commitment read),
    ``dated`` (with a date it is due by), ``past_due`` (due before ``today``, default timezone.localdate())
    and ``followed_up`` (linked to a later public reply). Years are the replies' (None: undated letters).
    """
    today = today or timezone.localdate()
    rows = (
        Commitment.objects.filter(reply__in=replies)
        .values(year=ExtractYear("reply__date"))
        .annotate(
            made=Count("pk"),
            dated=Count("pk", filter=Q(due__isnull=False)),
            past_due=Count("pk", filter=Q(due__lt=today)),
            followed_up=Count("pk", filter=Q(follow_up__in=Reply.objects.public())),
        )
        .order_by("year")
    )
    by_year = [dict(row) for row in rows]
    return {"total": {name: sum(row[name] for row in by_year) for name in COUNTS}, "by_year": by_year}
