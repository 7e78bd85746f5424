"""pdfminer's decompression kept to a budget: a 1 MB stream of zeros would inflate to 1 GB in memory.

Importing this module replaces the decoders pdfminer.pdftypes uses; they spend the budget only while
``inflate_budget`` is set (``pdf`` sets it for each file), so pdfminer elsewhere inflates as before.
"""

from __future__ import annotations

import contextvars
import io
import zlib

from pdfminer import lzw, pdftypes

from archive.extract.budgets import ExtractError

# Compressed streams (page contents, fonts, object and cross-reference streams) are inflated by
# pdfminer in memory, whole: a 1 MB stream of zeros becomes 1 GB. Page images, the only large
# streams of a real letter, are never inflated for text; a fully embedded Chinese font is 10-20 MB.
PDF_MAX_INFLATED = 100 * 1024 * 1024
_PDF_BOMB = (
    f"PDF 里的压缩内容解压后超过 {PDF_MAX_INFLATED // 1024 // 1024} MB（可能是“压缩炸弹”），为安全起见不予处理，"
    "请重新导出 PDF 或上传 Word 文件。"
)


class InflateBudget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise ExtractError(_PDF_BOMB)


# Set while this module reads a PDF; pdfminer used elsewhere in the process inflates as before.
INFLATE_BUDGET: contextvars.ContextVar[InflateBudget | None] = contextvars.ContextVar(
    "pdf_inflate_budget", default=None
)
_INFLATE_CHUNK = 1024 * 1024


def _inflate(data: bytes, *, damaged: bool = False) -> bytes:
    """zlib.decompress within the budget; ``damaged`` keeps what inflates before a bad checksum."""
    budget = INFLATE_BUDGET.get()
    if budget is None:
        return _pdf_decompress_corrupted(data) if damaged else zlib.decompress(data)
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    for offset in range(0, len(data), _INFLATE_CHUNK):
        piece = data[offset : offset + _INFLATE_CHUNK]
        before, kept = inflater.copy(), len(parts)
        try:
            _inflate_piece(inflater, piece, parts, budget)
        except zlib.error:
            if not damaged:
                raise
            # As pdfminer's own fallback does, go again byte by byte to keep what precedes the damage.
            inflater, parts[kept:] = before, []
            for byte in range(len(piece)):
                try:
                    _inflate_piece(inflater, piece[byte : byte + 1], parts, budget)
                except zlib.error:
                    break
            break
        if inflater.eof:
            break
    if not inflater.eof and not damaged:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return b"".join(parts)


def _inflate_piece(inflater, piece: bytes, parts: list[bytes], budget: InflateBudget) -> None:
    """Feed one piece of input, taking its output a megabyte at a time so the budget can stop it."""
    pending = piece
    while not inflater.eof:
        part = inflater.decompress(pending, _INFLATE_CHUNK)
        pending = inflater.unconsumed_tail
        if not part and not pending:
            return
        budget.spend(len(part))
        parts.append(part)


class _BudgetedZlib:
    """What pdfminer.pdftypes sees as ``zlib``: the real module, with decompress kept to the budget."""

    error = zlib.error

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, *args) -> bytes:
        return zlib.decompress(data, *args) if args else _inflate(data)


def _budgeted_lzwdecode(data: bytes) -> bytes:
    budget = INFLATE_BUDGET.get()
    parts = []
    for part in lzw.LZWDecoder(io.BytesIO(data)).run():
        if budget is not None:
            budget.spend(len(part))
        parts.append(part)
    return b"".join(parts)


def _budgeted_rldecode(data: bytes) -> bytes:
    budget = INFLATE_BUDGET.get()
    if budget is not None:
        budget.spend(len(data) * 128)  # a run-length byte pair expands at most 128 times; no letter uses it
    return _pdf_rldecode(data)


_pdf_decompress_corrupted, _pdf_rldecode = pdftypes.decompress_corrupted, pdftypes.rldecode
pdftypes.zlib = _BudgetedZlib()
pdftypes.decompress_corrupted = lambda data: _inflate(data, damaged=True)
pdftypes.lzwdecode = _budgeted_lzwdecode
pdftypes.rldecode = _budgeted_rldecode
