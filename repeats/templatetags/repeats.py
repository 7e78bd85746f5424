from django import template

from repeats.issues import repeats_of_proposal

register = template.Library()


@register.inclusion_tag("repeats/_proposal_repeats.html")
def repeat_proposals(proposal):
    """On a proposal's page: how often its issue was raised, where, with what result, and the group's link."""
    repeats = repeats_of_proposal(proposal)
    others = [other for other in repeats.proposals if other.pk != proposal.pk] if repeats else []
    return {"repeats": repeats, "others": others}
