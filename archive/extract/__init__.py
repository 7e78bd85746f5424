"""Turn an uploaded file into plain text: ``extract_text(data, filename) -> str``, or ``extract`` for the text
with how it was obtained (``provenance``: a typed file, a web page, a scan read by OCR, and OCR's confidence).

In: the bytes of one file and its name, in one of the formats of ``registry.FORMATS``.

Out: the letter's text with ``\\n`` line breaks, a blank line between paragraphs where the
format shows them, and table rows on one line with their cells two spaces apart. Nothing is
read *out of* the text here (that is ``archive.parsing``), and lines broken by a page's layout
stay broken: the parser joins them.

Anything that cannot be read raises ``ExtractError`` with a sentence for the clerk, in Chinese.
A zip of letters is a batch: ``batch_members`` gives its letters one at a time, each to be
extracted on its own. The size limit is passed in by the caller, so this package needs no Django.
One module per format (``text``, ``word``, ``word97`` for .doc and .wps through ``converters``,
``pdf``, ``ofd``, ``web_page``, ``zip_batch``, ``scan`` for images), the registry of formats
(``registry``), and what they share: budgets, content sniffing, decoding, zip guards, page layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import PurePath

from archive.extract.budgets import (
    MAX_BYTES,
    MAX_CHARACTERS,
    ExtractError,
    NeedsOcr,
    refuse_oversized,
    refuse_too_long,
)
from archive.extract.decoding import declared_charset, decode
from archive.extract.provenance import Extracted, Source
from archive.extract.registry import FORMATS, Format, format_of
from archive.extract.sniffing import disguise_message
from archive.extract.zip_batch import Member

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_CHARACTERS",
    "SUPPORTED_EXTENSIONS",
    "ExtractError",
    "Extracted",
    "Format",
    "Member",
    "NeedsOcr",
    "Source",
    "batch_members",
    "decode_text",
    "extract",
    "extract_text",
    "format_of",
    "is_batch",
    "refuse_oversized",
]

SUPPORTED_EXTENSIONS = tuple(extension for entry in FORMATS for extension in entry.extensions)

def extract_text(data: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> str:
    """Return the plain text of one uploaded file, or raise ExtractError saying why not."""
    return extract(data, filename, max_bytes=max_bytes).text


def extract(data: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> Extracted:
    """The plain text of one uploaded file and how it was obtained, or ExtractError saying why not.

    Small files can expand into a great deal of work (a zip bomb, a compressed PDF stream, list numbers
    in the billions, pages nested thousands deep): each reader works within budgets of inflated bytes,
    pages, list-number values, nesting depth and characters, and refuses the file when one runs out.
    """
    extension = PurePath(filename).suffix.lower()
    entry = format_of(filename)
    if entry is None:
        shown = extension or "（没有扩展名）"
        raise ExtractError(f"不支持的文件类型 {shown}：请上传 {_supported_list()} 文件。")
    # Size first: nothing below may spend time or memory on a file we would refuse anyway.
    refuse_oversized(len(data), max_bytes)
    if not data:
        raise ExtractError("文件为空。")
    if not entry.recognise(data):
        raise ExtractError(disguise_message(data, extension, entry.name))
    read = entry.read(data)
    extracted = read if isinstance(read, Extracted) else Extracted(read, entry.source)
    # Tidying only trims line ends and blank lines, which recognised text has none of: OCR's spans still hold.
    return replace(extracted, text=_tidy(refuse_too_long(extracted.text)))


def decode_text(data: bytes, filename: str) -> str:
    """The characters of a .txt or .html file, decoded as ``extract_text`` reads them (a page by its charset too)."""
    html = PurePath(filename).suffix.lower() in (".html", ".htm")
    return decode(data, declared=declared_charset(data) if html else None)


def is_batch(filename: str) -> bool:
    """Whether the file is a batch of letters (a .zip) rather than one letter."""
    entry = format_of(filename)
    return entry is not None and entry.unpack is not None


def batch_members(data: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> Iterator[Member]:
    """The letters of a batch, one at a time, each to be read and saved alone; ExtractError when the whole is refused.

    The batch itself is held to ``max_bytes``, as every member is.
    """
    entry = format_of(filename)
    if entry is None or entry.unpack is None:
        raise ValueError(f"{filename} is not a batch")
    refuse_oversized(len(data), max_bytes)
    if not entry.recognise(data):
        raise ExtractError(disguise_message(data, PurePath(filename).suffix.lower(), entry.name))
    return entry.unpack(data, max_bytes=max_bytes)


def _supported_list() -> str:
    """".txt、.docx、.pdf 或 .html": one extension for each format this machine reads now."""
    shown = [entry.extensions[0] for entry in FORMATS if not entry.unavailable()]
    return "、".join(shown[:-1]) + " 或 " + shown[-1]


def _tidy(text: str) -> str:
    """One newline convention, no trailing spaces, at most one blank line in a row."""
    text = text.replace("\ufeff", "").replace("\u200b", "")
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
