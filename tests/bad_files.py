"""Bad files made from bytes, for the extract tests and the clerk's upload tests alike."""

import functools
import io
import zipfile
import zlib

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


############################################################
# Bombs: small files that would expand to gigabytes of work #
############################################################

# What every bomb pretends to be: the opening of a reply letter.
LETTER_OPENING = "罗大成委员：\n您提出的《关于构建学生心理健康长效机制的建议》收悉，现答复如下："


def list_number_bomb_docx(start: int = 10**8, paragraphs: int = 10) -> bytes:
    """A .docx whose automatic list numbering starts at ``start`` in letters (a, b … z, aa …).

    Word writes 10^8 in lowerLetter as "a" repeated 3.8 million times, so ten numbered
    paragraphs of a 36 KB file come out as 38 MB of text (at 10^12, 38 billion characters).
    """
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
            '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    document.add_paragraph(LETTER_OPENING)
    for number in range(paragraphs):
        num_pr = document.add_paragraph(f"第{number + 1}项工作情况")._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = 77
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def handmade_pdf(content: bytes, *, content_attributes: bytes = b"", font: bytes = b"") -> bytes:
    """A one-page PDF whose page content stream is ``content``, stored as given (compress it yourself)."""
    font = font or b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        font,
        b"<< /Length %d %s>>\nstream\n" % (len(content), content_attributes) + content + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(
        b"%010d 00000 n \n" % offset for offset in offsets
    )
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


@functools.cache
def flate_bomb_pdf(inflated_mb: int = 512) -> bytes:
    """A PDF of about 0.5 MB whose page content inflates to ``inflated_mb`` MB: a line of text, then spaces."""
    text = b"BT /F1 12 Tf 72 700 Td (Reply to proposal No. 0070 of the fourth meeting) Tj ET\n"
    packer = zlib.compressobj(9)
    spaces = b" " * (1024 * 1024)
    stream = packer.compress(text) + b"".join(packer.compress(spaces) for _ in range(inflated_mb)) + packer.flush()
    return handmade_pdf(stream, content_attributes=b"/Filter /FlateDecode ")


def many_characters_pdf(characters: int = 3_000_000) -> bytes:
    """A PDF of one page that draws ``characters`` letters, compressed to a few kilobytes."""
    line = b"(" + b"A" * 1000 + b") Tj 0 -1 Td\n"
    content = b"BT /F1 1 Tf 10 800 Td\n" + line * (characters // 1000) + b"ET\n"
    return handmade_pdf(zlib.compress(content, 9), content_attributes=b"/Filter /FlateDecode ")


def deeply_nested_html(depth: int = 5000) -> bytes:
    """A web page whose letter sits inside ``depth`` nested <div>s."""
    body = "<div>" * depth + LETTER_OPENING.replace("\n", "<br>") + "</div>" * depth
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>".encode()


# 84 Chinese characters: 252 bytes in UTF-8, 256 with ".txt", over the 255 bytes a file name may have.
LONG_CHINESE_NAME = ("关于构建学生心理健康长效机制的建议的答复" * 5)[:84] + ".txt"


def xml_parts_bomb_docx(parts: int = 19) -> bytes:
    """A .docx of 300 KB with ``parts`` XML parts (the body and headers) of 10 MB of empty paragraphs each.

    Each part stays under the size above which a high compression ratio counts as a zip bomb, and
    python-docx parses every one of them into a tree: 19 parts took 4.3 GB.
    """
    import docx

    plain = io.BytesIO()
    docx.Document().save(plain)
    template = zipfile.ZipFile(plain)
    namespace = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraphs = b"<w:p/>" * ((10 * 1024 * 1024 - 200) // 6)
    header_type = b"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
    header_rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
    headers = [f"header{number}.xml" for number in range(parts - 1)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in template.infolist():
            data = template.read(member.filename)
            if member.filename == "word/document.xml":
                data = b"<w:document %s><w:body>%s</w:body></w:document>" % (namespace, paragraphs)
            elif member.filename == "word/_rels/document.xml.rels":
                links = "".join(f'<Relationship Id="rIdBomb{n}" Type="{header_rel}" Target="{name}"/>'
                                for n, name in enumerate(headers))
                data = data.replace(b"</Relationships>", links.encode() + b"</Relationships>")
            elif member.filename == "[Content_Types].xml":
                overrides = b"".join(b'<Override PartName="/word/%s" ContentType="%s"/>' % (name.encode(), header_type)
                                     for name in headers)
                data = data.replace(b"</Types>", overrides + b"</Types>")
            archive.writestr(member, data)
        for name in headers:
            archive.writestr(f"word/{name}", b"<w:hdr %s>%s</w:hdr>" % (namespace, paragraphs))
    return buffer.getvalue()


#####################################################################
# Files a clerk may pick by mistake: photos, long PDFs, programs … #
#####################################################################


def photo_jpeg() -> bytes:
    """A photo with no letter in it: sky over a field."""
    image = Image.new("RGB", (640, 480), (120, 170, 230))
    ImageDraw.Draw(image).rectangle((0, 300, 640, 480), fill=(70, 140, 60))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def corrupt_jpeg() -> bytes:
    """A photo cut off halfway through its compressed data, as a failed copy leaves it."""
    data = photo_jpeg()
    return data[: len(data) // 2]


def pixel_bomb_png(side: int = 100_000) -> bytes:
    """A PNG of a few hundred bytes whose header declares ``side`` × ``side`` pixels (10 billion: 30 GB decoded)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    header = side.to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(
        b"IEND", b""
    )


def long_pdf(pages: int = 300) -> bytes:
    """A PDF of ``pages`` pages, each a line of text: a report or a bound volume, not a letter."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number in range(1, pages + 1):
        pdf.drawString(72, 700, f"Annual report, page {number}: reply to proposal No. 0070 of the fourth meeting")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def password_pdf() -> bytes:
    """A PDF that opens only with a password."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=StandardEncryption("secret", ownerPassword="owner"))
    pdf.drawString(72, 700, "Reply to proposal No. 0070 of the fourth meeting")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def program_bytes() -> bytes:
    """The start of a Windows program, as an .exe renamed to a document's name carries it."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(4000)
