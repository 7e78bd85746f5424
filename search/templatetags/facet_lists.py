"""A facet's values as list items, rendered in one call: a search page lists up to 400 of them, and as template
nodes (a loop, three conditions and four variables each) they took half the page's rendering time."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def facet_items(values) -> SafeString:
    """``<li>`` for each ``search.query.FacetValue``: its link, and its count; a chosen value's link removes it.

    Escaped as Django's ``escape`` does (``html.escape``), once per piece and marked safe once: ``format_html`` per
    value cost a search page 1.5 ms."""
    return mark_safe("".join(map(_item, values)))


def _item(value) -> str:
    chosen = ' class="active"' if value.active else ""
    current = ' aria-current="true" title="去掉此条件"' if value.active else ""
    return (f'<li{chosen}><a href="{escape(value.url)}"{current}>{escape(value.label)}</a> '
            f'<span class="facet-count">{int(value.count)}</span></li>')
