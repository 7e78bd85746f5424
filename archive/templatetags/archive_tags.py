from django import template

from archive.privacy import mask_personal_numbers

register = template.Library()


@register.filter
def masked(value):
    """Public pages never show a full mobile or ID number."""
    return mask_personal_numbers(str(value or ""))
