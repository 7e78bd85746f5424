"""Letters drawn as scanned pages: A4 at 300 dpi in a CJK font, clean or stamped, turned and noisy.

``pages(text, rng, scanned=...)`` lays a letter's text out as an agency prints it (GB/T 9704: 28
characters a line, 22 lines a page, 3号 type, the first line of a paragraph indented two characters,
signature and date on the right; a smaller ``size`` of type for denser pages) and returns the page
images. A scanned page has the red official seal (公章) across the signature and date, is turned by up
to 1.5° and has a scanner's grey paper, blur, grain, specks and JPEG compression. The layout is
deterministic; the scan's flaws come from ``rng``.
"""

from __future__ import annotations

import io
import math
import random
import re
import subprocess
from dataclasses import dataclass
from functools import cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

DPI = 300
MM = DPI / 25.4
PAGE = (round(210 * MM), round(297 * MM))
LEFT, TOP = round(28 * MM), round(37 * MM)
TEXT_WIDTH = round(156 * MM)
TEXT_HEIGHT = round(225 * MM)
TYPE_SIZE = 64  # 3号 (16 pt) is 67 px at 300 dpi; 64 px lets 28 characters fill 156 mm, 22 lines 225 mm
SEAL_RADIUS = round(21 * MM)  # a 42 mm seal
SEAL_INK = (214, 38, 48)
_DATE_LINE = re.compile(r"^\s*(\d{4}年\d{1,2}月\d{1,2}日|\d{6,8})\s*$")


@dataclass(frozen=True)
class Line:
    text: str
    x: int  # left edge of the first character, in pixels
    right_aligned: bool = False


@cache
def cjk_font_path() -> str:
    """A CJK font installed on this machine (fc-list), a Song/serif face preferred: letters are printed in one."""
    listed = subprocess.run(["fc-list", ":lang=zh", "file", "family"], capture_output=True, text=True).stdout
    fonts = sorted(line.split(":")[0] for line in listed.splitlines() if line.strip())
    if not fonts:
        raise SystemExit("没有中文字体：请运行 sh scripts/install_browser.sh（安装文泉驿或 Noto CJK 字体）。")
    serif = [path for path in fonts if re.search(r"Serif|Song|Ming|Fang", path, re.IGNORECASE)]
    return (serif or fonts)[0]


@cache
def _font(size: int = TYPE_SIZE) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(cjk_font_path(), size)


def _pitch(size: int) -> int:
    return round(size * 1.875)  # 3号 type on 22 lines of 225 mm


def layout(text: str, size: int = TYPE_SIZE) -> list[list[Line]]:
    """The letter's lines page by page, as printed; blank lines in the text keep one empty line."""
    source = [line.rstrip() for line in text.replace("\u3000", "  ").splitlines()]
    salutation = next((i for i, line in enumerate(source) if re.search(r"[：:]$", line) and len(line) < 40), 0)
    dates = [i for i, line in enumerate(source) if _DATE_LINE.match(line)]
    signature = {dates[-1], dates[-1] - 1} if dates else set()
    printed: list[Line] = []
    for index, line in enumerate(source):
        stripped = line.strip()
        if not stripped:
            if printed and printed[-1].text:
                printed.append(Line("", LEFT))
            continue
        if index in signature or line.startswith("    "):
            width = _font(size).getlength(stripped)
            printed.append(Line(stripped, LEFT + TEXT_WIDTH - round(width) - 2 * size, right_aligned=True))
        elif index < salutation and _font(size).getlength(stripped) <= TEXT_WIDTH:
            printed.append(Line(stripped, LEFT + round((TEXT_WIDTH - _font(size).getlength(stripped)) / 2)))
        else:
            indent = 0 if index <= salutation else 2 * size
            printed.extend(_wrapped(stripped, indent, size))
    per_page = TEXT_HEIGHT // _pitch(size)
    return [printed[start:start + per_page] for start in range(0, len(printed), per_page)]


def _wrapped(paragraph: str, indent: int, size: int) -> list[Line]:
    lines, current, room = [], "", TEXT_WIDTH - indent
    for character in paragraph:
        if current and _font(size).getlength(current + character) > room:
            lines.append(Line(current, LEFT + (indent if not lines else 0)))
            current, room = "", TEXT_WIDTH
        current += character
    lines.append(Line(current, LEFT + (indent if not lines else 0)))
    return lines


