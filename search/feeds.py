"""``/search/feed/?<the search's parameters>``: the newest replies matching any search, as an Atom feed."""

from dataclasses import replace
from itertools import chain

from django.urls import reverse

from archive.feeds import ENTRIES, SITE, ReplyFeed, feed_entries
from archive.models import Reply
from search.executor import SearchUnavailable
from search.matched_replies import public_chunks
from search.params import SearchParams
from search.query import active_filters, every_match
from search.ratelimit import feed_rate_limited
from search.unavailable import unavailable_page


class SearchFeed(ReplyFeed):
    def get_object(self, request):
        # A feed reader wants what is new: newest first, whatever order the page was sorted in.
        return replace(SearchParams.from_querydict(request.GET), sort="date", page=1)

    def title(self, params):
        return f"检索：{describe(params)} · {SITE}"

    def subtitle(self, params):
        return f"符合“{describe(params)}”的最新公开答复，从新到旧。"

    def link(self, params):
        return params.url(path=reverse("search:search"))

    def feed_url(self, params):  # the feed's own address, query included (Django's default is the path alone)
        return feed_address(params)

    def items(self, params):
        ids = every_match(params, ENTRIES).ids
        return list(chain.from_iterable(public_chunks(feed_entries(Reply.objects.all()), ids)))


def feed_address(params: SearchParams) -> str:
    """The feed of a search: its parameters less the page and the sort, which the feed sets itself."""
    return params.url(path=reverse("search:feed"), sort=None, page=None)


def describe(params: SearchParams) -> str:
    """The search in words: 心理健康；答复单位：慈溪市教育局；年份：2024年."""
    parts = [params.q.strip()[:60]] if params.q.strip() else []
    parts += [active.label for active in active_filters(params)]
    return "；".join(parts) or "全部答复"


@feed_rate_limited
def search_feed(request):
    try:
        return SearchFeed()(request)
    except SearchUnavailable:
        return unavailable_page(request)
