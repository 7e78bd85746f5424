from django.shortcuts import render

from api.answers import answer
from search.executor import SearchUnavailable
from search.query import SearchParams, search
from search.ratelimit import rate_limited
from search.unavailable import RETRY_AFTER_SECONDS, unavailable_page

UNAVAILABLE = "检索服务暂时无法连接，请稍后再试。"


def search_page(request):
    try:
        results = search(SearchParams.from_querydict(request.GET))
    except SearchUnavailable:
        return unavailable_page(request)
    template = "search/_results.html" if request.GET.get("partial") else "search/search.html"
    return render(request, template, {"results": results, "params": results.params})


@rate_limited
def search_api(request):
    try:
        results = search(SearchParams.from_querydict(request.GET))
    except SearchUnavailable:
        return answer({"detail": UNAVAILABLE}, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    return answer(api_payload(request, results))


def api_payload(request, results) -> dict:
    """The JSON shape of /api/search/: the same results as the page.

    ``out_of_time``: the search ran out of its time budget and shows what it had found by then;
    ``contradictory``: the filters (or words) exclude each other, so nothing was searched."""

    def absolute(url):
        return request.build_absolute_uri(request.path + url) if url else None

    return {
        "count": results.total,
        "page": results.params.page,
        "pages": results.pages,
        "out_of_time": results.out_of_time,
        "contradictory": results.contradictory,
        "next": absolute(results.next_url),
        "previous": absolute(results.previous_url),
        "results": [
            {
                "id": hit.reply.pk,
                "title": hit.reply.proposal.title,
                "url": request.build_absolute_uri(hit.reply.get_absolute_url()),
                "agency": hit.reply.agency.name if hit.reply.agency_id else None,
                "proposers": hit.proposers,
                "date": hit.reply.date.isoformat() if hit.reply.date else None,
                "result_class": hit.reply.result_class or None,
                "snippets": [
                    {"html": str(excerpt.html), "section": excerpt.section_title or None,
                     "url": request.build_absolute_uri(excerpt.url)}
                    for excerpt in hit.excerpts
                ],
            }
            for hit in results.hits
        ],
        "facets": {facet.name: [[value.value, value.count] for value in facet.values] for facet in results.facets},
    }
