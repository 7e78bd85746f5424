"""Text recognition (OCR) of scanned letters: page images in, the letter's text and how sure it is out.

``recognise(pages)`` reads page images (``page_images``: the frames of a JPEG/PNG/TIFF, a PDF's pages at
300 dpi) with Tesseract's simplified-Chinese model and returns ``Recognised``: the text laid out as a
typed letter's (lines, paragraphs, full-width punctuation, no spaces between characters), the engine's
mean confidence and the spans it was unsure of. Each page is first made readable (``preprocess``: the red
seal removed by colour, turned straight, black on white). Pages are read side by side, one engine process
per core. Tesseract was chosen over PP-OCR (rapidocr-onnxruntime) by ``benchmarks/ocr.py``: README, "Scans".

Pure functions over bytes and images; no Django. ``OcrError`` carries a sentence for the clerk, in Chinese.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor

from PIL import Image

from archive.extract.lines import paragraphs
from archive.ocr.letter_marks import letter_marks
from archive.ocr.preprocess import prepare
from archive.ocr.reading import OcrPage, doubtful_spans, mean_confidence, page_of
from archive.ocr.result import MAX_PAGES, TOO_MANY_PAGES, OcrError, Recognised, Span
from archive.ocr.tesseract import NOT_INSTALLED, OcrFailed, read_words, unavailable

__all__ = ["MAX_PAGES", "NOT_INSTALLED", "TIME_BUDGET_SECONDS", "OcrError", "Recognised", "Span", "read_pages",
           "recognise", "recognised_text", "unavailable"]

# A page takes about a second of each of two cores, so 30 pages about half a minute. Uploads are read by the
# upload worker (uploads/), whose own limit is UPLOAD_TIME_LIMIT_SECONDS (900 s): a scan is stopped well before,
# and a page alone never takes more than a minute.
TIME_BUDGET_SECONDS = 300
_PAGE_TIMEOUT_SECONDS = 60
_OUT_OF_TIME = f"扫描件识别超过 {TIME_BUDGET_SECONDS} 秒仍未完成，已停止。请拆分为较少的页数后分别上传。"
_ENGINE_FAILED = "文字识别引擎出错，未能读取这个扫描件。请稍后重试，如仍出错请把文件交给系统管理员。"


def recognise(pages: Iterable[Image.Image]) -> Recognised:
    """The text of a scanned letter from its page images, in order."""
    read = read_pages(pages)
    return recognised_text(read, paragraphs([page.rows for page in read]))


def recognised_text(pages: list[OcrPage], text: str) -> Recognised:
    """``text`` (the pages' rows laid out, maybe with other pages' text between) with its field marks put right
    (``letter_marks``) and the pages' confidence."""
    text = letter_marks(text)
    return Recognised(text=text, confidence=mean_confidence(pages), doubtful=doubtful_spans(text, pages))


def read_pages(pages: Iterable[Image.Image], *, workers: int | None = None) -> list[OcrPage]:
    """Each page prepared and read, as many at once as there are cores; raises OcrError in Chinese.

    At most ``workers`` pages are in memory at a time (a page at 300 dpi is 26 MB), however long the scan.
    """
    if unavailable():
        raise OcrError(unavailable() + "。")
    workers = workers or len(os.sched_getaffinity(0))
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    read: list[OcrPage] = []
    pending: deque[Future] = deque()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        try:
            for number, page in enumerate(pages, 1):
                if number > MAX_PAGES:
                    raise OcrError(TOO_MANY_PAGES)
                pending.append(pool.submit(_read_page, page, deadline))
                if len(pending) >= workers:
                    read.append(pending.popleft().result())
            while pending:
                read.append(pending.popleft().result())
        finally:
            for future in pending:
                future.cancel()
    return read


def _read_page(page: Image.Image, deadline: float) -> OcrPage:
    left = deadline - time.monotonic()
    if left <= 0:
        raise OcrError(_OUT_OF_TIME)
    try:
        return page_of(read_words(prepare(page), timeout=min(left, _PAGE_TIMEOUT_SECONDS)))
    except OcrFailed as failure:
        raise OcrError(_OUT_OF_TIME if time.monotonic() >= deadline else _ENGINE_FAILED) from failure

