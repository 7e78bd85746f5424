"""The review page's source text with the words OCR was unsure of marked, for the clerk to check against the scan."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def doubtful_marked(reply) -> str:
    """``reply.raw_text``, escaped, each doubtful word in a <mark> saying how sure the engine was.

    A span is marked only where the text still reads what the engine read there: a text corrected since
    keeps its other marks and loses none of its words.
    """
    text, parts, cursor = reply.raw_text, [], 0
    for start, end, word, confidence in sorted(reply.ocr_doubtful or []):
        if start < cursor or text[start:end] != word:
            continue
        parts.append(escape(text[cursor:start]))
        parts.append(format_html('<mark class="ocr-doubtful" title="识别把握 {}%">{}</mark>',
                                 round(100 * confidence), word))
        cursor = end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # every part escaped above
