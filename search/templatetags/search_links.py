"""Links to the exports and the feed of a search, built by ``SearchParams.url`` like every other search link."""

from django import template
from django.urls import reverse

from search.params import SearchParams

register = template.Library()


@register.simple_tag
def export_url(params: SearchParams, kind: str) -> str:
    """The file of every match of this search: ``kind`` is csv or xlsx."""
    return params.url(path=reverse("search:export"), format=kind, page=None)


@register.simple_tag
def feed_url(params: SearchParams) -> str:
    """The Atom feed of this search (always newest first)."""
    return params.url(path=reverse("search:feed"), sort=None, page=None)


@register.filter
def search_of(name: str, value: str) -> SearchParams:
    """The search of one filter, for a page that is one (``"agency"|search_of:agency.name``)."""
    return SearchParams(filters={name: [value]})
