"""The answer of a page whose search engine cannot be reached: 503, in Chinese, with when to try again."""

from django.shortcuts import render

RETRY_AFTER_SECONDS = 60


def unavailable_page(request):
    response = render(request, "search/unavailable.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
