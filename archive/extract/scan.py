"""Scans and photos of letters (JPEG, PNG, TIFF): checked, then handed to text recognition (OCR).

The archive has no OCR yet, so a sound image is refused with ``NeedsOcr``; OCR takes its place here.
Budgets: pixels (a small file can declare an image of billions: a decompression bomb) and frames.
"""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from archive.extract.budgets import ExtractError, NeedsOcr

# A4 at 600 dpi is 35 million pixels; a scan at 300 dpi, as OCR wants it, is 8.7 million.
IMAGE_MAX_PIXELS = 50_000_000
IMAGE_MAX_FRAMES = 100  # the pages of a multi-page TIFF, as for PDFs
NEEDS_OCR = "扫描件/图片需要文字识别，本系统尚不能识别图片里的文字。请上传带文字的 PDF、Word 或 OFD 文件。"
_CORRUPT_IMAGE = "图片已损坏，无法读取。"
_TOO_LARGE = (
    f"图片超过 {IMAGE_MAX_PIXELS // 10000} 万像素（可能是“解压炸弹”），为安全起见不予处理。"
    "请以 300 dpi 重新扫描后再上传。"
)
_TOO_MANY_FRAMES = f"图片超过 {IMAGE_MAX_FRAMES} 页，不像一封答复函，为安全起见不予处理。请只上传答复函本身。"


def unavailable() -> str:
    return NEEDS_OCR


def read(data: bytes) -> str:
    check_image(data)
    raise NeedsOcr(NEEDS_OCR)


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
