"""How a letter's text was obtained: from a typed file, a web page, or a scan read by OCR, and how surely.

A reader returns its text as a ``str`` (its format's source says where it came from) or, when it had
to recognise a scan, as ``Extracted`` with the engine's confidence and the words it was unsure of.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from archive.ocr.result import Span


class Source(StrEnum):
    TYPED = "typed"  # the file's own text: .txt, Word, a PDF's text layer, OFD
    WEB = "web"  # a saved web page, its frame removed
    OCR = "ocr"  # recognised from a scan (some pages of a PDF, or all)
    PASTED = "pasted"  # typed or pasted into the upload page


@dataclass(frozen=True)
class Extracted:
    text: str
    source: Source
    confidence: float | None = None  # for OCR: the engine's mean confidence, 0–1
    doubtful: list[Span] = field(default_factory=list)  # for OCR: where the engine was unsure
