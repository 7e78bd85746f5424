"""``/sitemap.xml``: every public reply, agency, person, proposal and place, each with its ``lastmod``.

A page is listed only when a public reply is on it (its view answers 404 otherwise), and its
``lastmod`` is the newest ``updated_at`` among those replies. Each section is one grouped query of
the public replies (values, never model rows), so 10,000 replies make five queries, not 10,000.
Past ``PublicPages.limit`` URLs (50,000, the protocol's maximum a file) ``/sitemap.xml`` becomes a
sitemap index of per-section pages ``/sitemap-<section>.xml?p=N``.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max

from archive.models import Agency, Person, Place, Proposal, Reply


class PublicPages(Sitemap):
    """The pages of one kind that show public replies: a public reply's ``group_by`` fields name one page."""

    limit = 50_000
    model: type
    group_by: tuple[str, ...]  # fields of a public reply; the first is the page's id
    attributes: tuple[str, ...]  # the model's attributes those fields fill, enough for get_absolute_url()

    def replies(self):
        return Reply.objects.public().exclude(**{f"{self.group_by[0]}__isnull": True})

    def items(self):
        # (fields…, newest updated_at), ordered so that page 2 of a section follows page 1.
        grouped = self.replies().values_list(*self.group_by).annotate(lastmod=Max("updated_at"))
        return grouped.order_by(*self.group_by)

    def location(self, item):
        return self.model(**dict(zip(self.attributes, item[:-1], strict=True))).get_absolute_url()

    def lastmod(self, item):
        return item[-1]

    def get_latest_lastmod(self):
        # Django's default asks lastmod() of every item; one aggregate gives the same date.
        return self.replies().aggregate(latest=Max("updated_at"))["latest"]


class ReplyPages(PublicPages):
    model, group_by, attributes = Reply, ("pk",), ("pk",)


class AgencyPages(PublicPages):
    model, group_by, attributes = Agency, ("agency",), ("pk",)


class PersonPages(PublicPages):
    model, group_by, attributes = Person, ("proposal__proposer_links__person",), ("pk",)


class ProposalPages(PublicPages):
    model = Proposal
    group_by = ("proposal", "proposal__session", "proposal__number_normalized")
    attributes = ("pk", "session_id", "number_normalized")


class PlacePages(PublicPages):
    """A place's page shows the replies of its own proposals and of the places within it (two levels down)."""

    model, group_by, attributes = Place, ("proposal__place__code",), ("code",)
    LEVELS = ("proposal__place__code", "proposal__place__parent__code", "proposal__place__parent__parent__code")

    def items(self):
        newest: dict[str, object] = {}
        for field in self.LEVELS:
            grouped = self.replies().exclude(**{field: None}).values_list(field).annotate(lastmod=Max("updated_at"))
            for code, lastmod in grouped.order_by():
                newest[code] = max(newest.get(code, lastmod), lastmod)
        return sorted(newest.items())


SITEMAPS = {
    "replies": ReplyPages,
    "proposals": ProposalPages,
    "agencies": AgencyPages,
    "people": PersonPages,
    "places": PlacePages,
}


def sitemap(request):
    """One sitemap while every URL fits in one file; past that, an index of the sections' pages."""
    if sum(section().paginator.count for section in SITEMAPS.values()) <= PublicPages.limit:
        return sitemap_views.sitemap(request, SITEMAPS)
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")


def sitemap_section(request, section):
    return sitemap_views.sitemap(request, SITEMAPS, section=section)
