"""``/search/export/?<the search's parameters>&format=csv|xlsx``: every match of a search as a file."""

from django.conf import settings
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from search.executor import SearchUnavailable
from search.export import csv_chunks, export_notes, export_rows, xlsx_file
from search.params import SearchParams
from search.query import every_match
from search.ratelimit import export_rate_limited
from search.unavailable import unavailable_page

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@export_rate_limited
def export(request):
    kind = request.GET.get("format", "csv")
    if kind not in CONTENT_TYPES:
        return HttpResponse("只能导出 CSV（format=csv）或 Excel（format=xlsx）文件。", status=400,
                            content_type="text/plain; charset=utf-8")
    limit = settings.SEARCH_EXPORT_MAX_ROWS
    try:
        matches = every_match(SearchParams.from_querydict(request.GET), limit)
    except SearchUnavailable:
        return unavailable_page(request)
    rows = export_rows(matches.ids, request.build_absolute_uri("/").rstrip("/"))
    notes = export_notes(matches, limit)
    headers = {
        "Content-Disposition": content_disposition_header(True, f"答复检索_{timezone.localdate():%Y-%m-%d}.{kind}"),
        "X-Export-Total": str(matches.total),  # every match, beyond the cap too
        "X-Export-Truncated": "true" if matches.total > len(matches.ids) or matches.out_of_time else "false",
    }
    if kind == "csv":
        return StreamingHttpResponse(csv_chunks(rows, notes), content_type=CONTENT_TYPES[kind], headers=headers)
    return FileResponse(xlsx_file(rows, notes), content_type=CONTENT_TYPES[kind], headers=headers)
