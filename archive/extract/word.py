"""Word documents (.docx): paragraphs and table rows in reading order, with Word's automatic list labels.

The package is checked for zip bombs before python-docx inflates it (``zip_guards``); list labels come
from ``word_numbers``.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePath

import docx
from lxml import etree

from archive.extract.budgets import CORRUPT, CharacterBudget, ExtractError
from archive.extract.sniffing import spaced
from archive.extract.word_numbers import ListNumbers, W
from archive.extract.zip_guards import is_bomb, zip_members

# mc:Fallback repeats the text box of mc:Choice for old readers; w:del and w:moveFrom are
# tracked deletions. Reading them would print text twice or text the author took out.
_DOCX_SKIPPED = {
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    f"{W}del",
    f"{W}moveFrom",
    f"{W}pPr",
    f"{W}rPr",
}
_ZIP_BOMB = "文件解压后过大或压缩比异常（可能是“压缩炸弹”），为安全起见不予处理，请在 Word 中重新另存后再上传。"
# python-docx parses every XML part of the package into a tree, at about 170 bytes of memory per
# element: 16 MB of <w:p/> is 2.8 million elements, 500 MB. A letter's XML is well under a megabyte.
WORD_MAX_XML = 16 * 1024 * 1024
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OTHER_ZIPPED_FORMATS = {"xl/": "Excel 表格", "ppt/": "PowerPoint 演示文稿", "content.xml": "OpenDocument 文档"}


def read(data: bytes) -> str:
    _check_word_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # a broken package can fail anywhere inside python-docx or lxml
        raise ExtractError(CORRUPT) from error
    numbers = ListNumbers(document)
    text = "\n".join(_docx_blocks(document.element.body, numbers, CharacterBudget()))
    if not text.strip():
        raise ExtractError("Word 文档里没有文字。")
    return text


def _check_word_package(data: bytes) -> None:
    """Refuse zip bombs and other zips before python-docx inflates every part into memory."""
    members = zip_members(data)
    if is_bomb(members) or _xml_size(data, members) > WORD_MAX_XML:
        raise ExtractError(_ZIP_BOMB)
    names = [member.filename for member in members]
    if "[Content_Types].xml" in names and any(name.startswith("word/") for name in names):
        return
    looks_like = next(
        (kind for prefix, kind in _OTHER_ZIPPED_FORMATS.items() if any(n.startswith(prefix) for n in names)), ""
    )
    raise ExtractError(
        f"文件扩展名是 .docx，但内容不是 Word 文档{f'（像是{spaced(looks_like)}）' if looks_like else ''}。"
    )


def _xml_size(data: bytes, members: list[zipfile.ZipInfo]) -> int:
    """The inflated size of the parts python-docx would parse: those whose content type is XML."""
    by_name = {member.filename.lower(): member for member in members}
    types = by_name.get("[content_types].xml")
    if types is None or types.file_size > 1024 * 1024:
        return sum(member.file_size for member in members)
    try:
        root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(types), etree.XMLParser(resolve_entities=False))
    except (etree.XMLSyntaxError, zipfile.BadZipFile, ValueError, EOFError, zlib.error):
        raise ExtractError(CORRUPT) from None
    defaults = {
        (item.get("Extension") or "").lower(): item.get("ContentType") or ""
        for item in root.iterchildren(f"{_CONTENT_TYPES}Default")
    }
    overrides = {
        (item.get("PartName") or "").lstrip("/").lower(): item.get("ContentType") or ""
        for item in root.iterchildren(f"{_CONTENT_TYPES}Override")
    }
    size = types.file_size
    for name, member in by_name.items():
        content_type = overrides.get(name) or defaults.get(PurePath(name).suffix.lstrip("."), "")
        if content_type.endswith("xml") or name.endswith((".xml", ".rels")):
            size += member.file_size
    return size


def _docx_blocks(container: etree._Element, numbers: ListNumbers, budget: CharacterBudget) -> Iterator[str]:
    """Paragraphs and table rows of a body or table cell, in reading order."""
    for child in container.iterchildren():
        if child.tag == f"{W}p":
            line = numbers.label(child) + _docx_paragraph(child)
            budget.spend(len(line) + 1)
            yield line
        elif child.tag == f"{W}tbl":
            yield from _docx_table(child, numbers, budget)
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _docx_blocks(child, numbers, budget)  # content controls wrap whole paragraphs


def _docx_table(table: etree._Element, numbers: ListNumbers, budget: CharacterBudget) -> Iterator[str]:
    for row in table.iterchildren(f"{W}tr"):
        cells = [
            [line.strip() for line in _docx_blocks(cell, numbers, budget) if line.strip()]
            for cell in row.iterchildren(f"{W}tc")
        ]
        cells = [cell for cell in cells if cell]
        if all(len(cell) == 1 for cell in cells):
            yield "  ".join(cell[0] for cell in cells)
        else:
            # A table used for page layout holds whole letters in a cell: keep its paragraphs.
            yield from (line for cell in cells for line in cell)


def _docx_paragraph(paragraph: etree._Element) -> str:
    parts: list[str] = []
    _collect_runs(paragraph, parts)
    return "".join(parts)


def _collect_runs(element: etree._Element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}p":  # a paragraph inside a text box
            parts.append("\n")
            _collect_runs(child, parts)
        elif tag not in _DOCX_SKIPPED:
            _collect_runs(child, parts)
