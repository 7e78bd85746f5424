import io

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from archive import search_side
from archive.charts import bar_chart
from archive.citation import citation_meta, cite_reply
from archive.layout import letter_blocks, next_steps_pointer, next_steps_summary
from archive.models import Agency, Person, Place, Proposal, Reply, Session
from archive.original_door import public_original
from archive.parsing import normalize_proposal_number
from archive.stats import archive_overview, summarize

REPLIES_PER_PAGE = 20
NEWEST_ON_HOME = 8
OVERVIEW_SECONDS = 3600


def _with_listing_relations(replies):
    return replies.select_related("agency", "proposal__session", "proposal__place").with_proposers()


def home(request):
    newest = _with_listing_relations(Reply.objects.public().newest_first().without_texts())[:NEWEST_ON_HOME]
    # Ten aggregates over every public reply (0.7 s at 10,000): computed again only after a change,
    # which every change announces by queueing its replies for the search index.
    overview = cache.get_or_set(f"home-overview:{search_side.last_change_id()}", archive_overview, OVERVIEW_SECONDS)
    return render(request, "archive/home.html", {"overview": overview, "newest": newest})


def reply_list(request):
    replies = _with_listing_relations(Reply.objects.public().newest_first().without_texts())
    page = Paginator(replies, REPLIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "archive/reply_list.html", {"page": page, "total": page.paginator.count})


def reply_detail(request, pk):
    try:
        reply = get_object_or_404(_with_listing_relations(Reply.objects.public()).defer("raw_text"), pk=pk)
    except Http404:
        # A reply that was public says 已撤回 and when, and nothing of itself: it may have been withdrawn for
        # a name or a number it held. One that never was public is the same 404 as one that does not exist.
        withdrawn = Reply.objects.filter(pk=pk, withdrawn_at__isnull=False).values_list("withdrawn_at", flat=True)
        if not withdrawn:
            raise
        context = {"withdrawn_on": timezone.localdate(withdrawn[0])}
        return render(request, "archive/reply_withdrawn.html", context, status=410)
    sections = list(reply.sections.all())
    permalink = request.build_absolute_uri(reply.get_absolute_url())
    blocks = letter_blocks(reply.body_text, sections, reply.next_steps)
    return render(request, "archive/reply_detail.html", {
        "reply": reply,
        "sections": sections,
        "blocks": blocks,
        "next_steps_pointer": next_steps_pointer(blocks, sections),
        "next_steps_summary": next_steps_summary(reply.next_steps),
        "permalink": permalink,
        "citation": cite_reply(reply, permalink),
        "citation_meta": citation_meta(reply, permalink),
        "related": search_side.related_replies(reply),
    })


def reply_original(request, pk):
    reply = get_object_or_404(Reply.objects.public().exclude(original="").select_related("agency", "proposal"), pk=pk)
    download = public_original(reply)
    if download is None:
        raise Http404("这件答复的原始文件不公开。")
    return FileResponse(io.BytesIO(download.data), as_attachment=True, filename=download.filename,
                        content_type=download.content_type)


def proposal_detail(request, session_id, number):
    normalized = normalize_proposal_number(number)
    if not normalized:  # several proposals of a session may lack a number: never guess among them
        raise Http404("没有这个编号。")
    # A draft's own proposal may share the key until the draft is published and joins this one.
    proposal = get_object_or_404(Proposal, session_id=session_id, number_normalized=normalized, is_draft=False)
    # Public replies first, then the redirect: a proposal whose replies are all hidden answers exactly as a number
    # that does not exist, whatever way its number is written (a 301 here told anyone that it exists).
    replies = _public_timeline(proposal)
    if number != normalized:  # 0070 and 第70号 are cited too; one canonical address for each proposal
        return redirect(proposal, permanent=True)
    return _proposal_page(request, proposal, replies)


def proposal_by_id(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    return _proposal_page(request, proposal, _public_timeline(proposal))


def _public_timeline(proposal):
    """The proposal's public replies, the first answer first; 404, as for a missing proposal, when there are none."""
    # A timeline reads forwards: the first answer, then opinions, second answers, follow-ups.
    replies = list(proposal.replies.public().select_related("agency").order_by("date", "uploaded_at"))
    if not replies:
        raise Http404("没有这个编号。")
    return replies


def _proposal_page(request, proposal, replies):
    links = proposal.proposer_links.select_related("person")
    return render(request, "archive/proposal_detail.html", {"proposal": proposal, "replies": replies, "links": links})


def agency_list(request):
    agencies = (
        Agency.objects.filter(replies__in=Reply.objects.public()).select_related("place")
        .annotate(reply_count=Count("replies")).order_by("place__code", "name")
    )
    return render(request, "archive/agency_list.html", {"agencies": agencies})


def agency_detail(request, pk):
    agency = get_object_or_404(Agency.objects.select_related("place").prefetch_related("aliases"), pk=pk)
    replies = Reply.objects.public().filter(agency=agency)
    return _replies_page(
        request, "archive/agency_detail.html", replies, agency=agency, search_filter="agency", search_value=agency.name
    )


def person_detail(request, pk):
    person = get_object_or_404(Person.objects.select_related("place"), pk=pk)
    replies = Reply.objects.public().filter(proposal__proposer_links__person=person)
    return _replies_page(
        request, "archive/person_detail.html", replies,
        person=person, search_filter="proposer", search_value=person.facet_label,
    )


def place_list(request):
    counts = dict(Reply.objects.public().values_list("proposal__place").annotate(n=Count("pk")).order_by())
    places = {place.pk: place for place in Place.objects.all()}
    totals: dict[int, int] = {}
    for place_id, n in counts.items():
        place = places.get(place_id)
        while place is not None:  # a reply of 南沙区 counts for 广州市 and 广东省 too
            totals[place.pk] = totals.get(place.pk, 0) + n
            place = places.get(place.parent_id)
    rows = sorted((place for place in places.values() if place.pk in totals), key=lambda place: place.code)
    return render(request, "archive/place_list.html", {"rows": [(place, totals[place.pk]) for place in rows]})


def place_detail(request, code):
    place = get_object_or_404(Place.objects.select_related("parent"), code=code)
    replies = Reply.objects.public().in_place(place)
    agencies = (
        Agency.objects.filter(replies__in=replies)
        .annotate(reply_count=Count("replies"))
        .order_by("-reply_count", "name")
    )
    sessions = Session.objects.filter(proposals__replies__in=replies).annotate(reply_count=Count("proposals__replies"))
    children = Place.objects.filter(parent=place, pk__in=replies.values("proposal__place")) | Place.objects.filter(
        parent=place, children__pk__in=replies.values("proposal__place")
    )
    return _replies_page(
        request, "archive/place_detail.html", replies, place=place, agencies=agencies,
        sessions=sessions.select_related("place").order_by("-year", "-term", "-meeting", "name"),
        children=children.distinct().order_by("code"), search_filter="place", search_value=place.code,
    )


def _replies_page(request, template, replies, **context):
    """A page of replies newest first, with their counts by year and result class."""
    summary = summarize(replies)
    if not summary.total:  # only hidden replies: the page would reveal that they exist
        raise Http404("没有公开的答复。")
    page = Paginator(
        _with_listing_relations(replies.newest_first().without_texts()), REPLIES_PER_PAGE
    ).get_page(request.GET.get("page"))
    charts = [
        bar_chart("按年份", summary.by_year),
        bar_chart("按办理结果", [(label, n) for _, label, n in summary.by_result]),
    ]
    return render(request, template, {**context, "summary": summary, "charts": charts, "page": page})
