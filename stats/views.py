from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from stats.page import cached_statistics
from stats.sections import COUNTED
from stats.tables import table_csv
from stats.topics import MIN_REPLIES


def stats_page(request):
    return render(request, "stats/stats.html", {
        "statistics": cached_statistics(), "counted": COUNTED, "min_replies": MIN_REPLIES,
    })


def stats_csv(request, slug):
    section = cached_statistics().section(slug)
    if section is None:
        raise Http404("没有这张统计表。")
    filename = f"答复统计_{slug}_{timezone.localdate():%Y-%m-%d}.csv"
    return HttpResponse(table_csv(section.table), content_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": content_disposition_header(True, filename)})
