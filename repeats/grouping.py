"""Keeping the groups in the database: a full regroup, and a newly published proposal joining a group at once.

Only proposals the public can see count: published (not a draft's own proposal) with at least one public reply
(``Reply.objects.public()``). A proposal's words are read from its title and its public replies' text.

**Regrouping** (``manage.py group_repeats``) groups every such proposal afresh (``repeats.similarity``) and
then keeps what people rely on: a new group takes the id of the old group it shares most proposals with, so
its address stays; a proposal a clerk removed from a group (``Membership.removed_by_clerk``) is never put back
into that group. It reads each proposal's vector from ``ProposalWords`` and computes only those whose title or
public replies changed: at 10,000 proposals, seconds (README, "Repeat proposals").

**Publishing** a reply offers its proposal to the groups there are (``join_group``, after the commit): it joins
the group whose medoid it is closest to, if as close as the grouping asks of every member. That costs one
letter's words and a comparison with each group's stored medoid, never a regroup; a new group of proposals that
were in none is found by the next regroup (run it nightly, as ``send_alerts`` is run: README, "Repeat
proposals").
"""

import hashlib
import time
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from archive.models import Proposal, Reply
from repeats import similarity
from repeats.models import Membership, ProposalWords, RepeatGroup, public_proposals
from repeats.words import text_words, topic_words

# Change it when words or vectors are made differently (repeats.words, repeats.similarity): every kept vector is
# then made again by the next regroup.
VECTOR_RECIPE = "tfidf-1"
_CHUNK = 500


def vectors(proposals) -> dict[int, similarity.Vector]:
    """Each proposal's vector by id, made again only where its title or public replies changed since kept."""
    titles = dict(proposals.values_list("pk", "title"))
    chunks = [sorted(titles)[start : start + _CHUNK] for start in range(0, len(titles), _CHUNK)]
    # By ids, a chunk at a time: through a subquery SQLite walked every published reply to answer for one proposal.
    replies, kept = defaultdict(list), {}
    for chunk in chunks:
        public = Reply.objects.public().filter(proposal_id__in=chunk).order_by()
        for proposal_id, pk, updated in public.values_list("proposal_id", "pk", "updated_at"):
            replies[proposal_id].append((pk, updated.isoformat()))
        kept.update((pk, (source, vector)) for pk, source, vector in
                    ProposalWords.objects.filter(proposal_id__in=chunk).values_list("proposal_id", "source", "vector"))
    sources = {pk: _fingerprint(title, sorted(replies[pk])) for pk, title in titles.items()}
    found = {pk: kept[pk][1] for pk, source in sources.items() if pk in kept and kept[pk][0] == source}
    stale = sorted(set(sources) - set(found))
    for start in range(0, len(stale), _CHUNK):
        chunk = stale[start : start + _CHUNK]
        texts = defaultdict(list)
        for proposal_id, body in (
            Reply.objects.public().filter(proposal_id__in=chunk).order_by("pk").values_list("proposal_id", "body_text")
        ):
            texts[proposal_id].append(body)
        made = {pk: similarity.proposal_vector(topic_words(titles[pk]), text_words(texts[pk])) for pk in chunk}
        ProposalWords.objects.filter(proposal_id__in=chunk).delete()
        ProposalWords.objects.bulk_create(
            ProposalWords(proposal_id=pk, source=sources[pk], vector=vector) for pk, vector in made.items()
        )
        found.update(made)
    return found


def _fingerprint(title: str, replies: list[tuple[int, str]]) -> str:
    made_of = [VECTOR_RECIPE, title, *(f"{pk}@{updated}" for pk, updated in replies)]
    return hashlib.sha256("\n".join(made_of).encode()).hexdigest()


@dataclass(frozen=True)
class Outcome:
    proposals: int  # the public proposals grouped
    groups: int
    grouped: int  # proposals in a group
    seconds: float


