"""Links to a search, its exports and its feed, all built by ``SearchParams.url``: no template writes a query string."""

from django import template
from django.urls import reverse

from search.feeds import feed_address
from search.params import SearchParams

register = template.Library()


@register.simple_tag
def search_url(params: SearchParams | None = None, **changes) -> str:
    """The search page of these parameters (a new search when none) with some changed: ``{% search_url q=word %}``."""
    return (params or SearchParams()).url(path=reverse("search:search"), page=None, **changes)


@register.simple_tag
def export_url(params: SearchParams, kind: str) -> str:
    """The file of every match of this search: ``kind`` is csv or xlsx."""
    return params.url(path=reverse("search:export"), format=kind, page=None)


@register.simple_tag
def feed_url(params: SearchParams) -> str:
    """The Atom feed of this search (always newest first)."""
    return feed_address(params)


@register.filter
def search_of(name: str, value: str) -> SearchParams:
    """The search of one filter, for a page that is one (``"agency"|search_of:agency.name``)."""
    return SearchParams.of_filter(name, value)
