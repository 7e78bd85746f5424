"""Find the parts of a reply's stored text again (``Reply.body_text``: heading, salutation, body and closing
block, as ``parse_reply`` left them), for what is shown or counted of it.

In: the stored text. Out: where the letter proper starts (a browse excerpt starts there, not at the page's
metadata or the letterhead above it), and the body's paragraphs: those that speak of the letter's subject (the
topic keywords are counted there, not in the heading's session and number nor the closing block's fields), and
the body a letter without a 下一步 part is read for promises in (``commitments``). All are found as
``parse_reply`` found them: the salutation, else the sentence naming the proposal.
"""

from .layout import letter_begins, split_letter
from .normalize import clean_lines
from .proposers import find_salutation
from .sections import is_courtesy

# A salutation stands under a few heading lines and, on a web page, a few metadata rows.
_HEAD_LINES = 40


def letter_start(body_text: str) -> int:
    """The offset of the letter proper in the text: its salutation, else the sentence naming the proposal, else 0."""
    lines: list[str] = []
    offsets: list[int] = []
    offset = 0
    for raw in body_text.split("\n", _HEAD_LINES)[:_HEAD_LINES]:
        if raw.strip():
            lines.append(raw.strip())
            offsets.append(offset + len(raw) - len(raw.lstrip()))
        offset += len(raw) + 1
    if not lines:
        return 0
    salutation = find_salutation(lines)
    return offsets[letter_begins(lines, salutation.index if salutation else None)]


def body_paragraphs(body_text: str, *, courtesies: bool = False) -> list[str]:
    """The body's paragraphs, from the salutation to the closing block, as ``parse_reply`` split them; without
    the courtesies (再次感谢您对…) unless ``courtesies`` asks for them (the sections are read with them)."""
    lines = clean_lines(body_text)
    salutation = find_salutation(lines)
    body = split_letter(lines, salutation.index if salutation else None).body
    return body if courtesies else [paragraph for paragraph in body if not is_courtesy(paragraph)]


def subject_paragraphs(body_text: str) -> list[str]:
    """The paragraphs that speak of the letter's subject: its body without the courtesies."""
    return body_paragraphs(body_text)
