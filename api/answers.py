"""How every API door answers: JSON with the Chinese as written, personal numbers masked, errors in Chinese.

``api_view`` puts a view behind the search API's per-client limit (``search.ratelimit``) and makes it
``read_only``: reads only, and a missing or hidden record answered with the same JSON 404.
"""

from functools import wraps

from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from archive.privacy import mask_personal_numbers
from search.ratelimit import rate_limited

NOT_FOUND = "没有这条公开记录：编号不存在，或这份答复不公开。"
READ_ONLY = "本接口只读，请用 GET 请求。"
READ_METHODS = ("GET", "HEAD")
_OWN_URLS = {"url", "next", "previous"}


def masked(value, key: str = ""):
    """Every string of an answer with personal mobile and ID numbers masked, except the site's own URLs (a search's
    paging links carry its query as typed)."""
    if isinstance(value, str):
        return value if key in _OWN_URLS or key.endswith("_url") else mask_personal_numbers(value)
    if isinstance(value, dict):
        return {name: masked(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [masked(item, key) for item in value]
    return value


def answer(payload: dict, status: int = 200, headers: dict | None = None) -> JsonResponse:
    return JsonResponse(masked(payload), status=status, headers=headers, json_dumps_params={"ensure_ascii": False})


def read_only(view):
    """Only reads get through (a POST gets a JSON 405, not the CSRF check's HTML page: nothing can be changed
    here), and a missing or hidden record is the same JSON 404."""

    @wraps(view)
    def read(request, *args, **kwargs):
        if request.method not in READ_METHODS:
            return answer({"detail": READ_ONLY}, status=405, headers={"Allow": ", ".join(READ_METHODS)})
        try:
            return view(request, *args, **kwargs)
        except Http404:  # a hidden reply answers exactly as a missing one
            return answer({"detail": NOT_FOUND}, status=404)

    return csrf_exempt(read)


def api_view(view):
    return rate_limited(read_only(view))
