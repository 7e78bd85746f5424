"""Scans and photos of letters (JPEG, PNG, TIFF with its pages), and the pages of PDFs without a text layer,
read by text recognition (``archive.ocr``).

Budgets: pixels (a small file can declare an image of billions: a decompression bomb), pages and the
time recognition may take (``archive.ocr``). Where the engine is not installed, a scan raises ``NeedsOcr``
saying so, and the upload page lists the format as not readable yet.
"""

from __future__ import annotations

import io

import pypdfium2
from PIL import Image, UnidentifiedImageError

from archive import ocr
from archive.extract.budgets import CORRUPT, ExtractError, NeedsOcr
from archive.extract.lines import Row, paragraphs
from archive.extract.provenance import Extracted, Source
from archive.ocr.page_images import MAX_PIXELS, PageTooLarge, image_pages, pdf_pages
from archive.ocr.result import MAX_PAGES, TOO_MANY_PAGES
from archive.ocr.tesseract import NOT_INSTALLED

IMAGE_MAX_PIXELS = MAX_PIXELS
OCR_MAX_PAGES = MAX_PAGES
IMAGE_MAX_FRAMES = OCR_MAX_PAGES  # the pages of a multi-page TIFF, counted before any is read
# The upload page lists a format this machine cannot read with why (a phrase); a scan refused says it in full.
_UNAVAILABLE = "扫描件/图片需要文字识别，而" + NOT_INSTALLED
NEEDS_OCR = _UNAVAILABLE + "。在此之前请上传带文字的 PDF、Word 或 OFD 文件。"
_NO_TEXT = "扫描件/图片里没有识别出文字：请确认上传的是答复函的扫描件，页面清晰、方向端正，且不是照片或空白页。"
_CORRUPT_IMAGE = "图片已损坏，无法读取。"
_TOO_LARGE = (
    f"图片超过 {IMAGE_MAX_PIXELS // 10000} 万像素（可能是“解压炸弹”），为安全起见不予处理。"
    "请以 300 dpi 重新扫描后再上传。"
)
_TOO_MANY_FRAMES = f"图片超过 {IMAGE_MAX_FRAMES} 页，不像一封答复函，为安全起见不予处理。请只上传答复函本身。"


def unavailable() -> str:
    return _UNAVAILABLE if ocr.unavailable() else ""


def read(data: bytes) -> Extracted:
    check_image(data)
    if ocr.unavailable():
        raise NeedsOcr(NEEDS_OCR)
    try:
        recognised = ocr.recognise(image_pages(data))
    except ocr.OcrError as error:
        raise ExtractError(str(error)) from None
    except (PageTooLarge, Image.DecompressionBombError):
        raise ExtractError(_TOO_LARGE) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):  # a later frame of a TIFF, damaged
        raise ExtractError(_CORRUPT_IMAGE) from None
    return _recognised(recognised)


def read_pdf_pages(data: bytes, pages: list[list[Row]], scanned: list[int]) -> Extracted:
    """A PDF's text: its text layer where a page has one (``pages``), recognition on the ``scanned`` pages."""
    if ocr.unavailable():
        raise NeedsOcr(NEEDS_OCR)
    if len(scanned) > OCR_MAX_PAGES:
        raise ExtractError(TOO_MANY_PAGES)
    try:
        read = ocr.read_pages(pdf_pages(data, scanned))
    except ocr.OcrError as error:
        raise ExtractError(str(error)) from None
    except pypdfium2.PdfiumError:
        raise ExtractError(CORRUPT) from None
    laid_out = list(pages)
    for number, page in zip(scanned, read, strict=True):
        laid_out[number] = page.rows
    return _recognised(ocr.recognised_text(read, paragraphs(laid_out)))


def _recognised(recognised: ocr.Recognised) -> Extracted:
    if not recognised.text.strip():
        raise ExtractError(_NO_TEXT)
    return Extracted(recognised.text, Source.OCR, recognised.confidence, recognised.doubtful)


def check_image(data: bytes) -> None:
    """Refuse a damaged image and one too large to decode, before anything decodes it whole."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > IMAGE_MAX_PIXELS:
                raise ExtractError(_TOO_LARGE)
            if getattr(image, "n_frames", 1) > IMAGE_MAX_FRAMES:
                raise ExtractError(_TOO_MANY_FRAMES)
            image.load()  # decodes the first frame: a truncated or damaged image fails here
    except ExtractError:
        raise
    except Image.DecompressionBombError:  # Pillow's own limit, far above ours, for what it catches at opening
        raise ExtractError(_TOO_LARGE) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ExtractError(_CORRUPT_IMAGE) from None
