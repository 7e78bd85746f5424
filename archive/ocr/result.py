"""What recognition gives back, and its budget of pages: a module of its own, imported by ``archive.extract``
(which ``archive.ocr`` itself builds on) without going round in a circle.
"""

from __future__ import annotations

from dataclasses import dataclass

# A letter with its annexes is a few dozen pages.
MAX_PAGES = 30
TOO_MANY_PAGES = f"扫描件超过 {MAX_PAGES} 页，为安全起见不予识别。请只上传答复函本身，或拆分后分别上传。"


class OcrError(ValueError):
    """A scan that could not be read; the message is a Chinese sentence for the clerk."""


@dataclass(frozen=True)
class Span:
    """Characters ``start``–``end`` of a text, which read ``text`` there with the engine's ``confidence``."""

    start: int
    end: int
    text: str
    confidence: float


@dataclass(frozen=True)
class Recognised:
    text: str
    confidence: float | None  # the mean over every character read, 0–1; None when nothing was read
    doubtful: list[Span]  # where the engine was unsure, for the clerk to check
