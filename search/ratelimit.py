"""Per-client limits on the costly doors (the JSON search API, the exports), so one script cannot starve the site.

A fixed one-minute window per client address (behind trusted proxies, the address they forwarded:
config/client_address.py), counted in Django's cache. The default cache is
per process, so with N gunicorn workers a client gets up to N × the limit; that is enough to stop
a runaway loop, which is the point. Point CACHES at a shared cache for an exact limit.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse

from config.client_address import client_address

WINDOW_SECONDS = 60
RETRY_AFTER = {"Retry-After": str(WINDOW_SECONDS)}


def limited_per_minute(scope: str, setting: str, refusal: Callable[[int], HttpResponse]):
    """A view decorator: more than ``settings.<setting>`` requests a minute from one client get ``refusal(limit)``.

    ``scope`` keeps each door's count apart: a journalist's exports do not use up their API calls."""

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            key = f"{scope}:{client_address(request)}"
            cache.add(key, 0, WINDOW_SECONDS)
            try:
                count = cache.incr(key)
            except ValueError:  # the window ended between add() and incr()
                cache.set(key, count := 1, WINDOW_SECONDS)
            limit = getattr(settings, setting)
            if count > limit:
                return refusal(limit)
            return view(request, *args, **kwargs)

        return limited

    return decorator


def _api_refusal(limit: int) -> HttpResponse:
    message = f"请求过于频繁：每个地址每分钟最多 {limit} 次请求（检索和读取记录合计），请稍后再试。"
    return JsonResponse({"detail": message}, status=429, headers=RETRY_AFTER, json_dumps_params={"ensure_ascii": False})


def _refusal_in_words(door: str) -> Callable[[int], HttpResponse]:
    def refusal(limit: int) -> HttpResponse:
        message = f"{door}过于频繁：每个地址每分钟最多 {limit} 次，请一分钟后再试。"
        return HttpResponse(message, status=429, headers=RETRY_AFTER, content_type="text/plain; charset=utf-8")

    return refusal


rate_limited = limited_per_minute("search-api", "SEARCH_API_RATE_LIMIT", _api_refusal)
export_rate_limited = limited_per_minute("search-export", "SEARCH_EXPORT_RATE_LIMIT", _refusal_in_words("导出"))
# A search's feed is a search: a feed reader polls it now and then, a runaway loop does not get to.
feed_rate_limited = limited_per_minute("search-feed", "SEARCH_API_RATE_LIMIT", _refusal_in_words("订阅检索"))
