"""Scans made for the tests: seed letters drawn as stamped, turned, noisy pages (benchmarks/scan_pages.py)."""

import io
import random
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from benchmarks.scan_pages import pages

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seed_letters"
SEED = "002_ff4669c2bc51a22d.txt"  # 南沙区's 教育局 answers 韦志中委员 on 提案 3030: two pages in small type
DENSE_TYPE = 40  # 10 pt type at 300 dpi: seed 002 fits on two pages, so the tests read two pages only


def seed_text(name: str = SEED) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def stamped_pages(text: str) -> list[Image.Image]:
    return pages(text, random.Random(text[:20]), scanned=True, size=DENSE_TYPE)


def scanned_pdf(images: list[Image.Image]) -> bytes:
    """A PDF of page images only, as a scanner makes it: no text layer."""
    images = [image.copy() for image in images]  # Pillow leaves a save's settings on the pages it appended
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=300)
    return buffer.getvalue()


def multipage_tiff(images: list[Image.Image]) -> bytes:
    images = [image.copy() for image in images]
    buffer = io.BytesIO()
    images[0].save(buffer, "TIFF", save_all=True, append_images=images[1:], compression="tiff_deflate")
    return buffer.getvalue()


def half_typed_pdf(typed: str, scan: Image.Image) -> bytes:
    """A PDF whose first page has a text layer and whose second is a scanned image."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("STSong-Light", 12)
    for number, line in enumerate(typed.splitlines()):
        pdf.drawString(72, 770 - 18 * number, line)
    pdf.showPage()
    pdf.drawImage(ImageReader(scan), 0, 0, width=A4[0], height=A4[1])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def image_only_pdf(pages: int) -> bytes:
    """A scanned PDF of many small pages (a blank scan repeated), cheap to make."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    blank = ImageReader(Image.new("L", (40, 60), 250))
    for _ in range(pages):
        pdf.drawImage(blank, 0, 0, width=A4[0], height=A4[1])
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