@transaction.atomic
def regroup() -> Outcome:
    """Group every public proposal afresh, keeping the groups' ids and the clerks' removals."""
    started = time.perf_counter()
    by_id = vectors(public_proposals())
    ids = sorted(by_id)
    items = [by_id[pk] for pk in ids]
    pairs = similarity.similar_pairs(items)
    found = [[ids[i] for i in members]
             for members in similarity.group(len(ids), pairs, similarity.coherent_around_medoid(items))]

    named: dict[int, set[int]] = defaultdict(set)  # group → every proposal it names, removed ones too
    removed: dict[int, set[int]] = defaultdict(set)
    for group_id, proposal_id, was_removed in Membership.objects.values_list("group_id", "proposal_id",
                                                                            "removed_by_clerk"):
        named[group_id].add(proposal_id)
        if was_removed:
            removed[group_id].add(proposal_id)
    matched = _match(found, named)
    final: dict[int | None, list[list[int]]] = defaultdict(list)  # None: groups to make
    for n, members in enumerate(found):
        group_id = matched.get(n)
        members = [pk for pk in members if pk not in removed[group_id]] if group_id else members
        if len(members) >= 2:
            final[group_id].append(members)
    _write(final, by_id)
    grouped = sum(len(members) for lists in final.values() for members in lists)
    return Outcome(len(ids), sum(map(len, final.values())), grouped, time.perf_counter() - started)


def _match(found: list[list[int]], named: dict[int, set[int]]) -> dict[int, int]:
    """Each found group's old group: the one naming most of its proposals, each old group taken once."""
    groups_of: dict[int, set[int]] = defaultdict(set)
    for group_id, proposals in named.items():
        for pk in proposals:
            groups_of[pk].add(group_id)
    overlaps = sorted(
        ((len(named[group_id].intersection(members)), n, group_id)
         for n, members in enumerate(found) for group_id in set().union(*(groups_of[pk] for pk in members))),
        key=lambda overlap: (-overlap[0], overlap[1], overlap[2]),
    )
    matched: dict[int, int] = {}
    for _, n, group_id in overlaps:
        if n not in matched and group_id not in matched.values():
            matched[n] = group_id
    return matched


def _write(final: dict[int | None, list[list[int]]], by_id: dict[int, similarity.Vector]) -> None:
    keep = {(group_id, pk) for group_id, lists in final.items() if group_id for members in lists for pk in members}
    # Leaving first: a proposal moving to another group is in one group at every moment (the constraint).
    leaving = [m.pk for m in Membership.objects.active().only("pk", "group_id", "proposal_id")
               if (m.group_id, m.proposal_id) not in keep]
    Membership.objects.filter(pk__in=leaving).delete()
    titles = dict(Proposal.objects.filter(pk__in=[pk for lists in final.values() for m in lists for pk in m])
                  .values_list("pk", "title"))
    existing = set(Membership.objects.values_list("group_id", "proposal_id"))
    old_groups = RepeatGroup.objects.in_bulk([group_id for group_id in final if group_id])
    for group_id, lists in final.items():
        for members in lists:
            group = old_groups[group_id] if group_id else RepeatGroup()
            _describe(group, members, by_id, titles)
            group.save()
            Membership.objects.bulk_create(
                Membership(group=group, proposal_id=pk) for pk in members if (group.pk, pk) not in existing
            )
    # A group that names nobody any more goes; one that keeps a clerk's removal stays, for when it forms again.
    RepeatGroup.objects.filter(memberships=None).delete()


def _describe(group: RepeatGroup, members: list[int], by_id: dict[int, similarity.Vector], titles) -> None:
    """The group's medoid: its title is the group's label, its vector what a newly published proposal meets."""
    central = members[similarity.medoid(similarity.gram([by_id[pk] for pk in members]))]
    group.label, group.medoid = titles[central], by_id[central]


def refresh(group: RepeatGroup) -> None:
    """After a clerk's change: the medoid and label of the public proposals the group still holds."""
    members = public_proposals().filter(repeat_memberships__in=group.memberships.active())
    by_id = vectors(members)
    if by_id:
        _describe(group, sorted(by_id), by_id, dict(members.values_list("pk", "title")))
        group.save()


@transaction.atomic
def join_group(proposal_id: int) -> RepeatGroup | None:
    """Put a newly public proposal in the group it belongs to, if one is close enough; returns that group."""
    if not RepeatGroup.objects.exists() or Membership.objects.active().filter(proposal_id=proposal_id).exists():
        return None
    if not public_proposals().filter(pk=proposal_id).exists():
        return None
    vector = vectors(Proposal.objects.filter(pk=proposal_id))[proposal_id]
    candidates = RepeatGroup.objects.exclude(memberships__proposal_id=proposal_id).only("pk", "medoid")
    scored = [(similarity.cosine(vector, group.medoid), group.pk, group) for group in candidates]
    if not scored:
        return None
    closeness, _, group = max(scored, key=lambda score: (score[0], -score[1]))
    if closeness < similarity.PAIR_THRESHOLD:
        return None
    Membership.objects.create(group=group, proposal_id=proposal_id)
    group.save(update_fields=["updated_at"])
    return group
