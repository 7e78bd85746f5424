"""Highlighted excerpts for Chinese text: short windows around the query's words, HTML-escaped.

Chinese has no spaces, so words are found as substrings (case-insensitively for Latin), which
is what jieba's sub-word index matched. Every piece of document text goes through ``escape``;
only our own ``<mark>`` tags are markup. Only short windows are examined and rendered: over
whole letters highlighting costs hundreds of milliseconds per page (docs/design.md).
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive.parsing.sections import heading_as_written
from archive.parsing.stored_text import letter_start
from archive.privacy import mask_personal_numbers

WINDOW = 90  # characters in one excerpt
BEFORE = 24  # characters shown before the first match in a window
MAX_EXCERPTS = 2
NUMBER_LENGTH = 18  # the longest personal number, a resident ID


@dataclass(frozen=True)
class Excerpt:
    html: SafeString
    section_title: str  # "" when the words were not inside a numbered section
    url: str  # the reply's URL, with the section's anchor when there is one


@dataclass(frozen=True)
class SectionText:
    """What an excerpt reads of a section, as a page of hits loads it: plain rows, not model instances."""

    level: int
    number: str
    title: str
    text: str
    anchor: str

    def __str__(self) -> str:  # as ``archive.models.Section``'s
        return heading_as_written(self.level, self.number, self.title, self.text)


def word_pattern(words: list[str], number: str = "") -> re.Pattern | None:
    """One regex matching any of the words, longest first so 心理辅导室 wins over 心理; and a proposal number
    (normalised, as ``Proposal.number_normalized``: 70, D22) however the letter pads it (0070, 第70号, D022)."""
    alternatives = [re.escape(w) for w in sorted({w for w in words if w}, key=len, reverse=True)]
    if number:
        letters, digits = re.match(r"([A-Za-z]*)(.*)", number).groups()
        alternatives.insert(0, rf"(?<![0-9A-Za-z]){re.escape(letters)}0*{re.escape(digits)}(?![0-9])")
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


def mark(text: str, pattern: re.Pattern | None) -> SafeString:
    """Escape ``text`` and wrap each match of ``pattern`` in <mark>."""
    if pattern is None:
        return escape(text)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def _window(text: str, start: int, pattern: re.Pattern | None) -> SafeString:
    begin = max(0, start - BEFORE)
    end = min(len(text), begin + WINDOW)
    # Masked before cutting, so a window never shows half a number unmasked: the window and a number's length on
    # either side, where any number reaching into it lies (masking keeps the length). Masking whole sections cost
    # a page of hits 2 ms.
    around = max(0, begin - NUMBER_LENGTH)
    masked = mask_personal_numbers(text[around : end + NUMBER_LENGTH])
    piece = re.sub(r"\s+", " ", masked[begin - around : end - around]).strip()
    html = mark(piece, pattern)
    return mark_safe(("…" if begin > 0 else "") + html + ("…" if end < len(text) else ""))


def find_excerpts(reply, sections: list, words: list[str], limit: int = MAX_EXCERPTS,
                  number: str = "") -> list[Excerpt]:
    """Up to ``limit`` excerpts where the words (or the proposal number) occur, naming and linking their sections."""
    url = reply.get_absolute_url()
    pattern = word_pattern(words, number)
    if pattern is None:  # browsing: the start of the letter proper (its salutation), not the page's metadata above it
        text = reply.body_text[letter_start(reply.body_text):]
        return [Excerpt(html=_window(text, 0, None), section_title="", url=url)] if text else []
    # A number's pattern opens with a look-behind, which the regex engine tries at every character: a page of
    # hits spent 5 ms on it. Only a text holding the number's digits is searched.
    digits = re.sub(r"^[A-Za-z]*", "", number) if number and not words else ""

    def search(text: str) -> re.Match | None:
        return pattern.search(text) if digits in text else None

    found: list[Excerpt] = []
    for section in sections:
        text = section.text
        match = search(text)
        if match is None:
            text = section.title
            match = search(text)
        if match is None:
            continue
        # A heading can hold a number too (三、联系人：王芳 139…); the API shows it outside any page.
        found.append(Excerpt(html=_window(text, match.start(), pattern),
                             section_title=mask_personal_numbers(str(section)), url=f"{url}#{section.anchor}"))
        if len(found) >= limit:
            return found
    if not found:
        match = search(reply.body_text)
        if match is not None:
            found.append(Excerpt(html=_window(reply.body_text, match.start(), pattern), section_title="", url=url))
    return found
