"""The API's doors: its documentation at /api/ and the JSON records at /api/v1/.

Each view looks its record up through ``Reply.objects.public()`` and hands it to ``api.records``; an agency,
person, place or proposal with no public reply is a 404, as on its page.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from api.answers import answer, api_view
from api.records import agency_brief, listing_record, person_brief, place_brief, proposal_record, reply_record
from archive.models import Agency, Person, Place, Proposal, Proposer, Reply
from archive.stats import summarize
from search import params, querylang
from search.params import SearchParams
from search.query import PER_PAGE
from search.ratelimit import WINDOW_SECONDS

NEWEST_REPLIES = 20  # an agency's, person's or place's newest; all of them through its search_url
_PROPOSERS = Prefetch("proposer_links", queryset=Proposer.objects.select_related("person__place"))


@api_view
def reply_detail(request, pk):
    replies = (
        Reply.objects.public().defer("raw_text").with_proposers()
        .select_related("agency__place", "proposal__session__place", "proposal__place")
    )
    reply = get_object_or_404(replies, pk=pk)
    return answer(reply_record(reply, reply.sections.all(), request.build_absolute_uri))


@api_view
def proposal_detail(request, pk):
    proposals = Proposal.objects.filter(is_draft=False).select_related("session__place", "place")
    proposal = get_object_or_404(proposals.prefetch_related(_PROPOSERS), pk=pk)
    # A timeline reads forwards, as on the proposal's page: the first answer, then opinions and follow-ups.
    replies = list(
        proposal.replies.public().without_texts().select_related("agency", "proposal").order_by("date", "uploaded_at")
    )
    if not replies:
        raise Http404
    return answer(proposal_record(proposal, replies, request.build_absolute_uri))


@api_view
def agency_detail(request, pk):
    agency = get_object_or_404(Agency.objects.select_related("place").prefetch_related("aliases"), pk=pk)
    subject = {**agency_brief(agency, request.build_absolute_uri), "aliases": [a.name for a in agency.aliases.all()]}
    return _listing(request, subject, Reply.objects.public().filter(agency=agency), agency=agency.name)


@api_view
def person_detail(request, pk):
    person = get_object_or_404(Person.objects.select_related("place"), pk=pk)
    subject = {**person_brief(person, request.build_absolute_uri), "description": person.description}
    replies = Reply.objects.public().filter(proposal__proposer_links__person=person)
    return _listing(request, subject, replies, proposer=person.facet_label)


@api_view
def place_detail(request, code):
    place = get_object_or_404(Place.objects.select_related("parent"), code=code)
    link = request.build_absolute_uri
    subject = {**place_brief(place, link), "parent": place_brief(place.parent, link)}
    return _listing(request, subject, Reply.objects.public().in_place(place), place=place.code)


@api_view
def not_found(request):
    """Any other path under /api/ (a letter for an id, an id of 20 digits, an old version): JSON, not a page."""
    raise Http404


def _listing(request, subject: dict, replies, **search_filter):
    summary = summarize(replies)
    if not summary.total:  # only hidden replies: answering would tell that they exist
        raise Http404
    newest = replies.newest_first().without_texts().select_related("agency", "proposal")[:NEWEST_REPLIES]
    search_url = SearchParams().url(path=reverse("api:v1-search"), **search_filter)
    return answer(listing_record(subject, summary, newest, search_url, request.build_absolute_uri))


def docs(request):
    """The documentation, its examples on this site's own address and its newest public reply."""
    example = (
        Reply.objects.public().newest_first().without_texts()
        .select_related("agency", "proposal__place").with_proposers().first()
    )
    links = list(example.proposal.proposer_links.all()) if example else []
    return render(request, "api/docs.html", {
        "base": request.build_absolute_uri(reverse("api:docs")) + "v1/",
        "example": example,
        "lead": links[0].person if links else None,
        "limits": {
            "rate": settings.SEARCH_API_RATE_LIMIT,
            "window": WINDOW_SECONDS,
            "per_page": PER_PAGE,
            "max_page": params.MAX_PAGE,
            "filter_values": params.MAX_FILTER_VALUES,
            "query_chars": querylang.MAX_QUERY_CHARS,
            "words": querylang.MAX_WORDS,
            "clause_words": querylang.MAX_CLAUSE_WORDS,
            "phrases": querylang.MAX_PHRASES,
            "prefixes": querylang.MAX_PREFIXES,
            "clauses": querylang.MAX_CLAUSES,
            "seconds": settings.SEARCH_TIME_BUDGET_SECONDS,
            "newest": NEWEST_REPLIES,
        },
    })
