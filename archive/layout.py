"""Lay a reply's cleaned text out for reading: paragraphs, with each section heading anchored.

The page shows the whole letter, not only its sections, so the opening and the closing
(thanks, signature, 抄送) are read in place; headings found in the text get their anchors.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    text: str
    anchor: str = ""  # set on a section's heading paragraph
    level: int = 0  # 1 or 2 for a heading, 0 for a plain paragraph
    heading: str = ""  # the number and title shown as a heading


def letter_blocks(body_text: str, sections) -> list[Block]:
    """Paragraphs of ``body_text``; those that open a section carry its anchor and heading."""
    pending = [s for s in sections if s.text.strip()]
    blocks = []
    for paragraph in (line.strip() for line in body_text.splitlines()):
        if not paragraph:
            continue
        section = pending[0] if pending else None
        if section is not None and paragraph == section.text.strip().splitlines()[0].strip():
            pending.pop(0)
            # A title the parser could not read is empty: the whole paragraph is then the heading.
            found = section.title and section.title in paragraph
            rest = paragraph.split(section.title, 1)[1].lstrip("。.：:！!？? ") if found else ""
            heading = paragraph[: len(paragraph) - len(rest)].rstrip("。.：:！!？? ") if rest else paragraph
            blocks.append(Block(text=rest, anchor=section.anchor, level=section.level, heading=heading))
        else:
            blocks.append(Block(text=paragraph))
    return blocks
