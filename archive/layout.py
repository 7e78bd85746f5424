"""Lay a reply's cleaned text out for reading: paragraphs, with each section heading anchored.

The page shows the whole letter, not only its sections, so the opening and the closing
(thanks, signature, 抄送) are read in place; headings found in the text get their anchors.
The next steps (下一步) are read there too, once: the 下一步 box above the letter only points to them.
"""

import re
from dataclasses import dataclass, replace

from archive.parsing.sections import after_title, heading_of, title_of

# The paragraph where a letter's next steps start, when no section of its own holds them.
NEXT_STEPS_TEXT = "next-steps-text"
# The 下一步 box's summary, where no commitments were read: this many sentences, cut at this many characters.
SUMMARY_SENTENCES = 2
SUMMARY_LENGTH = 150
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*")


@dataclass(frozen=True)
class Block:
    text: str
    anchor: str = ""  # set on a section's heading paragraph, and on the paragraph that starts the next steps
    level: int = 0  # 1 or 2 for a heading, 0 for a plain paragraph
    heading: str = ""  # the number and title shown as a heading
    opens_next_steps: bool = False


@dataclass(frozen=True)
class Pointer:
    """Where the 下一步 box sends a reader: the anchor, and its name in 全文见下文第三部分."""

    anchor: str
    name: str


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def letter_blocks(body_text: str, sections, next_steps: str = "") -> list[Block]:
    """Paragraphs of ``body_text``; those that open a section carry its anchor and heading, and the one
    where ``next_steps`` start is marked (with an anchor of its own when it is no heading)."""
    pending = [s for s in sections if s.text.strip()]
    start = _first_line(next_steps)
    blocks = []
    for paragraph in (line.strip() for line in body_text.splitlines()):
        if not paragraph:
            continue
        section = pending[0] if pending else None
        if section is not None and paragraph == section.text.strip().splitlines()[0].strip():
            pending.pop(0)
            # A title the parser could not read is empty: the whole paragraph is then the heading.
            rest = after_title(paragraph, section.title)
            heading = paragraph[: paragraph.index(section.title) + len(section.title)] if rest else paragraph
            block = Block(text=rest, anchor=section.anchor, level=section.level, heading=heading)
        else:
            block = Block(text=paragraph)
        # The next steps are a section's text, or the letter's paragraphs from 下一步 on (from within one, at worst).
        if start and paragraph.endswith(start):
            block = replace(block, anchor=block.anchor or NEXT_STEPS_TEXT, opens_next_steps=True)
            start = ""
        blocks.append(block)
    return blocks


def next_steps_pointer(blocks: list[Block], sections) -> Pointer | None:
    """Where in the letter the next steps are: 第三部分 (a top-level section), “（二）下一步打算”, or a paragraph."""
    block = next((b for b in blocks if b.opens_next_steps), None)
    if block is None:
        return None
    section = next((s for s in sections if s.anchor == block.anchor), None)
    if section is None:
        return Pointer(block.anchor, "正文中的这一段")
    if section.level == 1 and section.number:
        return Pointer(block.anchor, f"第{section.number}部分")
    return Pointer(block.anchor, f"“{block.heading}”")


def next_steps_summary(next_steps: str) -> str:
    """The first sentences of the next steps, without the headings of their part and items, within a short length."""
    lines = []
    for line in (line.strip() for line in next_steps.splitlines()):
        heading = heading_of(line)
        if heading is not None:
            line = after_title(heading.rest, title_of(heading.rest))
        lines.append(line)
    sentences = _SENTENCE.findall("".join(lines))[:SUMMARY_SENTENCES]
    summary = "".join(sentence.strip() for sentence in sentences)
    if len(summary) <= SUMMARY_LENGTH:
        return summary
    cut = summary[:SUMMARY_LENGTH]
    clause = max(cut.rfind(mark) for mark in "，,；;、。")  # at a clause's end where there is one
    return cut[:clause if clause > SUMMARY_LENGTH // 2 else SUMMARY_LENGTH].rstrip("，,；;、") + "…"
