"""Bad files made from bytes, for the extract tests and the clerk's upload tests alike."""

import io
import zipfile

from PIL import Image, ImageDraw
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas


def scanned_pdf() -> bytes:
    """A PDF page that is only an image: no text layer."""
    image = Image.new("L", (300, 200), 255)
    ImageDraw.Draw(image).rectangle((20, 20, 280, 60), fill=0)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawImage(ImageReader(image), 72, 500, width=450, height=300)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def zip_bomb_docx() -> bytes:
    """A .docx whose document part inflates to 60 MB from a few kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (60 * 1024 * 1024))
    return buffer.getvalue()
