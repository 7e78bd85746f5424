"""Masked copies of uploaded originals: ``mask_original(data, filename) -> bytes``.

In: an original file as a clerk uploaded it. Out: a file of the same kind with every personal mobile and
ID number masked as the pages mask them (``archive.privacy``):

- plain text, in any encoding the extractor reads, comes back as UTF-8 with a BOM (Notepad, WPS and
  browsers all open that);
- a web page stays a web page, in UTF-8 with its charset declaration rewritten: the text a reader sees,
  and also comments, scripts and attribute values (a ``tel:`` link, a title). A page, not its text: what
  the original adds to the reply page is its layout — the 政务公开 table of 索引号 and 发文字号, the
  letter's own tables — and the reply page already shows the text;
- a Word document stays a Word document: every XML part of the package is masked, not only the body
  python-docx reads — headers and footers, footnotes, comments, text boxes, tracked deletions, field
  codes, link targets and the document's properties hold text too. Pictures are not read.

A number split across pieces (Word runs, a page's inline tags) is found in its paragraph's joined text;
masking keeps every length, so the masked text is cut back into the same pieces. Each piece is masked on
its own as well, for a number that joining would glue to a neighbour's digits.

Anything else raises ``CannotMask`` with a Chinese sentence: another format (a PDF, a scan), a file the
extractor refuses (its budgets guard this module too), a Word document with embedded files, and a copy
whose extracted text still holds a personal number. Such an original is public only when a clerk allows it.
No Django here.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePath

from bs4 import BeautifulSoup, NavigableString, Tag
from lxml import etree

from archive.extract import ExtractError, decode_text, extract_text
from archive.privacy import holds_personal_number, mask_personal_numbers

__all__ = ["MASKABLE_EXTENSIONS", "CannotMask", "can_mask", "mask_original", "mask_pieces"]

MASKABLE_EXTENSIONS = (".txt", ".html", ".htm", ".docx")


class CannotMask(Exception):
    """No masked copy of this file can be made; the message says why, in Chinese."""


def can_mask(filename: str) -> bool:
    """Whether files of this kind get a masked copy (whether this one can, only mask_original knows)."""
    return PurePath(filename).suffix.lower() in MASKABLE_EXTENSIONS


def mask_original(data: bytes, filename: str) -> bytes:
    """The file with personal numbers masked, or CannotMask saying why there is no such copy."""
    extension = PurePath(filename).suffix.lower()
    if extension not in MASKABLE_EXTENSIONS:
        raise CannotMask(f"{extension or '没有扩展名的'}文件无法遮盖个人号码。")
    try:
        extract_text(data, filename)  # the extractor's checks and budgets, before anything is parsed here
        masked = _MASKERS[extension](data)
        left = holds_personal_number(extract_text(masked, filename))
    except ExtractError as error:
        raise CannotMask(f"文件无法读取，因而无法遮盖：{error}") from error
    except (etree.LxmlError, zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise CannotMask("文件已损坏，无法遮盖个人号码。") from error
    if left:  # a way of writing a number this module does not know: better no copy than a leaking one
        raise CannotMask("遮盖后的文件里仍读得出个人号码。")
    return masked


def mask_pieces(pieces: list[str]) -> list[str]:
    """Mask numbers within and across the pieces of one paragraph; each piece keeps its length."""
    joined = mask_personal_numbers("".join(pieces))
    masked, start = [], 0
    for piece in pieces:
        masked.append(mask_personal_numbers(joined[start : start + len(piece)]))
        start += len(piece)
    return masked


########
# Text #
########


def _mask_text(data: bytes) -> bytes:
    text = decode_text(data, ".txt").lstrip("\ufeff")
    return codecs.BOM_UTF8 + mask_personal_numbers(text).encode("utf-8")


########
# HTML #
########

# Elements that end a line: text on either side of one is never read as one number.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5"
    " h6 head header hr html li main nav ol p pre section table tbody td tfoot th thead title tr ul".split()
)


def _mask_html(data: bytes) -> bytes:
    soup = BeautifulSoup(decode_text(data, ".html"), "lxml")
    for run in list(_html_runs(soup)):
        for string, masked in zip(run, mask_pieces([str(string) for string in run]), strict=True):
            if masked != string:
                string.replace_with(type(string)(masked))  # a comment stays a comment, a script a script
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            words = value if isinstance(value, list) else [value]  # class and rel hold lists of words
            masked = [mask_personal_numbers(word) for word in words]
            if masked != words:  # unchanged values keep their type: bs4 rewrites a charset declaration from it
                tag[name] = masked if isinstance(value, list) else masked[0]
    return codecs.BOM_UTF8 + soup.encode("utf-8")


def _html_runs(soup: BeautifulSoup) -> Iterator[list[NavigableString]]:
    """The page's strings in reading order, those shown on one line together; comments and scripts alone."""
    run: list[NavigableString] = []
    block = None
    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name in _BLOCK_TAGS and run:
                yield run
                run = []
            continue
        if type(node) is not NavigableString:
            yield [node]
            continue
        here = next((parent for parent in node.parents if parent.name in _BLOCK_TAGS), None)
        if here is not block and run:
            yield run
            run = []
        block = here
        run.append(node)
    if run:
        yield run


########
# DOCX #
########

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"  # text in shapes and charts
_PARAGRAPHS = (f"{_W}p", f"{_A}p")
# Each kind joined on its own within a paragraph: the visible text, tracked deletions, field codes.
_PIECES = (f"{_W}t", f"{_W}delText", f"{_W}instrText", f"{_A}t")
_XML_PART = re.compile(r"\.(xml|rels|vml)$", re.IGNORECASE)
_EMBEDDED = "Word 文档里嵌有其他文件（表格、文档或对象），其中的号码无法遮盖。"


def _mask_docx(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    if any(info.filename.lower().startswith("word/embeddings/") for info in source.infolist()):
        raise CannotMask(_EMBEDDED)
    copy = io.BytesIO()
    with zipfile.ZipFile(copy, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if _XML_PART.search(info.filename):
                content = _mask_xml_part(content)
            member = zipfile.ZipInfo(info.filename, info.date_time)
            member.compress_type, member.external_attr = info.compress_type, info.external_attr
            target.writestr(member, content)
    return copy.getvalue()


def _mask_xml_part(content: bytes) -> bytes:
    root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    changed = False
    for paragraph in root.iter(*_PARAGRAPHS):
        for kind in _PIECES:
            # A text box's paragraphs sit inside a run of the paragraph around it: each is its own paragraph.
            pieces = [node for node in paragraph.iter(kind) if next(node.iterancestors(*_PARAGRAPHS)) is paragraph]
            for node, masked in zip(pieces, mask_pieces([node.text or "" for node in pieces]), strict=True):
                if masked != (node.text or ""):
                    node.text, changed = masked, True
    for node in root.iter():
        for slot in ("text", "tail"):
            value = getattr(node, slot)
            if value and mask_personal_numbers(value) != value:
                setattr(node, slot, mask_personal_numbers(value))
                changed = True
        if isinstance(node.tag, str):  # elements, not comments or processing instructions
            for name, value in node.attrib.items():
                if mask_personal_numbers(value) != value:
                    node.attrib[name], changed = mask_personal_numbers(value), True
    if not changed:
        return content  # byte for byte as Word wrote it
    standalone = root.getroottree().docinfo.standalone
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=standalone)


_MASKERS = {".txt": _mask_text, ".html": _mask_html, ".htm": _mask_html, ".docx": _mask_docx}
