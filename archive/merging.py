"""A clerk's corrections of identity: two records that are one, or one record that is two.

The automatic keys (``archive.identity``) can be wrong both ways: a delegate whose name a letter
misspelt is two people, two same-name delegates of a place the gazetteer could not tell apart are
one. These functions merge or split people and proposals; the admin records each in the history.
"""

from django.db import transaction

from archive.identity import add_proposers
from archive.models import Person, Place, Proposal, Proposer, Reply


def move_links(links, person: Person) -> None:
    """Re-point proposer links to ``person``, one by one so the search index hears of each; a proposal
    that already lists the person keeps one link. Works on migration 0005's historical models too."""
    for link in links:
        if type(link).objects.filter(proposal_id=link.proposal_id, person=person).exists():
            link.delete()
        else:
            link.person = person
            link.save(update_fields=["person"])


@transaction.atomic
def merge_people(target: Person, others: list[Person]) -> None:
    """Every proposal of ``others`` is the target's; ``others`` are deleted."""
    for other in others:
        move_links(Proposer.objects.filter(person=other), target)
        other.delete()


@transaction.atomic
def split_person(person: Person, proposals: list[Proposal], place: Place | None) -> Person:
    """A new person of the same name and role (of ``place``) proposed these proposals, not ``person``."""
    new, _ = Person.objects.get_or_create(name=person.name, role=person.role, place=place)
    if new == person:
        raise ValueError("拆出的提出人与原提出人地区相同，请选择另一个地区。")
    move_links(Proposer.objects.filter(person=person, proposal__in=proposals), new)
    return new


@transaction.atomic
def merge_proposals(target: Proposal, others: list[Proposal]) -> None:
    """The replies and proposers of ``others`` belong to the target; ``others`` are deleted.

    A draft's own proposal is not merged by hand: its proposers would show before the draft is
    published, and publishing joins it anyway.
    """
    if any(proposal.is_draft for proposal in [target, *others]):
        raise ValueError("待发布的建议提案（其答复还是草稿）不能合并：发布答复时会自动并入同一件建议提案。")
    for other in others:
        add_proposers(target, [link.person for link in other.proposer_links.select_related("person")])
        for reply in other.replies.all():
            reply.proposal = target
            reply.save(update_fields=["proposal", "updated_at"])
        other.delete()


@transaction.atomic
def split_reply(reply: Reply) -> Proposal:
    """The reply answers a proposal of its own, with the same fields and proposers as the one it leaves."""
    old = reply.proposal
    new = Proposal.objects.create(
        session=None, body=old.body, place=old.place, year=old.year, number=old.number, kind=old.kind, title=old.title,
    )
    add_proposers(new, [link.person for link in old.proposer_links.select_related("person")])
    reply.proposal = new
    reply.save(update_fields=["proposal", "updated_at"])
    return new
