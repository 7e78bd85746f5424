"""Keep the search index in step with the database through a queue, never by writing to Whoosh here.

Whenever something a reply's search document is made of changes (the reply itself, its proposal,
proposers, people, agency or session), the affected reply ids go into ``IndexQueue`` inside the
same transaction: a rolled-back change queues nothing, a committed one cannot be forgotten. Web
workers never take Whoosh's single write lock; the indexer process drains the queue.
With ``SEARCH_DRAIN_ON_COMMIT`` the queue is drained in-process on commit (tests, dev server).
"""

from django.db import transaction
from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from archive.models import Agency, Person, Proposal, Proposer, Reply, Session
from search.indexing import enqueue


def _reply_ids(sender, instance) -> list[int]:
    if sender is Reply:
        return [instance.pk]
    replies = Reply.objects.all()
    if sender is Proposal:
        replies = replies.filter(proposal_id=instance.pk)
    elif sender is Proposer:
        replies = replies.filter(proposal_id=instance.proposal_id)
    elif sender is Person:
        replies = replies.filter(proposal__proposer_links__person_id=instance.pk)
    elif sender is Agency:
        replies = replies.filter(agency_id=instance.pk)
    elif sender is Session:
        replies = replies.filter(proposal__session_id=instance.pk)
    return list(replies.values_list("pk", flat=True).distinct())


class QueueSignalProcessor(BaseSignalProcessor):
    senders = (Reply, Proposal, Proposer, Person, Agency, Session)

    def setup(self):
        for sender in self.senders:
            signals.post_save.connect(self.handle_change, sender=sender)
            signals.post_delete.connect(self.handle_change, sender=sender)

    def teardown(self):
        for sender in self.senders:
            signals.post_save.disconnect(self.handle_change, sender=sender)
            signals.post_delete.disconnect(self.handle_change, sender=sender)

    def handle_change(self, sender, instance, **kwargs):
        if instance.pk is None and sender is not Reply:
            return
        reply_ids = [instance.pk] if sender is Reply else _reply_ids(sender, instance)
        if reply_ids:
            # atomic(): a savepoint inside the change's transaction, or its own when there is none.
            with transaction.atomic(using=kwargs.get("using")):
                enqueue(reply_ids)
