"""OFD documents (GB/T 33190, the national fixed-layout format): the text of each page in reading order.

An .ofd is a zip of XML: OFD.xml names each document's Document.xml, which lists its pages; a page's
Content.xml holds TextObjects, each with a Boundary (x y w h, in millimetres, y growing downwards) and
TextCodes (the characters, at X and Y within that box). Pages are read in order; on a page, text is read
top to bottom and left to right, a line at a time (``lines``), as PDFs are. Page templates (backgrounds),
annotations and signatures are left out. The zip guards apply as to a .docx; pages and XML are budgeted.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator

from lxml import etree

from archive.extract.budgets import CORRUPT, CharacterBudget, ExtractError, NeedsOcr
from archive.extract.lines import Piece, paragraphs, rows
from archive.extract.sniffing import disguise_message
from archive.extract.zip_guards import is_bomb, zip_members

_NS = "{http://www.ofdspec.org/2016}"
OFD_MAX_PAGES = 100  # as for PDFs
# lxml holds about 170 bytes a element; a letter's pages are a few hundred kilobytes of XML.
OFD_MAX_XML = 16 * 1024 * 1024
_BOMB = "OFD 文件解压后过大或压缩比异常（可能是“压缩炸弹”），为安全起见不予处理，请重新导出后再上传。"
_TOO_MANY_PAGES = f"OFD 文件超过 {OFD_MAX_PAGES} 页，不像一封答复函，为安全起见不予处理。请只上传答复函本身。"
_NO_TEXT = "这个 OFD 文件里没有文字。"
_SCANNED = "这个 OFD 文件里只有图片，没有文字：扫描件/图片需要文字识别。请上传带文字的 OFD、PDF 或 Word 文件。"
_DELTAS = re.compile(r"g\s+(\d+)\s+(-?[\d.]+)|(-?[\d.]+)")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def read(data: bytes) -> str:
    members = zip_members(data)
    if is_bomb(members) or sum(member.file_size for member in members if _is_xml(member)) > OFD_MAX_XML:
        raise ExtractError(_BOMB)
    package = zipfile.ZipFile(io.BytesIO(data))
    names = {member.filename for member in members}
    if "OFD.xml" not in names:
        raise ExtractError(disguise_message(data, ".ofd", "OFD 文件"))
    budget, pages, images = CharacterBudget(), [], 0
    for number, content in enumerate(_page_contents(package, names), 1):
        if number > OFD_MAX_PAGES:
            raise ExtractError(_TOO_MANY_PAGES)
        pieces = list(_pieces(content, budget))
        pages.append(rows(pieces))
        images += sum(1 for _ in content.iter(f"{_NS}ImageObject"))
    if not any(pages):
        raise NeedsOcr(_SCANNED) if images else ExtractError(_NO_TEXT)
    return paragraphs(pages)


def _is_xml(member: zipfile.ZipInfo) -> bool:
    return member.filename.lower().endswith(".xml")


def _xml(package: zipfile.ZipFile, names: set[str], path: str) -> etree._Element:
    if path not in names:
        raise ExtractError(CORRUPT)
    try:
        return etree.fromstring(package.read(path), _PARSER)
    except (etree.XMLSyntaxError, zipfile.BadZipFile, ValueError, EOFError, zlib.error):
        raise ExtractError(CORRUPT) from None


def _resolve(base: str, location: str) -> str:
    """A path inside the package: absolute from its root ("/Doc_0/…") or relative to the file naming it."""
    location = (location or "").strip().replace("\\", "/")
    joined = location if location.startswith("/") else posixpath.join(posixpath.dirname(base), location)
    return posixpath.normpath(joined).lstrip("/")


def _page_contents(package: zipfile.ZipFile, names: set[str]) -> Iterator[etree._Element]:
    """Each page's content, document after document, in the order the documents list them."""
    for doc_root in _xml(package, names, "OFD.xml").iter(f"{_NS}DocRoot"):
        document_path = _resolve("OFD.xml", doc_root.text)
        document = _xml(package, names, document_path)
        for page in document.iter(f"{_NS}Page"):
            if page.get("BaseLoc"):
                yield _xml(package, names, _resolve(document_path, page.get("BaseLoc")))


def _numbers(text: str | None) -> list[float]:
    try:
        return [float(value) for value in (text or "").split()]
    except ValueError:
        raise ExtractError(CORRUPT) from None


def _deltas(text: str | None) -> list[float]:
    """DeltaX: the advance after each character, "g N D" standing for D written N times."""
    advances: list[float] = []
    for repeat, value, single in _DELTAS.findall(text or ""):
        advances.extend([float(value)] * min(int(repeat), 10_000) if repeat else [float(single)])
    return advances


def _pieces(content: etree._Element, budget: CharacterBudget) -> Iterator[Piece]:
    """Every run of text on the page, placed on it; y is turned to grow upwards, as ``lines`` expects."""
    for text_object in content.iter(f"{_NS}TextObject"):
        box = _numbers(text_object.get("Boundary"))
        if len(box) != 4:
            raise ExtractError(CORRUPT)
        size = _numbers(text_object.get("Size") or "3.5")[0] or 3.5
        x, y = 0.0, size
        for code in text_object.iter(f"{_NS}TextCode"):
            text = (code.text or "").strip()
            budget.spend(len(text))
            # X and Y may be left out: the text then goes on where the last left off.
            x = _numbers(code.get("X"))[0] if code.get("X") else x
            y = _numbers(code.get("Y"))[0] if code.get("Y") else y
            advances = _deltas(code.get("DeltaX"))
            width = sum(advances[: max(len(text) - 1, 0)]) + size if advances else len(text) * size
            left, baseline = box[0] + x, box[1] + y
            yield Piece(x0=left, x1=left + width, y0=-baseline, y1=-(baseline - size), text=text)
            x += width
