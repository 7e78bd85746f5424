"""The one table of formats the archive reads: how each is named, recognised, read and limited.

A new format (OCR of scans, another office format) joins by adding its entry here, or by giving an
entry a new reader; ``extract_text``, the upload page and ``import_replies`` all go by this table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

from archive.extract import (
    converters,
    ofd,
    pdf,
    pdf_inflate,
    scan,
    text,
    web_page,
    word,
    word97,
    word_numbers,
    zip_batch,
)
from archive.extract.provenance import Extracted, Source
from archive.extract.sniffing import is_text, is_word_binary, is_zip

_MB = 1024 * 1024


def _available() -> str:
    return ""


@dataclass(frozen=True)
class Format:
    name: str  # what a clerk calls it, in Chinese: "Word 文档"
    extensions: tuple[str, ...]  # lower case, the first one is the one to suggest
    recognise: Callable[[bytes], bool]  # whether these bytes are of this format, whatever the file's name says
    # bytes → text within the format's budgets; raises ExtractError in Chinese. Extracted when the reader knows
    # more than the text: a scan's recognition confidence.
    read: Callable[[bytes], str | Extracted]
    limits: str  # what the format must be and its own budgets, in words for the clerk
    # Why this machine cannot read the format now (a converter not installed, no OCR), in Chinese; "" when it can.
    unavailable: Callable[[], str] = _available
    # A batch of files rather than a letter: its members, each read as a letter of its own format.
    unpack: Callable[..., Iterator[zip_batch.Member]] | None = None
    source: Source = Source.TYPED  # where the text of a ``str`` the reader returns comes from


def _pdf_recognised(data: bytes) -> bool:
    # Readers accept up to 1 KB of junk before the header, so the magic may come a little later.
    return b"%PDF-" in data[:1024]


def _image_recognised(data: bytes) -> bool:
    return data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*"))


_CONVERTED = f"由 LibreOffice 转为 .docx 后读取，每份至多 {converters.CONVERTER_TIMEOUT_SECONDS} 秒"

FORMATS = (
    Format("文本", (".txt",), is_text, text.read, "UTF-8 或 GB18030/GBK 编码"),
    # Any zip passes here; the reader says what a zip that is no Word document is (an Excel workbook …).
    Format(
        "Word 文档", (".docx",), is_zip, word.read,
        f"自动编号至多 {word_numbers.MAX_LIST_NUMBER}，XML 至多 {word.WORD_MAX_XML // _MB} MB",
    ),
    Format(
        "Word 97-2003 文档", (".doc",), is_word_binary, word97.read_doc, _CONVERTED,
        unavailable=converters.unavailable,
    ),
    Format(
        "WPS 文字文档", (".wps",), is_word_binary, word97.read_wps,
        f"WPS Office 2005 及以后的 .wps；{_CONVERTED}", unavailable=converters.unavailable,
    ),
    Format(
        "PDF 文件", (".pdf",), _pdf_recognised, pdf.read,
        f"没有文字层的页面（扫描件）以文字识别读取，至多 {scan.OCR_MAX_PAGES} 页；至多 {pdf.PDF_MAX_PAGES} 页，"
        f"压缩内容解压后至多 {pdf_inflate.PDF_MAX_INFLATED // _MB} MB",
    ),
    Format(
        "OFD 文件", (".ofd",), is_zip, ofd.read,
        f"须有文字；至多 {ofd.OFD_MAX_PAGES} 页，XML 至多 {ofd.OFD_MAX_XML // _MB} MB",
    ),
    Format(
        "网页", (".html", ".htm"), is_text, web_page.read,
        f"至多 {web_page.HTML_MAX_TAGS // 10000} 万个标签、嵌套 {web_page.HTML_MAX_DEPTH} 层", source=Source.WEB,
    ),
    Format(
        "压缩包（一批答复函）", (".zip",), is_zip, zip_batch.read,
        f"每份文件单独读取；至多 {zip_batch.BATCH_MAX_MEMBERS} 份，解压后共至多 {zip_batch.BATCH_MAX_TOTAL // _MB} MB，"
        "不能再含压缩包",
        unpack=zip_batch.members,
    ),
    Format(
        "图片（扫描件）", (".jpg", ".jpeg", ".png", ".tif", ".tiff"), _image_recognised, scan.read,
        f"以文字识别（OCR）读取，红色公章自动去除；每页至多 {scan.IMAGE_MAX_PIXELS // 10000} 万像素，"
        f"至多 {scan.OCR_MAX_PAGES} 页",
        unavailable=scan.unavailable,
    ),
)


def format_of(filename: str) -> Format | None:
    """The format a file's extension names, or None."""
    extension = PurePath(filename).suffix.lower()
    return next((entry for entry in FORMATS if extension in entry.extensions), None)
