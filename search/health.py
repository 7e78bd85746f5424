"""/healthz: can the site read its database and its index, and do they hold the same replies?

Counts only, so a load balancer may ask every few seconds; ``check_search_index`` compares
reply by reply. Counts that differ while changes wait in the queue are the indexer catching up,
not a fault, unless the oldest change has waited longer than ``SEARCH_INDEX_LAG_LIMIT`` seconds:
then the indexer is stopped or stuck (a read-only disk, a lost process), and that is a fault.
"""

from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse
from django.utils import timezone

from archive.models import Reply
from search.executor import SearchUnavailable, executor
from search.models import IndexQueue


def health() -> dict:
    report: dict = {"database": "ok", "index": "ok"}
    try:
        report["database_replies"] = Reply.objects.public().count()
        pending = IndexQueue.objects.waiting()
        report["queued_changes"] = pending.count()
        oldest = pending.order_by("id").values_list("queued_at", flat=True).first()
        report["oldest_queued_seconds"] = round((timezone.now() - oldest).total_seconds()) if oldest else 0
    except DatabaseError as error:
        report["database"] = f"error: {type(error).__name__}"
    try:
        report["index_replies"] = executor().document_count()
    except SearchUnavailable as error:  # a cluster that cannot be reached or answers with an error
        report["index"] = f"error: unreachable: {error}"
    except Exception as error:  # a missing, unreadable or half-written index: say so, never crash
        report["index"] = f"error: {type(error).__name__}"
    both = report["database"] == report["index"] == "ok"
    report["counts_agree"] = both and report["database_replies"] == report["index_replies"]
    catching_up = (
        both and 0 < report["queued_changes"] and report["oldest_queued_seconds"] <= settings.SEARCH_INDEX_LAG_LIMIT
    )
    report["ok"] = both and (report["counts_agree"] or catching_up)
    return report


def healthz(request):
    report = health()
    return JsonResponse(report, status=200 if report["ok"] else 503, json_dumps_params={"ensure_ascii": False})
