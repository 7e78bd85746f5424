"""Plain text files (.txt) in any encoding a clerk's computer writes."""

from __future__ import annotations

from archive.extract.budgets import ExtractError
from archive.extract.decoding import decode


def read(data: bytes) -> str:
    text = decode(data)
    if not text.strip():
        raise ExtractError("文件为空（只有空格或空行）。")
    return text
