"""The issues raised most often, for the statistics page: ``largest_groups(n)``."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from repeats.issues import public_label
from repeats.models import Membership, RepeatGroup, public_proposals


@dataclass(frozen=True)
class RaisedIssue:
    label: str  # the group's most representative public title (repeats.issues.public_label)
    url: str  # the group's page
    proposals: int  # public proposals raising it
    places: int  # distinct places among them (a proposal of no known place counts for none)


def largest_groups(n: int = 10) -> list[RaisedIssue]:
    """The n issues raised in most public proposals, most first (ties: the older group first).

    Counts only what the public can see: proposals published with at least one public reply, and not removed
    from their group by a clerk; a group with fewer than two such proposals is none.
    """
    public = Membership.objects.active().filter(proposal__in=public_proposals())
    counts = list(
        public.values("group").annotate(proposals=Count("proposal"), places=Count("proposal__place", distinct=True))
        .filter(proposals__gte=2).order_by("-proposals", "group")[: max(n, 0)]
    )
    if not counts:
        return []
    groups = RepeatGroup.objects.in_bulk([row["group"] for row in counts])
    titles: dict[int, dict[int, str]] = defaultdict(dict)
    rows = public.filter(group__in=list(groups)).values_list("group", "proposal", "proposal__title")
    for group_id, proposal_id, title in rows:
        titles[group_id][proposal_id] = title
    issues = []
    for row in counts:
        group = groups[row["group"]]
        label = public_label(group, titles[group.pk])
        issues.append(RaisedIssue(label, group.get_absolute_url(), row["proposals"], row["places"]))
    return issues
