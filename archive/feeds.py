"""Atom feeds of public replies, newest first: the whole archive's, and each agency's, proposer's, place's and
proposal's (a feed reader learns of a new answer without visiting the page).

An entry is one reply: the proposal's title, the agency as its author, the reply's date as published and its
last change as updated, the opening of the letter as the summary, the reply's page as link and id. Only
``Reply.objects.public()`` replies, masked as on the pages; a feed of a page that would 404 answers 404 too.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.db.models.functions import Substr
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from archive.models import Agency, Person, Place, Proposal, Reply
from archive.parsing import normalize_proposal_number
from archive.parsing.stored_text import letter_start
from archive.privacy import mask_personal_numbers

ENTRIES = 50
EXCERPT_CHARACTERS = 200
# Read this much of a letter: a page saved from a portal opens with its metadata (分类标识, 录入…) first.
OPENING_CHARACTERS = 1_500
SITE = "建议提案答复档案"


def feed_entries(replies: QuerySet) -> QuerySet:
    """What an entry shows, without the letters' whole texts: only their openings (long enough to pass a web
    page's metadata and keep twice the excerpt after it, so a number cut where the reading stopped never shows)."""
    return (
        replies.select_related("agency", "proposal")
        .defer("raw_text", "body_text", "next_steps")
        .annotate(opening=Substr("body_text", 1, OPENING_CHARACTERS))
    )


class ReplyFeed(Feed):
    """The entries every feed shares; subclasses say which replies and what the feed is called."""

    feed_type = Atom1Feed
    author_name = SITE  # Atom wants an author: the archive's, for entries without an agency

    def item_title(self, reply):
        return mask_personal_numbers(reply.proposal.title)

    def item_description(self, reply):
        text = reply.opening[letter_start(reply.opening):]
        opening = " ".join(mask_personal_numbers(text[: 2 * EXCERPT_CHARACTERS]).split())
        return opening[:EXCERPT_CHARACTERS] + ("…" if len(opening) > EXCERPT_CHARACTERS else "")

    def item_link(self, reply):
        return reply.get_absolute_url()

    def item_author_name(self, reply):
        return reply.agency.name if reply.agency_id else None

    def item_pubdate(self, reply):
        return timezone.make_aware(datetime.combine(reply.date, time())) if reply.date else None

    def item_updateddate(self, reply):
        return reply.updated_at


class NewestRepliesFeed(ReplyFeed):
    title = f"最新答复 · {SITE}"
    subtitle = "人大代表建议、政协委员提案的最新公开答复。"

    def link(self):
        return reverse("archive:reply-list")

    def items(self):
        return feed_entries(Reply.objects.public().newest_first())[:ENTRIES]


@dataclass(frozen=True)
class Group:
    """The replies of one page (an agency's, a person's…) and how its feed is called."""

    name: str
    page: str
    replies: QuerySet


class GroupFeed(ReplyFeed):
    def get_object(self, request, **kwargs):
        group = self.group(**kwargs)
        if not group.replies.exists():  # only hidden replies: the feed, like the page, must not reveal them
            raise Http404("没有公开的答复。")
        return group

    def group(self, **kwargs) -> Group:
        raise NotImplementedError

    def title(self, group):
        return f"{group.name} · {SITE}"

    def subtitle(self, group):
        return f"{group.name}，从新到旧。"

    def link(self, group):
        return group.page

    def items(self, group):
        return feed_entries(group.replies.newest_first())[:ENTRIES]


class AgencyFeed(GroupFeed):
    def group(self, pk):
        agency = get_object_or_404(Agency, pk=pk)
        return Group(f"{agency.name}的答复", agency.get_absolute_url(), Reply.objects.public().filter(agency=agency))


class PersonFeed(GroupFeed):
    def group(self, pk):
        person = get_object_or_404(Person.objects.select_related("place"), pk=pk)
        replies = Reply.objects.public().filter(proposal__proposer_links__person=person)
        return Group(f"{person.name}（{person.description or '提出人'}）收到的答复", person.get_absolute_url(), replies)


class PlaceFeed(GroupFeed):
    def group(self, code):
        place = get_object_or_404(Place, code=code)
        return Group(f"{place.path}的建议提案答复", place.get_absolute_url(), Reply.objects.public().in_place(place))


class ProposalFeed(GroupFeed):
    def group(self, pk=None, session_id=None, number=None):
        if pk is not None:
            proposal = get_object_or_404(Proposal, pk=pk)
        else:
            proposal = get_object_or_404(
                Proposal, session_id=session_id, number_normalized=normalize_proposal_number(number) or None,
                is_draft=False,
            )
        title = mask_personal_numbers(proposal.title)
        return Group(f"《{title}》的答复", proposal.get_absolute_url(), proposal.replies.public())
