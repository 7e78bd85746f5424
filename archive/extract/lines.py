"""Lines of a laid-out page → the letter's text: paragraphs told apart by indent, short lines and spacing.

Shared by the readers of fixed-layout formats (PDF, OFD), which know where each line sits but not
where a paragraph ends.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    """Text laid out on a page, in points with y growing upwards (as in PDF)."""

    x0: float
    x1: float
    y0: float
    y1: float
    text: str


@dataclass
class Row:
    x0: float
    x1: float
    bottom: float
    size: float
    text: str


def paragraphs(pages: list[list[Row]]) -> str:
    """Keep every line break, and add a blank line where a paragraph visibly ends or begins.

    Chinese letters indent a paragraph's first line by two characters and fill every other line
    to the right margin, so an indented line starts a paragraph and a short line ends one.
    """
    parts: list[str] = []
    previous: Row | None = None
    previous_right = 0.0
    for rows in pages:
        if not rows:
            continue
        left, right = min(row.x0 for row in rows), max(row.x1 for row in rows)
        steps = [
            upper.bottom - lower.bottom
            for upper, lower in zip(rows, rows[1:], strict=False)
            if upper.bottom > lower.bottom
        ]
        pitch = statistics.median(steps) if steps else 0.0
        for index, row in enumerate(rows):
            if previous is not None:
                indented = row.x0 - left > 1.5 * row.size
                ended_short = previous_right - previous.x1 > 2 * previous.size
                spaced = index > 0 and pitch > 0 and previous.bottom - row.bottom > 1.6 * pitch
                parts.append("\n\n" if indented or ended_short or spaced else "\n")
            parts.append(row.text)
            previous, previous_right = row, right
    return "".join(parts)


def rows(pieces: Iterable[Piece]) -> list[Row]:
    """The page's pieces top to bottom; pieces on one baseline (table cells) become one row."""
    lines = sorted((piece for piece in pieces if piece.text), key=lambda piece: (-piece.y1, piece.x0))
    grouped: list[list[Piece]] = []
    for line in lines:
        row = grouped[-1] if grouped else None
        height = min(line.y1 - line.y0, row[0].y1 - row[0].y0) if row else 0
        if row and min(line.y1, row[0].y1) - max(line.y0, row[0].y0) > 0.5 * height:
            row.append(line)
        else:
            grouped.append([line])
    return [
        Row(
            x0=min(line.x0 for line in row),
            x1=max(line.x1 for line in row),
            bottom=min(line.y0 for line in row),
            size=max(line.y1 - line.y0 for line in row),
            text=_joined(sorted(row, key=lambda line: line.x0)),
        )
        for row in grouped
    ]


def _joined(row: list[Piece]) -> str:
    """Pieces that touch are one run of text (OFD writers often place each character apart); cells two spaces apart.

    pdfminer has already joined what touches, so a PDF's pieces on one row are always cells.
    """
    parts = [row[0].text]
    for before, piece in zip(row, row[1:], strict=False):
        parts.append("" if piece.x0 - before.x1 < 0.5 * (piece.y1 - piece.y0) else "  ")
        parts.append(piece.text)
    return "".join(parts)
