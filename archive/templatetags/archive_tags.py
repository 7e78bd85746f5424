from django import template
from django.utils.safestring import mark_safe

from archive.original_door import offers_original
from archive.privacy import mask_personal_numbers

register = template.Library()


# {% if reply|offers_original %}: whether the reply page links the original file.
register.filter("offers_original", offers_original)


@register.tag
def masking(parser, token):
    """``{% masking %}…{% endmasking %}``: everything rendered inside shows personal numbers masked.

    base.html wraps every public page's text in it, so a field that carries a letter's words (a section
    heading, a title, a signer's line, a citation) is masked without each template remembering to.
    """
    nodelist = parser.parse(("endmasking",))
    parser.delete_first_token()
    return _MaskingNode(nodelist)


class _MaskingNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        # Inside another masking block (the search results, masked alone for partial requests, within a whole
        # page) the outer one masks it: masking 80 KB twice cost a search page 2 ms.
        if context.get(_MASKED):
            return self.nodelist.render(context)
        with context.push({_MASKED: True}):
            rendered = self.nodelist.render(context)
        # Safe stays safe: masking turns digits into asterisks, which HTML does not escape.
        return mark_safe(mask_personal_numbers(rendered))


_MASKED = "_within_masking"
