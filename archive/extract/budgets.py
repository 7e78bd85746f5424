"""What every reader shares: the error a clerk reads, the size and character budgets.

Pure Python, no Django: the size limit is passed in by the caller.
"""

from __future__ import annotations

MAX_BYTES = 20 * 1024 * 1024
# A reply letter is a few thousand characters; a long one with annexes tens of thousands. Counted as the
# text is produced, so a file that would expand to millions of characters stops here, not in memory.
MAX_CHARACTERS = 200_000

CORRUPT = "文件已损坏，无法读取。"


class ExtractError(ValueError):
    """A file that cannot be turned into text; the message is a Chinese sentence for the clerk."""


class NeedsOcr(ExtractError):
    """A scan: a picture of a letter, whose words only text recognition (OCR) can read.

    Raised by the readers of images and of PDFs without a text layer, so that OCR, when the archive
    has it, knows which files are its own.
    """


def refuse_oversized(size: int, max_bytes: int = MAX_BYTES) -> None:
    """Raise ExtractError for a file over the limit; callers holding only its size can check before reading it."""
    if size > max_bytes:
        raise ExtractError(f"文件超过 {size_label(max_bytes)} 的上限，请拆分或压缩后再上传。")


_TOO_LONG = (
    f"文件里的文字超过 {MAX_CHARACTERS // 10000} 万字，不像一封答复函，为安全起见不予处理。请只上传答复函本身。"
)


def refuse_too_long(text: str) -> str:
    if len(text) > MAX_CHARACTERS:
        raise ExtractError(_TOO_LONG)
    return text


class CharacterBudget:
    """Counts characters as a reader produces them and refuses the file once there are too many."""

    def __init__(self, limit: int = MAX_CHARACTERS) -> None:
        self.left = limit

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise ExtractError(_TOO_LONG)


def size_label(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{round(size / 1024 / 1024, 1):g} MB"
    if size >= 1024:
        return f"{round(size / 1024, 1):g} KB"
    return f"{size} 字节"
