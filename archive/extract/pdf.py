"""PDFs with a text layer: lines top to bottom, table cells on one line, paragraphs told apart.

Pages without one (scanned pages: an image and next to no text) are read by text recognition
(``scan.read_pdf_pages``), the others by their text layer. Budgets: pages, characters laid out, inflated
bytes (``pdf_inflate``), and recognition's own.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTImage, LTItem, LTTextLine
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from archive.extract import scan
from archive.extract.budgets import CORRUPT, CharacterBudget, ExtractError, NeedsOcr
from archive.extract.lines import Piece, Row, paragraphs, rows
from archive.extract.pdf_inflate import INFLATE_BUDGET, PDF_MAX_INFLATED, InflateBudget
from archive.extract.provenance import Extracted

_NO_TEXT_LAYER = "这个 PDF 没有文字层（可能是扫描件），请上传带文字的 PDF 或 Word 文件。"
# Chinese text has no spaces between words, and justified lines spread their characters out;
# pdfminer's default word_margin (0.1) would put a space into every such gap. Reading order is
# top to bottom (boxes_flow=None): letters are one column, and the hierarchical grouping puts a
# right-aligned signature or date above the paragraphs it follows. all_texts reads text drawn
# inside form XObjects, which some converters wrap every page in.
_PDF_LAYOUT = LAParams(
    line_overlap=0.5, char_margin=2.0, line_margin=0.5, word_margin=0.3, boxes_flow=None, all_texts=True
)
_CID = re.compile(r"\(cid:\d+\)")
# A letter is a few pages; with its annexes a few dozen.
PDF_MAX_PAGES = 100
_PDF_TOO_MANY_PAGES = f"PDF 超过 {PDF_MAX_PAGES} 页，不像一封答复函，为安全起见不予处理。请只上传答复函本身。"


def read(data: bytes) -> str | Extracted:
    # A PDF ends with %%EOF; without it the download was cut off and later pages are missing.
    if b"%%EOF" not in data[-8192:]:
        raise ExtractError("文件已损坏，无法读取：PDF 不完整（可能下载或复制时中断），请重新获取原文件。")
    try:
        layouts = [(_pdf_rows(page), _has_image(page)) for page in _pdf_layouts(data)]
    except ExtractError:
        raise
    except PDFPasswordIncorrect:
        raise ExtractError("这个 PDF 设有打开密码，请去掉密码后再上传。") from None
    except PDFEncryptionError:
        raise ExtractError("这个 PDF 已加密，无法读取，请去掉加密后再上传。") from None
    except Exception as error:  # malformed PDFs fail anywhere inside pdfminer
        raise ExtractError(CORRUPT) from error
    if not layouts:
        raise ExtractError(CORRUPT)
    pages = [rows for rows, _ in layouts]
    text = paragraphs(pages)
    visible = re.sub(r"\s", "", text)
    unmapped = len(_CID.findall(visible))
    readable = len(_CID.sub("", visible))
    if unmapped > readable:
        raise ExtractError("这个 PDF 的文字无法提取（字体缺少编码信息），请上传 Word 文件或重新导出的 PDF。")
    # A scanned page often carries a few characters of text: page numbers, a scanner app's watermark.
    scanned = [number for number, (rows, image) in enumerate(layouts) if image and _readable(rows) < 20]
    if scanned and scan.unavailable():
        raise NeedsOcr(_NO_TEXT_LAYER)
    if scanned:
        return scan.read_pdf_pages(data, pages, scanned)
    if readable < 20 * len(pages):
        raise NeedsOcr(_NO_TEXT_LAYER)
    # U+FFFD rather than □: □ is a real character in letters (an unticked 公开 box).
    return _CID.sub("\ufffd", text)


def _pdf_layouts(data: bytes) -> Iterator[LTItem]:
    """pdfminer's pages, laid out, within budgets of inflated bytes, pages and characters."""
    characters = CharacterBudget()
    token = INFLATE_BUDGET.set(InflateBudget(PDF_MAX_INFLATED))
    try:
        resources = PDFResourceManager()
        device = _BudgetedAggregator(resources, laparams=_PDF_LAYOUT, characters=characters)
        interpreter = PDFPageInterpreter(resources, device)
        for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), 1):
            if number > PDF_MAX_PAGES:
                raise ExtractError(_PDF_TOO_MANY_PAGES)
            interpreter.process_page(page)
            yield device.get_result()
    finally:
        INFLATE_BUDGET.reset(token)


class _BudgetedAggregator(PDFPageAggregator):
    """pdfminer's page aggregator, counting the characters it lays out and leaving out drawings.

    Only characters take part in text layout; lines and curves would only take memory (a page of a
    million path segments is a small compressed stream).
    """

    def __init__(self, *args, characters: CharacterBudget, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._characters = characters

    def render_char(self, *args, **kwargs) -> float:
        self._characters.spend(1)
        return super().render_char(*args, **kwargs)

    def paint_path(self, *args, **kwargs) -> None:
        return None


def _readable(rows: list[Row]) -> int:
    return len(_CID.sub("", re.sub(r"\s", "", "".join(row.text for row in rows))))


def _has_image(item: LTItem) -> bool:
    return isinstance(item, LTImage) or (hasattr(item, "__iter__") and any(_has_image(child) for child in item))


def _pdf_lines(item: LTItem) -> Iterator[LTTextLine]:
    if isinstance(item, LTTextLine):
        yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from _pdf_lines(child)


def _pdf_rows(page: LTItem) -> list[Row]:
    """The page's text lines top to bottom; pieces on one baseline (table cells) become one row."""
    return rows(
        Piece(x0=line.x0, x1=line.x1, y0=line.y0, y1=line.y1, text=line.get_text().strip())
        for line in _pdf_lines(page)
    )
