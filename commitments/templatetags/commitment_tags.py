"""Template tags that put commitments on the archive's pages without their views knowing of them.

``{% reply_commitments reply as commitments %}`` (the reply page), ``{% due_commitments owner as due %}``
(an agency's, a place's or a person's page) and ``{% proposals_by_session person as sessions %}`` (a
person's page). Each reads only public replies (``commitments.lists``); 到期 is judged on
``timezone.localdate()``.
"""

from django import template
from django.utils import timezone

from commitments import lists

register = template.Library()


@register.simple_tag
def reply_commitments(reply):
    return lists.of_reply(reply, timezone.localdate())


@register.simple_tag
def due_commitments(owner):
    return lists.due_of(owner, timezone.localdate())


@register.simple_tag
def proposals_by_session(person):
    return lists.proposals_by_session(person, timezone.localdate())
