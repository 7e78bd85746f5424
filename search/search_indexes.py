"""The search index: published, publicly disclosable replies (``Reply.objects.public()``).

``text`` is what words are matched against (title, proposers, agency, session, the whole
letter; see ``templates/search/indexes/archive/reply_text.txt``). The other fields are exact
values for facets, filters, sorting and for putting a proposal's or a person's replies first.
Displayed text (titles, snippets) is read from the database, never from the index, so a stale
index can never show a hidden reply's words.
"""

from haystack import indexes

from archive.models import Reply
from commitments.search_fields import facet_value, with_dated_flag
from search.facets import UNSTATED
from search.proposal_numbers import session_key


class ReplyIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    body = indexes.CharField(faceted=True, null=True)
    agency = indexes.CharField(faceted=True, null=True)
    # The codes of the proposal's place and of those above it (省 › 市 › 区县): a filter on a city finds its counties.
    place = indexes.MultiValueField(faceted=True)
    year = indexes.CharField(faceted=True, null=True)
    # Facet values name the person with their place (王强（眉山市）): two places' 王强 are two people.
    proposer = indexes.MultiValueField(faceted=True)
    # The names alone, for putting a typed name's replies first.
    proposer_name = indexes.MultiValueField(faceted=True)
    role = indexes.CharField(faceted=True, null=True)
    session = indexes.CharField(faceted=True, null=True)
    result = indexes.CharField(faceted=True, null=True)
    # Whether the reply promises something by a date (commitments.search_fields): 有期限承诺 or 无.
    commitment = indexes.CharField(faceted=True, null=True)
    number = indexes.CharField(faceted=True, null=True)
    session_key = indexes.CharField(faceted=True, null=True)
    date = indexes.DateField(model_attr="date", null=True)
    # The reply's topic words (archive.keywords): related replies are those that share the most of them.
    keywords = indexes.MultiValueField(model_attr="keywords")
    # Stored, not searched: lets check_search_index see an edit that never reached the index.
    updated = indexes.CharField(indexed=False, null=True)

    def get_model(self):
        return Reply

    def index_queryset(self, using=None):
        return with_dated_flag(
            Reply.objects.public()
            .select_related("agency", "proposal__session__place", "proposal__place")
            .with_proposers()
        )

    def read_queryset(self, using=None):
        return self.index_queryset(using)

    # A reply that states no body, agency, year, result or session is counted as 未注明: a facet's counts add up.
    def prepare_body(self, reply):
        return reply.proposal.body or (reply.proposal.session.body if reply.proposal.session_id else UNSTATED)

    def prepare_agency(self, reply):
        return reply.agency.name if reply.agency_id else UNSTATED

    def prepare_place(self, reply):
        return [place.code for place in reply.proposal.place.division.ancestry] if reply.proposal.place_id else []

    def prepare_year(self, reply):
        return str(reply.date.year) if reply.date else UNSTATED

    def prepare_result(self, reply):
        return reply.result_class or UNSTATED

    def prepare_commitment(self, reply):
        return facet_value(reply)

    def prepare_proposer(self, reply):
        return [link.person.facet_label for link in reply.proposal.proposer_links.all()]

    def prepare_proposer_name(self, reply):
        return [link.person.name for link in reply.proposal.proposer_links.all()]

    def prepare_role(self, reply):
        links = list(reply.proposal.proposer_links.all())
        return links[0].person.role if links else ""

    def prepare_session(self, reply):
        # With its place where the wording lacks one: every city's 市政协五届四次会议 is its own value.
        return str(reply.proposal.session) if reply.proposal.session_id else UNSTATED

    def prepare_number(self, reply):
        return reply.proposal.number_normalized

    def prepare_session_key(self, reply):
        session = reply.proposal.session
        return session_key(session.term, session.meeting) if session else ""

    def prepare_updated(self, reply):
        return reply.updated_at.isoformat()
