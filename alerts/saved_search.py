"""A subscription's search: the query string it is saved as, what it means in words, and its links.

A search is saved as its canonical query string (``SearchParams.url``: whitelisted parameters, cleaned
and capped as the search page reads them, newest first, no page), so the same search typed twice is one
subscription, and an agency's, a proposer's or a place's page saves the search filter that lists the same
replies (``agency=<name>``, ``proposer=<name（place）>``, ``place=<code>``).
"""

from dataclasses import replace

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse

from search.params import SearchParams
from search.query import active_filters


def canonical(params: SearchParams) -> str:
    """The query string a subscription is saved as (without the ``?``)."""
    return params.url(sort="date", page=None).removeprefix("?")


def params_of(query: str) -> SearchParams:
    return replace(SearchParams.from_querydict(QueryDict(query)), sort="date", page=1)


def describe(params: SearchParams) -> str:
    """The search in words: 检索词“教育” · 答复单位：资阳市教育局 · 地区：资阳市."""
    parts = [f"检索词“{' '.join(params.q.split())}”"] if params.q.strip() else []
    parts += [active.label for active in active_filters(params)]
    return " · ".join(parts) or "全部公开答复"


def absolute(path: str) -> str:
    """A link for a mail: the site's address (``SITE_URL``) and a path."""
    return settings.SITE_URL.rstrip("/") + path


def search_path(params: SearchParams) -> str:
    """The search page of this search, newest first."""
    return params.url(path=reverse("search:search"), sort="date", page=None)
