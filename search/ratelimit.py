"""Per-client limits on the costly doors (the JSON search API, the exports), so one script cannot starve the site.

django-ratelimit counts each client address (behind trusted proxies, the address they forwarded:
config/client_address.py) in one-minute windows, in the cache every gunicorn worker shares (config/cache.py, or
Redis: CACHE_URL), so a client gets the setting's number of requests a minute however many workers serve it.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django_ratelimit.core import is_ratelimited

from config.client_address import client_address

WINDOW_SECONDS = 60
# The longest wait: each client's minute starts at a second of its own (django-ratelimit spreads the windows).
RETRY_AFTER = {"Retry-After": str(WINDOW_SECONDS)}


def _client(scope: str, request) -> str:
    return client_address(request)


def limited_per_minute(scope: str, setting: str, refusal: Callable[[int], HttpResponse]):
    """A view decorator: more than ``settings.<setting>`` requests a minute from one client get ``refusal(limit)``.

    ``scope`` keeps each door's count apart: a journalist's exports do not use up their API calls."""

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            limit = getattr(settings, setting)
            if is_ratelimited(request, group=scope, key=_client, rate=(limit, WINDOW_SECONDS), increment=True):
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
