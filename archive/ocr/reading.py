"""Words read from pages → the letter's text, laid out as a typed letter's, with how sure the engine was.

Lines are rebuilt from the words' boxes and go through the same layout rules as a PDF's text layer
(``archive.extract.lines``): one line per printed line, a blank line between paragraphs, a right-aligned
signature on its own line. The engine's confidence is kept per word, so that the clerk can be shown which
words to check.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from archive.extract.lines import Piece, Row, rows
from archive.ocr.chinese_text import fold, full_width, joined
from archive.ocr.result import Span
from archive.ocr.tesseract import Word

# Below this the engine is more often wrong than right about a Chinese character (benchmarks/ocr.py).
DOUBTFUL_BELOW = 0.6


@dataclass(frozen=True)
class OcrPage:
    rows: list[Row]  # the page's lines, for archive.extract.lines.paragraphs
    words: list[Word]


def page_of(words: list[Word]) -> OcrPage:
    """One page's words as lines (y grows upwards in ``Piece``, so the top is negated)."""
    pieces = []
    for _, group in groupby(words, key=lambda word: word.line):
        line = without_ghosts(list(group))
        height = max(word.bottom for word in line) - min(word.top for word in line)
        gaps = [after.left - before.right for before, after in zip(line, line[1:], strict=False)]
        text = full_width(joined([word.text for word in line], gaps, height))
        pieces.append(Piece(x0=line[0].left, x1=line[-1].right, y0=-max(word.bottom for word in line),
                            y1=-min(word.top for word in line), text=text))
    return OcrPage(rows=rows(pieces), words=words)


def without_ghosts(line: list[Word]) -> list[Word]:
    """The line without characters the engine saw in another's strokes: one character, read unsurely (below
    50%), at least half of its width inside the next word's box (二、人存在 for 二、存在). Print never overlaps.
    Only the next word counts: the engine stretches a line's first word over the indent before it (朱 of 朱蓉代表
    spans the whole name), and a real character under it must stay."""

    def ghost(index: int) -> bool:
        word = line[index]
        if len(word.text) != 1 or word.confidence >= 0.5 or word.right <= word.left or index + 1 == len(line):
            return False
        following = line[index + 1]
        covered = max(0, min(word.right, following.right) - max(word.left, following.left))
        return covered >= 0.5 * (word.right - word.left)

    return [word for index, word in enumerate(line) if not ghost(index)]


def mean_confidence(pages: list[OcrPage]) -> float | None:
    """The engine's confidence over every character it read, 0–1; None when it read nothing."""
    weighted = [(word.confidence, len(word.text)) for page in pages for word in page.words]
    characters = sum(count for _, count in weighted)
    return sum(confidence * count for confidence, count in weighted) / characters if characters else None


def doubtful_spans(text: str, pages: list[OcrPage]) -> list[Span]:
    """Where in ``text`` the words the engine was unsure of stand.

    Each page's words are looked for in order from where its first line starts, so a word is found in
    its own place, not in an earlier one with the same characters; a word not found is skipped.
    """
    folded, spans, cursor = fold(text), [], 0
    for page in pages:
        if page.rows:
            start = folded.find(fold(page.rows[0].text), cursor)
            cursor = start if start >= 0 else cursor
        for word in page.words:
            found = folded.find(fold(word.text), cursor)
            if found < 0:
                continue
            cursor = found + len(word.text)
            if word.confidence < DOUBTFUL_BELOW:
                spans.append(Span(found, cursor, text[found:cursor], round(word.confidence, 2)))
    return spans
