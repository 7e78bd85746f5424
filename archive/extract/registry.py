"""The one table of formats the archive reads: how each is named, recognised, read and limited.

A new format (OCR of scans, another office format) joins by adding its entry here; ``extract_text``,
the upload page and ``import_replies`` all go by this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from archive.extract import pdf, text, web_page, word
from archive.extract.pdf import PDF_MAX_PAGES
from archive.extract.pdf_inflate import PDF_MAX_INFLATED
from archive.extract.sniffing import is_text, is_zip
from archive.extract.web_page import HTML_MAX_DEPTH, HTML_MAX_TAGS
from archive.extract.word import WORD_MAX_XML
from archive.extract.word_numbers import MAX_LIST_NUMBER


def _available() -> str:
    return ""


@dataclass(frozen=True)
class Format:
    name: str  # what a clerk calls it, in Chinese: "Word 文档"
    extensions: tuple[str, ...]  # lower case, the first one is the one to suggest
    recognise: Callable[[bytes], bool]  # whether these bytes are of this format, whatever the file's name says
    read: Callable[[bytes], str]  # bytes → text within the format's budgets; raises ExtractError in Chinese
    limits: str  # what the format must be and its own budgets, in words for the clerk
    # Why this machine cannot read the format now (a converter not installed), in Chinese; "" when it can.
    unavailable: Callable[[], str] = _available


def _pdf_recognised(data: bytes) -> bool:
    # Readers accept up to 1 KB of junk before the header, so the magic may come a little later.
    return b"%PDF-" in data[:1024]


FORMATS = (
    Format("文本", (".txt",), is_text, text.read, "UTF-8 或 GB18030/GBK 编码"),
    # Any zip passes here; the reader says what a zip that is no Word document is (an Excel workbook …).
    Format(
        "Word 文档", (".docx",), is_zip, word.read,
        f"自动编号至多 {MAX_LIST_NUMBER}，XML 至多 {WORD_MAX_XML // 1024 // 1024} MB",
    ),
    Format(
        "PDF 文件", (".pdf",), _pdf_recognised, pdf.read,
        f"至多 {PDF_MAX_PAGES} 页，压缩内容解压后至多 {PDF_MAX_INFLATED // 1024 // 1024} MB；须有文字层",
    ),
    Format(
        "网页", (".html", ".htm"), is_text, web_page.read,
        f"至多 {HTML_MAX_TAGS // 10000} 万个标签、嵌套 {HTML_MAX_DEPTH} 层",
    ),
)


def format_of(filename: str) -> Format | None:
    """The format a file's extension names, or None."""
    extension = PurePath(filename).suffix.lower()
    return next((entry for entry in FORMATS if extension in entry.extensions), None)
