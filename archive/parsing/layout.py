"""Split a letter's lines into its parts and re-join sentences broken by page breaks.

In: the letter's lines without web chrome, and the salutation's index (None without one).
Out: the heading lines above the salutation, the body paragraphs, and the closing block
(signature, date, 抄送, contact, print record). In the body, a line that stops mid-sentence
is joined to the next one (seed 003: "…专题" / "讲座等形式…" across a page break; every line
of a PDF whose layout broke lines at the page width), while a line that ends a sentence, a
heading, and the line before a heading stay paragraphs. In the closing block a field that
wrapped ("抄送：…，掌起镇人" / "大主席团。") is joined again.
"""

import re
from collections import Counter
from dataclasses import dataclass

from .footer import agency_name, date_line, is_closing_label, is_closing_line
from .sections import heading_of
from .vocabulary import PARAGRAPH_END, REPLY_VERBS, alternation

# Punctuation after which a sentence certainly goes on.
_CONTINUES = re.compile(r"[，,、“‘《（(\[【—-]$")
# Brackets and quotes a sentence opens and closes.
_PAIRS = (("《", "》"), ("“", "”"), ("（", "）"), ("(", ")"))
# Punctuation a continued line can start with.
_STARTS_INSIDE = re.compile(r"^[，,。、；;：:！？!?）)》”’」』]")
# A heading that runs on into its paragraph holds a sentence end (seed 004's 一、…。近年来…).
_SENTENCE_END = re.compile(r"[。！？!?]")
# A page-wide line of a paragraph is long; a short unpunctuated line is a heading of its own.
_MIN_BROKEN_LINE = 15
# How many long lines show a PDF's line width: below that, a letter is too short to tell.
_MIN_WRAPPED_LINES = 8
# The sentence that names the proposal, in a letter without a salutation.
_REFERENCE_START = re.compile(rf"^(?:您|你|贵)|收悉|(?:{alternation(REPLY_VERBS)})如下|现答复|现将.{{0,20}}答复")
# How many lines a closing field (a long 抄送 list) may wrap onto.
_FIELD_LINES = 4
# Where a closing field ends; one that stops without it wrapped onto the next line.
_FIELD_END = re.compile(r"[。；;）)]$")
# The attachment list printed between the body and the signature.
_ATTACHMENTS = re.compile(r"^附\s*件\s*[:：\d]")
# "如下：" with the first heading of the answer after it on the same line.
_ANNOUNCED_HEADING = re.compile(r"如下\s*[:：]\s*(?=(?:一|1)\s*[、．.](?!\d)|[（(]\s*(?:一|1)\s*[)）])")
# How far above the end a signature is looked for when unknown lines follow it.
_TRAILING_LINES = 8
# The head of the attachments, "附件" alone or with its list.
_ATTACHMENT_HEAD = re.compile(r"^附\s*(?:件|录|表)?\s*(?:[:：\d]|$)")


@dataclass
class Layout:
    heading: list[str]  # lines above the salutation
    salutation: str | None  # the salutation line
    body: list[str]  # paragraphs from the salutation to the closing block
    closing: list[str]  # signature, date, 抄送 … to the end


class _Paragraph:
    """A paragraph being re-joined from lines, with what the joining rules ask of it kept at hand."""

    def __init__(self, line: str):
        self.parts = [line]
        self.length = len(line)
        self.is_heading = heading_of(line) is not None
        self.open = {opening: 0 for opening, _ in _PAIRS}
        self.has_sentence_end = False
        self._count(line)

    def _count(self, line: str) -> None:
        for opening, closing in _PAIRS:
            self.open[opening] += line.count(opening) - line.count(closing)
        self.has_sentence_end = self.has_sentence_end or bool(_SENTENCE_END.search(line))

    def add(self, line: str) -> None:
        self.parts.append(line)
        self.length += len(line)
        self._count(line)

    @property
    def tail(self) -> str:
        return "".join(self.parts[-2:])[-4:]  # enough to see how it ends

    def text(self) -> str:
        return "".join(self.parts)


def _display_width(line: str) -> float:
    return sum(0.5 if ord(char) < 0x2000 else 1 for char in line)


def wrap_width(lines: list[str]) -> float | None:
    """The width a PDF's layout broke the lines at, when most lines share it; None for one paragraph a line."""
    widths = [width for line in lines if (width := _display_width(line)) >= _MIN_BROKEN_LINE]
    if len(widths) < _MIN_WRAPPED_LINES:
        return None
    width, _ = Counter(round(width) for width in widths).most_common(1)[0]
    full = sum(1 for other in widths if abs(other - width) <= 1.5)
    return width if full >= 0.5 * len(widths) else None


def _breaks_mid_sentence(paragraph: _Paragraph, following: str, width: float | None) -> bool:
    if _STARTS_INSIDE.match(following):
        return True
    if heading_of(following) is not None or is_closing_line(following):
        return False
    # A title or bracket opened and not closed (《关于加强 / 农村饮水安全的建议》) goes on.
    if _CONTINUES.search(paragraph.tail) or any(count > 0 for count in paragraph.open.values()):
        return True
    if PARAGRAPH_END.search(paragraph.tail):
        return False
    if width is not None and _display_width(paragraph.parts[-1]) >= width - 1.5:
        return True  # a line as wide as the page's lines was wrapped, heading or not
    if paragraph.length < _MIN_BROKEN_LINE:
        return False
    if paragraph.is_heading:
        # A heading line goes on only when it already runs into its paragraph.
        return paragraph.has_sentence_end
    return True