def page_text(page: list[Line]) -> str:
    return "\n".join(line.text for line in page)


def pages(text: str, rng: random.Random, *, scanned: bool, size: int = TYPE_SIZE) -> list[Image.Image]:
    """The letter's pages as images: printed clean, or stamped (where the signature is) and scanned."""
    images = []
    laid_out = layout(text, size)
    for page in laid_out:
        image = _printed(page, size)
        if scanned:
            signature = [row for row, line in enumerate(page) if line.right_aligned]
            if not signature and page is laid_out[-1]:  # a letter without a signature is stamped where it ends
                signature = [row for row, line in enumerate(page) if line.text][-2:]
            if signature:
                _stamp(image, page, signature, rng, size)
            image = _scanned(image, rng)
        images.append(image)
    return images


def _printed(page: list[Line], size: int) -> Image.Image:
    image = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(page):
        draw.text((line.x, TOP + row * _pitch(size)), line.text, font=_font(size), fill="black")
    return image


def _stamp(image: Image.Image, page: list[Line], rows: list[int], rng: random.Random, size: int) -> None:
    """The red seal, ink multiplied over the print, centred on the signature and date."""
    right = max(line.x + _font(size).getlength(line.text) for line in (page[row] for row in rows))
    left = min(page[row].x for row in rows)
    centre = (round((left + right) / 2 + rng.uniform(-60, 60)),
              round(TOP + (rows[0] + rows[-1] + 1) / 2 * _pitch(size) + rng.uniform(-40, 40)))
    layer = Image.new("L", PAGE, 0)
    draw = ImageDraw.Draw(layer)
    cx, cy, r = *centre, SEAL_RADIUS
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=round(1.2 * MM))
    star = [(cx + (0.33 if k % 2 == 0 else 0.13) * r * math.sin(k * math.pi / 5),
             cy - (0.33 if k % 2 == 0 else 0.13) * r * math.cos(k * math.pi / 5)) for k in range(10)]
    draw.polygon(star, fill=255)
    words = "答复专用章" + "办公室" * rng.randint(0, 1)
    seal_font = ImageFont.truetype(cjk_font_path(), round(0.26 * r))
    for k, character in enumerate("市人民政府教育局" + words[:2]):
        angle = math.radians(-120 + 240 * k / 9)
        glyph = Image.new("L", (round(0.3 * r),) * 2, 0)
        ImageDraw.Draw(glyph).text((0, 0), character, font=seal_font, fill=255)
        glyph = glyph.rotate(-math.degrees(angle), expand=True)
        x, y = cx + 0.72 * r * math.sin(angle), cy - 0.72 * r * math.cos(angle)
        layer.paste(255, (round(x - glyph.width / 2), round(y - glyph.height / 2)), glyph)
    draw.text((cx, cy + 0.55 * r), words[2:], font=seal_font, fill=255, anchor="mm")
    # Uneven ink: a seal pressed by hand is patchy. Only the seal's square is touched.
    box = (cx - r - 10, cy - r - 10, cx + r + 10, cy + r + 10)
    seal = np.asarray(layer.crop(box), dtype=np.float32) / 255
    seal *= np.clip(np.random.default_rng(rng.randrange(2**32)).normal(0.85, 0.15, seal.shape), 0.3, 1.0)
    ink = np.array(SEAL_INK, dtype=np.float32) / 255
    pixels = np.asarray(image.crop(box), dtype=np.float32)
    pixels *= 1 - seal[..., None] * (1 - ink)
    image.paste(Image.fromarray(pixels.astype(np.uint8)), box[:2])


def _scanned(image: Image.Image, rng: random.Random) -> Image.Image:
    """Turned a little, blurred, on grey paper with grain and specks, saved as a JPEG, as scanners do."""
    angle = rng.choice([-1, 1]) * rng.uniform(0.3, 1.5)
    image = image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor="white")
    image = image.filter(ImageFilter.BoxBlur(1))
    noise = np.random.default_rng(rng.randrange(2**32))
    pixels = np.asarray(image, dtype=np.float32) * rng.uniform(0.90, 0.96)
    pixels += noise.normal(0, 9, pixels.shape[:2])[..., None]
    specks = noise.random(pixels.shape[:2]) < 0.0004
    pixels[specks] = 40
    scanned = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    scanned.save(buffer, "JPEG", quality=80)
    return Image.open(io.BytesIO(buffer.getvalue()))
