from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from archive.layout import letter_blocks
from archive.models import Proposer, Reply

REPLIES_PER_PAGE = 20


def _with_listing_relations(replies):
    proposers = Proposer.objects.select_related("person").order_by("position")
    return replies.select_related("agency", "proposal__session").prefetch_related(
        Prefetch("proposal__proposer_links", queryset=proposers)
    )


def reply_list(request):
    replies = _with_listing_relations(Reply.objects.public().newest_first())
    page = Paginator(replies, REPLIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "archive/reply_list.html", {"page": page, "total": page.paginator.count})


def reply_detail(request, pk):
    reply = get_object_or_404(_with_listing_relations(Reply.objects.public()), pk=pk)
    sections = list(reply.sections.all())
    return render(
        request,
        "archive/reply_detail.html",
        {"reply": reply, "sections": sections, "blocks": letter_blocks(reply.body_text, sections)},
    )
