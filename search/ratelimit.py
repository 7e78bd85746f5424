"""A per-client limit on the JSON search API, so one script cannot starve the site.

A fixed one-minute window per client address (behind trusted proxies, the address they forwarded:
config/client_address.py), counted in Django's cache. The default cache is
per process, so with N gunicorn workers a client gets up to N × the limit; that is enough to stop
a runaway loop, which is the point. Point CACHES at a shared cache for an exact limit.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse

from config.client_address import client_address

WINDOW_SECONDS = 60


def rate_limited(view):
    @wraps(view)
    def limited(request, *args, **kwargs):
        key = f"search-api:{client_address(request)}"
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            count = cache.incr(key)
        except ValueError:  # the window ended between add() and incr()
            cache.set(key, count := 1, WINDOW_SECONDS)
        if count > settings.SEARCH_API_RATE_LIMIT:
            message = f"请求过于频繁：每个地址每分钟最多 {settings.SEARCH_API_RATE_LIMIT} 次检索，请稍后再试。"
            return JsonResponse({"detail": message}, status=429, headers={"Retry-After": str(WINDOW_SECONDS)},
                                json_dumps_params={"ensure_ascii": False})
        return view(request, *args, **kwargs)

    return limited
