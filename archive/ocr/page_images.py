"""The pages of a scan as images to recognise: the frames of an image file, or pages of a PDF drawn at 300 dpi.

Pages come one at a time, so a long scan is never held in memory whole. Budgets: pixels per page (a
small file can declare an image of billions: a decompression bomb) and the number of pages.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Iterator

import pypdfium2
from PIL import Image, ImageSequence

# Scans are read at 300 dpi: Chinese type of a letter (3号, 16 pt) is then 60 px high, which the engine
# reads as well as larger and twice as fast as 600 dpi. Larger images are brought down to about A4 at 300 dpi.
DPI = 300
READ_PIXELS = 10_000_000
# A4 at 600 dpi is 35 million pixels; nothing larger is decoded.
MAX_PIXELS = 50_000_000


class PageTooLarge(ValueError):
    """A page over MAX_PIXELS."""


def image_pages(data: bytes) -> Iterator[Image.Image]:
    """Each frame of an image file (one, or the pages of a multi-page TIFF), at most READ_PIXELS each.

    Raises PageTooLarge before decoding a frame over the budget, and Pillow's own errors for a damaged file.
    """
    with Image.open(io.BytesIO(data)) as image:
        for frame in ImageSequence.Iterator(image):
            if frame.width * frame.height > MAX_PIXELS:
                raise PageTooLarge(f"{frame.width}×{frame.height}")
            yield _within(frame.copy(), READ_PIXELS)


def pdf_pages(data: bytes, numbers: Iterable[int]) -> Iterator[Image.Image]:
    """The PDF's pages of these numbers (0-based) drawn at 300 dpi, or smaller when that would exceed READ_PIXELS."""
    document = pypdfium2.PdfDocument(data)
    try:
        for number in numbers:
            page = document[number]
            try:
                width, height = page.get_size()  # in points
                scale = min(DPI / 72, math.sqrt(READ_PIXELS / max(width * height, 1)))
                yield page.render(scale=scale, grayscale=False).to_pil()
            finally:
                page.close()
    finally:
        document.close()


def _within(image: Image.Image, pixels: int) -> Image.Image:
    if image.mode not in ("1", "L", "RGB"):
        image = image.convert("RGB")
    if image.width * image.height <= pixels:
        return image
    factor = math.sqrt(pixels / (image.width * image.height))
    return image.resize((round(image.width * factor), round(image.height * factor)), Image.Resampling.BOX)