def rejoin(lines: list[str]) -> list[str]:
    """The lines as paragraphs: a line broken mid-sentence joined with the one after it."""
    width = wrap_width(lines)
    paragraphs: list[_Paragraph] = []
    for line in lines:
        if paragraphs and _breaks_mid_sentence(paragraphs[-1], line, width):
            paragraphs[-1].add(line)
        else:
            paragraphs.append(_Paragraph(line))
    return [paragraph.text() for paragraph in paragraphs]


def _continues_field(lines: list[str], index: int, first: int = 0) -> bool:
    """Whether a line goes on with a closing field above it ("抄送：A，B，市卫生健康局，掌起镇人" / "大主席团。").

    Only lines from ``first`` are looked at: a heading's field (是否同意公开：同意) is not continued by the body.
    """
    if is_closing_line(lines[index]):
        return False
    starts_inside = bool(_STARTS_INSIDE.match(lines[index]))  # "，市自然资源局。" goes on whatever came before
    for offset, above in enumerate(reversed(lines[max(index - _FIELD_LINES, first) : index])):
        if _FIELD_END.search(above) and not (offset == 0 and starts_inside):
            return False
        if is_closing_label(above):
            return True
        if is_closing_line(above):
            return False
    return False


def _join_wrapped_fields(lines: list[str]) -> list[str]:
    joined: list[str] = []
    for index, line in enumerate(lines):
        if joined and _continues_field(lines, index):
            joined[-1] += line
        else:
            joined.append(line)
    return joined


def closing_start(lines: list[str], start: int) -> int:
    """Where the closing block starts: the closing lines at the end, walking back from the last line."""
    end = len(lines)
    while end > start and (is_closing_line(lines[end - 1]) or _continues_field(lines, end - 1, start)):
        end -= 1
    # An attachment list ("附件：1.…" and its items) sits between the body and the signature.
    for index in range(max(start, end - 6), end):
        if _ATTACHMENTS.match(lines[index]):
            return index
    return end


def _paragraph_start(lines: list[str], index: int) -> int:
    """The first line of the paragraph a line belongs to, where a PDF's layout wrapped it.

    A line above goes with it when it leaves a title or bracket open (…《关于规范电动自行车停放充电管理的提 /
    案》收悉) or is as wide as the page's wrapped lines.
    """
    width = wrap_width(lines)
    while index > 0:
        above = lines[index - 1]
        unclosed = any(above.count(opening) > above.count(closing) for opening, closing in _PAIRS)
        full = width is not None and _display_width(above) >= width - 1.5 and not PARAGRAPH_END.search(above)
        if not (unclosed or _CONTINUES.search(above) or full):
            break
        index -= 1
    return index


def letter_begins(lines: list[str], salutation_index: int | None) -> int:
    """The index of the letter proper's first line: the salutation, else the sentence naming the proposal (or 0)."""
    if salutation_index is not None:
        return salutation_index
    # Without a salutation, the heading is what stands above the sentence naming the proposal.
    first = next((i for i, line in enumerate(lines[:20]) if _REFERENCE_START.search(line)), 0)
    return _paragraph_start(lines, first)


def split_letter(lines: list[str], salutation_index: int | None) -> Layout:
    """The heading, salutation, body and closing block of a letter."""
    if salutation_index is None:
        first = letter_begins(lines, None)
        heading, salutation, start = lines[:first], None, first
    else:
        heading, salutation, start = lines[:salutation_index], lines[salutation_index], salutation_index + 1
    attached = _attachments_after_signature(lines, start)
    end = closing_start(lines[:attached], start)
    if not any(date_line(line) for line in lines[end:attached]):
        # Unknown lines below the signature (a web page's 责任编辑, a note) hide it from the walk
        # back from the end: the letter still ends at its signature date.
        attached = _signature_end(lines, start, attached)
        end = closing_start(lines[:attached], start)
    body = [part for paragraph in rejoin(lines[start:end]) for part in _split_after_announcement(paragraph)]
    closing = _join_wrapped_fields(lines[end:attached]) + lines[attached:]
    return Layout(heading=heading, salutation=salutation, body=body, closing=closing)


def _split_after_announcement(paragraph: str) -> list[str]:
    """A paragraph whose announced answer starts on its own line: "…现答复如下：一、加强组织领导。…" → two."""
    match = _ANNOUNCED_HEADING.search(paragraph)
    if match is None:
        return [paragraph]
    return [paragraph[: match.end()], paragraph[match.end() :]]


def _signature_end(lines: list[str], start: int, stop: int) -> int:
    """The line after a signature (an agency, then a date) among the last lines; stop if there is none."""
    for index in range(stop - 1, max(start, stop - _TRAILING_LINES) - 1, -1):
        found = date_line(lines[index])
        if found is None or found.printed or not found.reading.iso:
            continue
        if agency_name(found.before) if found.before else (index > start and agency_name(lines[index - 1])):
            return index + 1
    return stop


def _attachments_after_signature(lines: list[str], start: int) -> int:
    """Where attachments printed after the signed letter start (a feedback form, a table); len(lines) if none.

    They follow the signature date, so the closing block is found above them; they stay in the
    closing block, not the body, whatever their rows look like.
    """
    for index in range(start + 1, len(lines)):
        if _ATTACHMENT_HEAD.match(lines[index]) and any(
            date_line(line) for line in lines[max(start, index - _FIELD_LINES) : index]
        ):
            return index
    return len(lines)


def reference_text(layout: Layout, salutation_rest: str) -> str:
    """The sentence that names the proposal: the salutation's own line, then the first paragraphs."""
    parts = [salutation_rest] if salutation_rest else []
    for paragraph in layout.body[:3]:
        if heading_of(paragraph) is not None:
            break
        parts.append(paragraph)
        if re.search(r"收悉|收到|如下|现答复|现将", paragraph):
            break
    return "\n".join(parts)
