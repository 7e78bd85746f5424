"""``/sitemap.xml``: every public reply, agency, person, proposal and place, each with its ``lastmod``.

A page is listed only when a public reply is on it (its view answers 404 otherwise), and its
``lastmod`` is the newest ``updated_at`` among those replies. All five sections come from one read of
the public replies' ids and dates and one of the proposer links: on SQLite a reply's ``updated_at``
sits behind the letter's two texts, so every scan of the reply table costs about 25 ms per 1,000
replies, and a query per section (with its count) made 17 of them.
Past ``PublicPages.limit`` URLs (50,000, the protocol's maximum a file) ``/sitemap.xml`` becomes a
sitemap index of per-section pages ``/sitemap-<section>.xml?p=N``. The pages are read once per change of the
archive and kept in the cache.
"""

from collections.abc import Callable
from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from archive import search_side
from archive.models import Proposer, Reply

TEMPLATE = "archive/sitemap.xml"
PAGES_SECONDS = 3600
_SLOT = 987654321987654321  # an id no table reaches, as wide as the id converter allows

Pages = dict[tuple, datetime]  # a page's URL arguments → the newest updated_at of the public replies on it


def url_format(url_name: str, arity: int = 1) -> Callable[..., str]:
    """The view's URL with a slot for each argument, filled by ``format``: ``/replies/{0}/``.

    One reverse() for a whole section: reverse() takes 40 µs, and a 10,000-reply sitemap holds 30,000 URLs.
    """
    url = reverse(url_name, args=[_SLOT + n for n in range(arity)])
    for n in range(arity):
        url = url.replace(str(_SLOT + n), f"{{{n}}}")
    return url.format


def public_pages() -> dict[str, Pages]:
    """Every page that shows a public reply, by section."""
    sections: dict[str, Pages] = {name: {} for name in ("replies", "proposals", "agencies", "people", "places")}

    def seen(section: str, key: tuple, when: datetime) -> None:
        pages = sections[section]
        if key not in pages or pages[key] < when:
            pages[key] = when

    by_proposal: dict[int, datetime] = {}
    rows = Reply.objects.public().values_list(
        "pk", "updated_at", "agency", "proposal", "proposal__session", "proposal__number_normalized",
        # A place's page shows the replies of the places within it, two levels down.
        "proposal__place__code", "proposal__place__parent__code", "proposal__place__parent__parent__code",
    )
    for pk, when, agency, proposal, session, number, *codes in rows.order_by().iterator():
        seen("replies", (pk,), when)
        seen("proposals", (proposal, session, number), when)
        by_proposal[proposal] = max(by_proposal.get(proposal, when), when)
        if agency is not None:
            seen("agencies", (agency,), when)
        for code in codes:
            if code is not None:
                seen("places", (code,), when)
    for proposal, person in Proposer.objects.values_list("proposal", "person").order_by().iterator():
        if proposal in by_proposal:
            seen("people", (person,), by_proposal[proposal])
    return sections


def proposal_url() -> Callable[..., str]:
    """A proposal's address is its session and number, or its id when it lacks either (Proposal.get_absolute_url)."""
    by_number, by_id = url_format("archive:proposal-detail", 2), url_format("archive:proposal-by-id")
    return lambda pk, session, number: by_number(session, number) if session and number else by_id(pk)


class PublicPages(Sitemap):
    """One section: its pages in order of their URL arguments, so that page 2 follows page 1."""

    limit = 50_000

    def __init__(self, pages: Pages, url: Callable[..., str]):
        self.pages, self.url = sorted(pages.items()), url

    def items(self):
        return self.pages

    def location(self, item):
        return self.url(*item[0])

    def lastmod(self, item):
        return timezone.localdate(item[1])

    def get_latest_lastmod(self):
        return max((when for _, when in self.pages), default=None)


def sitemaps() -> dict[str, PublicPages]:
    # Reading every public reply's pages took 1.4 s at 100,000 replies, for each of the index's pages a crawler
    # fetches: kept until the archive changes, which every change announces (as the home page's overview is).
    pages = cache.get_or_set(f"sitemap-pages:{search_side.last_change_id()}", public_pages, PAGES_SECONDS)
    urls = {
        "replies": url_format("archive:reply-detail"),
        "proposals": proposal_url(),
        "agencies": url_format("archive:agency-detail"),
        "people": url_format("archive:person-detail"),
        "places": url_format("archive:place-detail"),
    }
    return {name: PublicPages(pages[name], url) for name, url in urls.items()}


def sitemap(request):
    """One sitemap while every URL fits in one file; past that, an index of the sections' pages."""
    sections = sitemaps()
    if sum(len(section.pages) for section in sections.values()) <= PublicPages.limit:
        return sitemap_views.sitemap(request, sections, template_name=TEMPLATE)
    return sitemap_views.index(request, sections, sitemap_url_name="sitemap-section")


def sitemap_section(request, section):
    sections = sitemaps()
    if section not in sections:
        raise Http404("没有这一部分。")
    return sitemap_views.sitemap(request, sections, section=section, template_name=TEMPLATE)
