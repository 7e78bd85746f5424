"""Turn an uploaded file into plain text: ``extract_text(data, filename) -> str``.

In: the bytes of one file and its name; .txt (UTF-8, UTF-8 or UTF-16 with a BOM, GB18030/GBK),
.docx, .pdf with a text layer, or .html/.htm saved from a government website.

Out: the letter's text with ``\\n`` line breaks, a blank line between paragraphs where the
format shows them, and table rows on one line with their cells two spaces apart. Nothing is
read *out of* the text here (that is ``archive.parsing``), and lines broken by a PDF's layout
stay broken: the parser joins them.

Anything that cannot be read raises ``ExtractError`` with a sentence for the clerk, in Chinese.
The size limit is passed in by the caller, so this module needs no Django.
"""

from __future__ import annotations

import codecs
import contextvars
import io
import re
import statistics
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

import charset_normalizer
import docx
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from lxml import etree
from pdfminer import lzw, pdftypes
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTItem, LTTextLine
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

__all__ = [
    "MAX_BYTES",
    "MAX_CHARACTERS",
    "SUPPORTED_EXTENSIONS",
    "ExtractError",
    "decode_text",
    "extract_text",
    "refuse_oversized",
]

SUPPORTED_EXTENSIONS = (".txt", ".docx", ".pdf", ".html", ".htm")
MAX_BYTES = 20 * 1024 * 1024
# A reply letter is a few thousand characters; a long one with annexes tens of thousands. Counted as the
# text is produced, so a file that would expand to millions of characters stops here, not in memory.
MAX_CHARACTERS = 200_000


class ExtractError(ValueError):
    """A file that cannot be turned into text; the message is a Chinese sentence for the clerk."""


_SUPPORTED_LIST = "、".join(SUPPORTED_EXTENSIONS[:-2]) + " 或 .html"
_CORRUPT = "文件已损坏，无法读取。"
_UNKNOWN_ENCODING = "无法识别文件编码，请另存为 UTF-8 或 GB18030 后再上传。"
_NO_TEXT_LAYER = "这个 PDF 没有文字层（可能是扫描件），请上传带文字的 PDF 或 Word 文件。"

# What the clerk should have uploaded, by extension, for "the extension says X but it is not X".
_FORMAT_NAMES = {".txt": "文本", ".docx": "Word 文档", ".pdf": "PDF 文件", ".html": "网页", ".htm": "网页"}

# Formats clerks do upload but that we cannot read; each gets its own way out.
_OLD_FORMATS = {
    ".doc": "不支持旧版 Word 文档（.doc），请在 Word 中“另存为” .docx 后再上传。",
    ".wps": "不支持 WPS 文字格式（.wps），请在 WPS 中“另存为” .docx 后再上传。",
}


def extract_text(data: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> str:
    """Return the plain text of one uploaded file, or raise ExtractError saying why not.

    Small files can expand into a great deal of work (a zip bomb, a compressed PDF stream, list numbers
    in the billions, pages nested thousands deep): each reader works within budgets of inflated bytes,
    pages, list-number values, nesting depth and characters, and refuses the file when one runs out.
    """
    extension = PurePath(filename).suffix.lower()
    if extension in _OLD_FORMATS:
        raise ExtractError(_OLD_FORMATS[extension])
    if extension not in SUPPORTED_EXTENSIONS:
        shown = extension or "（没有扩展名）"
        raise ExtractError(f"不支持的文件类型 {shown}：请上传 {_SUPPORTED_LIST} 文件。")
    # Size first: nothing below may spend time or memory on a file we would refuse anyway.
    refuse_oversized(len(data), max_bytes)
    if not data:
        raise ExtractError("文件为空。")
    _refuse_disguised(data, extension)
    reader = {".txt": _txt_text, ".docx": _docx_text, ".pdf": _pdf_text, ".html": _html_text, ".htm": _html_text}
    return _tidy(_refuse_too_long(reader[extension](data)))


def decode_text(data: bytes, filename: str) -> str:
    """The characters of a .txt or .html file, decoded as ``extract_text`` reads them (a page by its charset too)."""
    html = PurePath(filename).suffix.lower() in (".html", ".htm")
    return _decode(data, declared=_declared_charset(data) if html else None)


def refuse_oversized(size: int, max_bytes: int = MAX_BYTES) -> None:
    """Raise ExtractError for a file over the limit; callers holding only its size can check before reading it."""
    if size > max_bytes:
        raise ExtractError(f"文件超过 {_size_label(max_bytes)} 的上限，请拆分或压缩后再上传。")


_TOO_LONG = (
    f"文件里的文字超过 {MAX_CHARACTERS // 10000} 万字，不像一封答复函，为安全起见不予处理。请只上传答复函本身。"
)


def _refuse_too_long(text: str) -> str:
    if len(text) > MAX_CHARACTERS:
        raise ExtractError(_TOO_LONG)
    return text


class _CharacterBudget:
    """Counts characters as a reader produces them and refuses the file once there are too many."""

    def __init__(self, limit: int = MAX_CHARACTERS) -> None:
        self.left = limit

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise ExtractError(_TOO_LONG)


def _size_label(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{round(size / 1024 / 1024, 1):g} MB"
    if size >= 1024:
        return f"{round(size / 1024, 1):g} KB"
    return f"{size} 字节"


def _tidy(text: str) -> str:
    """One newline convention, no trailing spaces, at most one blank line in a row."""
    text = text.replace("\ufeff", "").replace("\u200b", "")
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


#####################################
# Content sniffing (all extensions) #
#####################################


@dataclass(frozen=True)
class _Kind:
    magic: bytes
    name: str
    advice: str = ""


_SCAN_ADVICE = "扫描件请先做文字识别，或上传带文字的 PDF 或 Word 文件"

# What a clerk's "letter" turns out to be when it is not one: another format renamed, a scan,
# an archive or a program. Checked on every upload, whatever the extension claims.
_KINDS = (
    _Kind(b"%PDF-", "PDF 文件", "请把扩展名改为 .pdf 后再上传"),
    _Kind(b"PK\x03\x04", "压缩包或 Office 文件"),
    _Kind(b"PK\x05\x06", "压缩包"),
    _Kind(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "旧版 Office 文档或加密的 Word 文档",
        "请在 Word 中“另存为” .docx（不设密码）后再上传",
    ),
    _Kind(b"{\\rtf", "RTF 文档", "请在 Word 中“另存为” .docx 后再上传"),
    _Kind(b"MZ", "Windows 程序"),
    _Kind(b"\x7fELF", "程序"),
    _Kind(b"\x89PNG\r\n\x1a\n", "PNG 图片", _SCAN_ADVICE),
    _Kind(b"\xff\xd8\xff", "JPEG 图片", _SCAN_ADVICE),
    _Kind(b"GIF87a", "GIF 图片", _SCAN_ADVICE),
    _Kind(b"GIF89a", "GIF 图片", _SCAN_ADVICE),
    _Kind(b"II*\x00", "TIFF 图片", _SCAN_ADVICE),
    _Kind(b"MM\x00*", "TIFF 图片", _SCAN_ADVICE),
    _Kind(b"Rar!\x1a\x07", "RAR 压缩包"),
    _Kind(b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    _Kind(b"\x1f\x8b", "gzip 压缩包"),
)
_WORD_ZIP = _Kind(b"PK\x03\x04", "Word 文档（.docx）", "请把扩展名改为 .docx 后再上传")


def _sniff(data: bytes) -> _Kind | None:
    for kind in _KINDS:
        if data.startswith(kind.magic):
            # Zip entry names are stored in clear, so a .docx shows its main part by name.
            if kind.magic == b"PK\x03\x04" and b"word/document" in data:
                return _WORD_ZIP
            return kind
    return None


def _spaced(name: str) -> str:
    """Chinese typesetting puts a space between a Chinese character and a Latin word."""
    return f" {name}" if name[0].isascii() else name


def _refuse_disguised(data: bytes, extension: str) -> None:
    kind = _sniff(data)
    if extension == ".pdf":
        # Readers accept up to 1 KB of junk before the header, so the magic may come a little later.
        fits = b"%PDF-" in data[:1024]
    elif extension == ".docx":
        fits = kind is not None and kind.magic.startswith(b"PK")
    else:
        fits = kind is None
    if fits:
        return
    message = f"文件扩展名是 {extension}，但内容不是{_spaced(_FORMAT_NAMES[extension])}"
    if kind is not None:
        message += f"（像是{_spaced(kind.name)}）"
        if kind.advice:
            message += f"，{kind.advice}"
    raise ExtractError(message + "。")


############
# Encoding #
############

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters, surrogates, replacement characters and the supplementary private-use
# planes: what binary data turns into. (The BMP private-use area is left alone: GBK's
# user-defined characters decode there, and letters use a few of them for rare names.)
_GARBAGE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffd\U000f0000-\U0010ffff]")
_BINARY = "文件内容不是文字（像是二进制数据），请确认上传的是答复函本身。"


def _decode(data: bytes, declared: str | None = None) -> str:
    """Decode text bytes: BOM, then the declared charset, strict UTF-8, strict GB18030, a guess."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _refuse_garbage(data.decode(codec))
            except UnicodeDecodeError:
                raise ExtractError(_UNKNOWN_ENCODING) from None
    if b"\x00" in data:
        raise ExtractError(_BINARY)
    return _refuse_garbage(_decode_without_bom(data, declared))


def _decode_without_bom(data: bytes, declared: str | None) -> str:
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # pages declaring gb2312 while serving UTF-8 (and the reverse) are common
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        # A file cut short in the middle of its last character is still UTF-8.
        if error.reason == "unexpected end of data" and error.end == len(data):
            return data[: error.start].decode("utf-8", errors="replace")
    try:
        text = data.decode("gb18030")
        if not _looks_like_mojibake(text):
            return text
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few damaged bytes: keep it, the damage shows as U+FFFD where it was.
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= len(lenient) / 50:
        return lenient
    guess = charset_normalizer.from_bytes(data).best()
    if guess is None:
        raise ExtractError(_UNKNOWN_ENCODING)
    return str(guess)


def _looks_like_mojibake(text: str) -> bool:
    # GB18030 decodes almost any byte run, so UTF-8 or Big5 bytes come out as rare characters
    # (鍏充簬…); a real GBK letter keeps nearly all its characters inside GB2312.
    han = [char for char in text[:20000] if "\u4e00" <= char <= "\u9fff"]
    rare = 0
    for char in han:
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            rare += 1
    return bool(han) and rare > len(han) / 5


def _refuse_garbage(text: str) -> str:
    if len(_GARBAGE.findall(text)) > len(text) / 20:
        raise ExtractError(_BINARY)
    return text


#######
# TXT #
#######


def _txt_text(data: bytes) -> str:
    text = _decode(data)
    if not text.strip():
        raise ExtractError("文件为空（只有空格或空行）。")
    return text


########
# DOCX #
########

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_VAL = f"{_W}val"
# mc:Fallback repeats the text box of mc:Choice for old readers; w:del and w:moveFrom are
# tracked deletions. Reading them would print text twice or text the author took out.
_DOCX_SKIPPED = {
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    f"{_W}del",
    f"{_W}moveFrom",
    f"{_W}pPr",
    f"{_W}rPr",
}
_ZIP_MAX_TOTAL = 200 * 1024 * 1024
_ZIP_MAX_MEMBERS = 10_000
_ZIP_MAX_RATIO = 100
_ZIP_BIG_MEMBER = 10 * 1024 * 1024  # small parts (styles.xml) legitimately compress 100:1
_ZIP_BOMB = "文件解压后过大或压缩比异常（可能是“压缩炸弹”），为安全起见不予处理，请在 Word 中重新另存后再上传。"
# python-docx parses every XML part of the package into a tree, at about 170 bytes of memory per
# element: 16 MB of <w:p/> is 2.8 million elements, 500 MB. A letter's XML is well under a megabyte.
_ZIP_MAX_XML = 16 * 1024 * 1024
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OTHER_ZIPPED_FORMATS = {"xl/": "Excel 表格", "ppt/": "PowerPoint 演示文稿", "content.xml": "OpenDocument 文档"}


def _docx_text(data: bytes) -> str:
    _check_word_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # a broken package can fail anywhere inside python-docx or lxml
        raise ExtractError(_CORRUPT) from error
    numbers = _ListNumbers(document)
    text = "\n".join(_docx_blocks(document.element.body, numbers, _CharacterBudget()))
    if not text.strip():
        raise ExtractError("Word 文档里没有文字。")
    return text


def _check_word_package(data: bytes) -> None:
    """Refuse zip bombs and other zips before python-docx inflates every part into memory."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise ExtractError(_CORRUPT) from None
    total = sum(member.file_size for member in members)
    inflated = any(
        member.file_size > _ZIP_BIG_MEMBER and member.file_size > _ZIP_MAX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if len(members) > _ZIP_MAX_MEMBERS or total > _ZIP_MAX_TOTAL or inflated or _xml_size(data, members) > _ZIP_MAX_XML:
        raise ExtractError(_ZIP_BOMB)
    names = [member.filename for member in members]
    if "[Content_Types].xml" in names and any(name.startswith("word/") for name in names):
        return
    looks_like = next(
        (kind for prefix, kind in _OTHER_ZIPPED_FORMATS.items() if any(n.startswith(prefix) for n in names)), ""
    )
    raise ExtractError(
        f"文件扩展名是 .docx，但内容不是 Word 文档{f'（像是{_spaced(looks_like)}）' if looks_like else ''}。"
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
        raise ExtractError(_CORRUPT) from None
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


def _docx_blocks(container: etree._Element, numbers: _ListNumbers, budget: _CharacterBudget) -> Iterator[str]:
    """Paragraphs and table rows of a body or table cell, in reading order."""
    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            line = numbers.label(child) + _docx_paragraph(child)
            budget.spend(len(line) + 1)
            yield line
        elif child.tag == f"{_W}tbl":
            yield from _docx_table(child, numbers, budget)
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _docx_blocks(child, numbers, budget)  # content controls wrap whole paragraphs


def _docx_table(table: etree._Element, numbers: _ListNumbers, budget: _CharacterBudget) -> Iterator[str]:
    for row in table.iterchildren(f"{_W}tr"):
        cells = [
            [line.strip() for line in _docx_blocks(cell, numbers, budget) if line.strip()]
            for cell in row.iterchildren(f"{_W}tc")
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
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}p":  # a paragraph inside a text box
            parts.append("\n")
            _collect_runs(child, parts)
        elif tag not in _DOCX_SKIPPED:
            _collect_runs(child, parts)


@dataclass(frozen=True)
class _Level:
    start: int
    format: str
    text: str
    suffix: str
    legal: bool


class _ListNumbers:
    """Word's automatic list labels (一、 （一） 1.), which live in numbering.xml, not in the runs.

    Letters number their sections this way, and the parser finds sections by these labels.
    """

    def __init__(self, document: docx.document.Document) -> None:
        self._levels: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._style_numbering: dict[str, tuple[str, int]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._used: set[str] = set()
        try:
            numbering = document.part.numbering_part.element
            styles = document.styles.element
        except (KeyError, NotImplementedError, ValueError):
            return
        for abstract in numbering.iterchildren(f"{_W}abstractNum"):
            self._levels[abstract.get(f"{_W}abstractNumId")] = {
                _int(level.get(f"{_W}ilvl")): _read_level(level) for level in abstract.iterchildren(f"{_W}lvl")
            }
        for num in numbering.iterchildren(f"{_W}num"):
            abstract_id = _child_val(num, "abstractNumId")
            overrides = {
                _int(override.get(f"{_W}ilvl")): _list_start(_child_val(override, "startOverride"))
                for override in num.iterchildren(f"{_W}lvlOverride")
                if _child_val(override, "startOverride") is not None
            }
            if abstract_id is not None:
                self._nums[num.get(f"{_W}numId")] = (abstract_id, overrides)
        self._read_style_numbering(styles)

    def _read_style_numbering(self, styles: etree._Element) -> None:
        by_id = {style.get(f"{_W}styleId"): style for style in styles.iterchildren(f"{_W}style")}
        for style_id, style in by_id.items():
            for _ in range(10):  # follow basedOn, but never round a cycle
                num_pr = style.find(f"{_W}pPr/{_W}numPr")
                if num_pr is not None:
                    num_id = _child_val(num_pr, "numId")
                    if num_id:
                        self._style_numbering[style_id] = (num_id, _int(_child_val(num_pr, "ilvl")))
                    break
                style = by_id.get(_child_val(style, "basedOn"))
                if style is None:
                    break

    def label(self, paragraph: etree._Element) -> str:
        """The label Word shows before this paragraph; counts it, so call once per paragraph in order."""
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id, level_index = _child_val(num_pr, "numId"), _int(_child_val(num_pr, "ilvl"))
        else:
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            num_id, level_index = self._style_numbering.get(style.get(_W_VAL) if style is not None else None, (None, 0))
        if num_id not in self._nums:
            return ""  # numId 0 switches numbering off
        abstract_id, overrides = self._nums[num_id]
        levels = self._levels.get(abstract_id, {})
        level = levels.get(level_index)
        if level is None:
            return ""
        counts = self._counters.setdefault(abstract_id, {})
        # Lists sharing an abstract definition continue each other, unless a num restarts a level.
        if num_id not in self._used:
            self._used.add(num_id)
            for index, start in overrides.items():
                counts[index] = start - 1
        counts[level_index] = counts[level_index] + 1 if level_index in counts else level.start
        for deeper in [index for index in counts if index > level_index]:
            del counts[deeper]
        if level.format == "bullet":
            return ""  # bullet glyphs sit in symbol fonts and mean nothing as text

        def number(match: re.Match[str]) -> str:
            index = int(match[1]) - 1
            shown = levels.get(index, level)
            value = counts.get(index, shown.start)
            return _format_number(value, "decimal" if level.legal else shown.format)

        text = re.sub(r"%([1-9])", number, level.text)
        if not text or level.suffix == "nothing":
            return text
        # Word puts a tab after the label; after 、 or ） a space would only get in the way.
        return text + " " if text[-1].isalnum() else text


def _int(value: str | None) -> int:
    """An integer attribute; other programs write documents too, so a bad one counts as 0."""
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _child_val(element: etree._Element, name: str) -> str | None:
    child = element.find(f"{_W}{name}")
    return child.get(_W_VAL) if child is not None else None


# Word accepts list numbers from 0 to 32767. Far beyond, a label is a bomb: 10^8 in letters is
# "a" written 3.8 million times, and every later paragraph of the list counts on from there.
_MAX_LIST_NUMBER = 32767
_LIST_NUMBER_BOMB = (
    f"Word 文档的自动编号起始值超出范围（Word 最多为 {_MAX_LIST_NUMBER}），文件可能已损坏或被改动过，"
    "为安全起见不予处理。请在 Word 中检查编号后重新另存再上传。"
)


def _list_start(value: str | None) -> int:
    start = _int(value)
    if start > _MAX_LIST_NUMBER:
        raise ExtractError(_LIST_NUMBER_BOMB)
    return start


def _read_level(level: etree._Element) -> _Level:
    start = _child_val(level, "start")  # absent means 0, as the standard says
    return _Level(
        start=_list_start(start),
        format=_child_val(level, "numFmt") or "decimal",
        text=_child_val(level, "lvlText") or "",
        suffix=_child_val(level, "suff") or "tab",
        legal=level.find(f"{_W}isLgl") is not None,
    )


_CHINESE_DIGITS = "〇一二三四五六七八九"
_CAPITAL_DIGITS = str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰")
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _chinese_number(value: int) -> str:
    if not 0 < value < 1000:
        return str(value)
    hundreds, tens, ones = value // 100, value // 10 % 10, value % 10
    text = f"{_CHINESE_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else _CHINESE_DIGITS[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    return text + (_CHINESE_DIGITS[ones] if ones else "")


def _roman(value: int) -> str:
    if not 0 < value < 4000:
        return str(value)
    text = ""
    for amount, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, value = divmod(value, amount)
        text += letters * count
    return text


def _format_number(value: int, number_format: str) -> str:
    """One counter value in one of Word's numFmt styles; unknown styles fall back to 1, 2, 3."""
    if number_format in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return _chinese_number(value)
    if number_format == "chineseLegalSimplified":
        return _chinese_number(value).translate(_CAPITAL_DIGITS)
    if number_format == "ideographTraditional" and 0 < value <= 10:
        return _HEAVENLY_STEMS[value - 1]
    if number_format in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < value <= 20:
        return chr(0x2460 + value - 1)  # ①
    if number_format == "decimalEnclosedParen" and 0 < value <= 20:
        return chr(0x2474 + value - 1)  # ⑴
    if number_format == "decimalEnclosedFullstop" and 0 < value <= 20:
        return chr(0x2488 + value - 1)  # ⒈
    if number_format in ("decimalFullWidth", "decimalFullWidth2"):
        return str(value).translate(_FULL_WIDTH_DIGITS)
    if number_format == "decimalZero":
        return f"{value:02d}"
    if number_format in ("lowerLetter", "upperLetter") and value > 0:
        letter = "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26] * ((value - 1) // 26 + 1)
        return letter if number_format == "lowerLetter" else letter.upper()
    if number_format in ("lowerRoman", "upperRoman"):
        return _roman(value).lower() if number_format == "lowerRoman" else _roman(value)
    if number_format == "none":
        return ""
    return str(value)


#######
# PDF #
#######

# Chinese text has no spaces between words, and justified lines spread their characters out;
# pdfminer's default word_margin (0.1) would put a space into every such gap. Reading order is
# top to bottom (boxes_flow=None): letters are one column, and the hierarchical grouping puts a
# right-aligned signature or date above the paragraphs it follows. all_texts reads text drawn
# inside form XObjects, which some converters wrap every page in.
_PDF_LAYOUT = LAParams(
    line_overlap=0.5, char_margin=2.0, line_margin=0.5, word_margin=0.3, boxes_flow=None, all_texts=True
)
_CID = re.compile(r"\(cid:\d+\)")


@dataclass
class _PdfRow:
    x0: float
    x1: float
    bottom: float
    size: float
    text: str


def _pdf_text(data: bytes) -> str:
    # A PDF ends with %%EOF; without it the download was cut off and later pages are missing.
    if b"%%EOF" not in data[-8192:]:
        raise ExtractError("文件已损坏，无法读取：PDF 不完整（可能下载或复制时中断），请重新获取原文件。")
    try:
        pages = [_pdf_rows(page) for page in _pdf_layouts(data)]
    except ExtractError:
        raise
    except PDFPasswordIncorrect:
        raise ExtractError("这个 PDF 设有打开密码，请去掉密码后再上传。") from None
    except PDFEncryptionError:
        raise ExtractError("这个 PDF 已加密，无法读取，请去掉加密后再上传。") from None
    except Exception as error:  # malformed PDFs fail anywhere inside pdfminer
        raise ExtractError(_CORRUPT) from error
    if not pages:
        raise ExtractError(_CORRUPT)
    text = _pdf_paragraphs(pages)
    visible = re.sub(r"\s", "", text)
    unmapped = len(_CID.findall(visible))
    readable = len(_CID.sub("", visible))
    if unmapped > readable:
        raise ExtractError("这个 PDF 的文字无法提取（字体缺少编码信息），请上传 Word 文件或重新导出的 PDF。")
    # A scan often carries a few characters of text: page numbers, a scanner app's watermark.
    if readable < 20 * len(pages):
        raise ExtractError(_NO_TEXT_LAYER)
    # U+FFFD rather than □: □ is a real character in letters (an unticked 公开 box).
    return _CID.sub("\ufffd", text)


def _pdf_layouts(data: bytes) -> Iterator[LTItem]:
    """pdfminer's pages, laid out, within budgets of inflated bytes, pages and characters."""
    characters = _CharacterBudget()
    token = _PDF_INFLATE_BUDGET.set(_InflateBudget(_PDF_MAX_INFLATED))
    try:
        resources = PDFResourceManager()
        device = _BudgetedAggregator(resources, laparams=_PDF_LAYOUT, characters=characters)
        interpreter = PDFPageInterpreter(resources, device)
        for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), 1):
            if number > _PDF_MAX_PAGES:
                raise ExtractError(_PDF_TOO_MANY_PAGES)
            interpreter.process_page(page)
            yield device.get_result()
    finally:
        _PDF_INFLATE_BUDGET.reset(token)


class _BudgetedAggregator(PDFPageAggregator):
    """pdfminer's page aggregator, counting the characters it lays out and leaving out drawings.

    Only characters take part in text layout; lines and curves would only take memory (a page of a
    million path segments is a small compressed stream).
    """

    def __init__(self, *args, characters: _CharacterBudget, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._characters = characters

    def render_char(self, *args, **kwargs) -> float:
        self._characters.spend(1)
        return super().render_char(*args, **kwargs)

    def paint_path(self, *args, **kwargs) -> None:
        return None


# Compressed streams (page contents, fonts, object and cross-reference streams) are inflated by
# pdfminer in memory, whole: a 1 MB stream of zeros becomes 1 GB. Page images, the only large
# streams of a real letter, are never inflated for text; a fully embedded Chinese font is 10-20 MB.
_PDF_MAX_INFLATED = 100 * 1024 * 1024
_PDF_MAX_PAGES = 100
_PDF_TOO_MANY_PAGES = f"PDF 超过 {_PDF_MAX_PAGES} 页，不像一封答复函，为安全起见不予处理。请只上传答复函本身。"
_PDF_BOMB = (
    f"PDF 里的压缩内容解压后超过 {_PDF_MAX_INFLATED // 1024 // 1024} MB（可能是“压缩炸弹”），为安全起见不予处理，"
    "请重新导出 PDF 或上传 Word 文件。"
)


class _InflateBudget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise ExtractError(_PDF_BOMB)


# Set while this module reads a PDF; pdfminer used elsewhere in the process inflates as before.
_PDF_INFLATE_BUDGET: contextvars.ContextVar[_InflateBudget | None] = contextvars.ContextVar(
    "pdf_inflate_budget", default=None
)
_INFLATE_CHUNK = 1024 * 1024


def _inflate(data: bytes, *, damaged: bool = False) -> bytes:
    """zlib.decompress within the budget; ``damaged`` keeps what inflates before a bad checksum."""
    budget = _PDF_INFLATE_BUDGET.get()
    if budget is None:
        return _pdf_decompress_corrupted(data) if damaged else zlib.decompress(data)
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    for offset in range(0, len(data), _INFLATE_CHUNK):
        piece = data[offset : offset + _INFLATE_CHUNK]
        before, kept = inflater.copy(), len(parts)
        try:
            _inflate_piece(inflater, piece, parts, budget)
        except zlib.error:
            if not damaged:
                raise
            # As pdfminer's own fallback does, go again byte by byte to keep what precedes the damage.
            inflater, parts[kept:] = before, []
            for byte in range(len(piece)):
                try:
                    _inflate_piece(inflater, piece[byte : byte + 1], parts, budget)
                except zlib.error:
                    break
            break
        if inflater.eof:
            break
    if not inflater.eof and not damaged:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return b"".join(parts)


def _inflate_piece(inflater, piece: bytes, parts: list[bytes], budget: _InflateBudget) -> None:
    """Feed one piece of input, taking its output a megabyte at a time so the budget can stop it."""
    pending = piece
    while not inflater.eof:
        part = inflater.decompress(pending, _INFLATE_CHUNK)
        pending = inflater.unconsumed_tail
        if not part and not pending:
            return
        budget.spend(len(part))
        parts.append(part)


class _BudgetedZlib:
    """What pdfminer.pdftypes sees as ``zlib``: the real module, with decompress kept to the budget."""

    error = zlib.error

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, *args) -> bytes:
        return zlib.decompress(data, *args) if args else _inflate(data)


def _budgeted_lzwdecode(data: bytes) -> bytes:
    budget = _PDF_INFLATE_BUDGET.get()
    parts = []
    for part in lzw.LZWDecoder(io.BytesIO(data)).run():
        if budget is not None:
            budget.spend(len(part))
        parts.append(part)
    return b"".join(parts)


def _budgeted_rldecode(data: bytes) -> bytes:
    budget = _PDF_INFLATE_BUDGET.get()
    if budget is not None:
        budget.spend(len(data) * 128)  # a run-length byte pair expands at most 128 times; no letter uses it
    return _pdf_rldecode(data)


_pdf_decompress_corrupted, _pdf_rldecode = pdftypes.decompress_corrupted, pdftypes.rldecode
pdftypes.zlib = _BudgetedZlib()
pdftypes.decompress_corrupted = lambda data: _inflate(data, damaged=True)
pdftypes.lzwdecode = _budgeted_lzwdecode
pdftypes.rldecode = _budgeted_rldecode


def _pdf_lines(item: LTItem) -> Iterator[LTTextLine]:
    if isinstance(item, LTTextLine):
        yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from _pdf_lines(child)


def _pdf_rows(page: LTItem) -> list[_PdfRow]:
    """The page's text lines top to bottom; pieces on one baseline (table cells) become one row."""
    lines = sorted(
        (line for line in _pdf_lines(page) if line.get_text().strip()),
        key=lambda line: (-line.y1, line.x0),
    )
    rows: list[list[LTTextLine]] = []
    for line in lines:
        row = rows[-1] if rows else None
        if row and min(line.y1, row[0].y1) - max(line.y0, row[0].y0) > 0.5 * min(line.height, row[0].height):
            row.append(line)
        else:
            rows.append([line])
    return [
        _PdfRow(
            x0=min(line.x0 for line in row),
            x1=max(line.x1 for line in row),
            bottom=min(line.y0 for line in row),
            size=max(line.height for line in row),
            text="  ".join(line.get_text().strip() for line in sorted(row, key=lambda line: line.x0)),
        )
        for row in rows
    ]


def _pdf_paragraphs(pages: list[list[_PdfRow]]) -> str:
    """Keep every line break, and add a blank line where a paragraph visibly ends or begins.

    Chinese letters indent a paragraph's first line by two characters and fill every other line
    to the right margin, so an indented line starts a paragraph and a short line ends one.
    """
    parts: list[str] = []
    previous: _PdfRow | None = None
    previous_right = 0.0
    for rows in pages:
        if not rows:
            continue
        left, right = min(row.x0 for row in rows), max(row.x1 for row in rows)
        steps = [
            upper.bottom - lower.bottom
            for upper, lower in zip(rows, rows[1:], strict=False)
            if upper.bottom > lower.bottom
        ]
        pitch = statistics.median(steps) if steps else 0.0
        for index, row in enumerate(rows):
            if previous is not None:
                indented = row.x0 - left > 1.5 * row.size
                ended_short = previous_right - previous.x1 > 2 * previous.size
                spaced = index > 0 and pitch > 0 and previous.bottom - row.bottom > 1.6 * pitch
                parts.append("\n\n" if indented or ended_short or spaced else "\n")
            parts.append(row.text)
            previous, previous_right = row, right
    return "".join(parts)


########
# HTML #
########

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)|<\?xml[^>]+encoding\s*=\s*["']([-\w.:]+)""", re.I
)
# Government sites declare gb2312 and use characters outside it; WHATWG reads latin-1 as cp1252.
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "utf-16": "utf-8",  # a page can only declare UTF-16 if it had a BOM, which came first
    "unicode": "utf-8",
}
_HTML_NOISE = "script style noscript template iframe object embed svg select button head".split()
_CHROME_TAGS = {"nav", "header", "footer"}
# Class and id words of site chrome; "bottom" and "top" only as a whole name, since
# "content-bottom" may still hold the signature.
_CHROME_PARTS = {"nav", "navbar", "menu", "footer", "copyright", "breadcrumb", "crumb", "crumbs", "sidebar", "share"}
_CHROME_NAMES = {"bottom", "foot", "top", "head", "header"}
# Body containers of the CMSes behind Chinese government sites (TRS WCM, 政务公开 templates …).
_ARTICLE_NAMES = re.compile(
    r"zoom|content|article|trs_editor|custom_unionstyle|xxgk|view|detail|main-?text|zhengwen", re.I
)
# The 政务公开 metadata table; the parser reads 成文日期 and 发文字号 from it.
_METADATA_LABELS = ("成文日期", "发文字号", "索引号")
# Titles of this genre; a site's logo in <h1> has none of these words.
_TITLE_WORDS = re.compile(r"答复|函|建议|提案|议案")
_HAN = re.compile(r"[\u3400-\u9fff]")
_PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCK_TAGS = set(
    "address article aside blockquote body caption center dd div dl dt figcaption figure footer form header hr"
    " html li main nav ol pre section table tbody tfoot thead ul".split()
)
# Placeholders stand for layout until whitespace has been collapsed: the two spaces
# between table cells, and the edges of blocks and paragraphs, which merge when they meet.
# Unicode noncharacters, not private-use ones: sites map their self-made characters (造字) to U+E000….
_CELL_GAP, _BLOCK_BREAK, _PARAGRAPH_BREAK = "\ufdd0", "\ufdd1", "\ufdd2"
_BREAKS = re.compile(r"[^\S\n]*(?:[\n\ufdd1\ufdd2][^\S\n]*)+")


# A government page has a few thousand elements, nested a few dozen deep. Every element costs
# BeautifulSoup about a kilobyte, and the renderer below recurses once per level.
_HTML_MAX_TAGS = 100_000
_HTML_MAX_DEPTH = 200
_HTML_TOO_BIG = (
    f"网页的标签超过 {_HTML_MAX_TAGS // 10000} 万个，不像一封答复函，为安全起见不予处理。请只上传答复函本身。"
)
_HTML_TOO_DEEP = (
    f"网页的标签嵌套超过 {_HTML_MAX_DEPTH} 层，无法读取，为安全起见不予处理。请把答复函另存为 Word 或文本文件后再上传。"
)


def _html_text(data: bytes) -> str:
    if data.count(b"<") > _HTML_MAX_TAGS:  # before parsing: an upper bound on the elements
        raise ExtractError(_HTML_TOO_BIG)
    soup = BeautifulSoup(_decode(data, declared=_declared_charset(data)), "lxml")
    if _depth(soup) > _HTML_MAX_DEPTH:
        raise ExtractError(_HTML_TOO_DEEP)
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_HTML_NOISE):
        if not tag.decomposed:
            tag.decompose()
    for form in soup.find_all("form"):
        # ASP.NET sites wrap the whole page in one <form>: only a small form is a search box.
        if form.decomposed:
            continue
        if _han_count(form) >= 200:
            form.unwrap()
        else:
            form.decompose()
    for tag in soup.find_all(_is_chrome):
        if not tag.decomposed and _own_han_count(tag) < 200 and not _has_metadata(tag):
            tag.decompose()
    body = soup.body or soup
    root = _article(body)
    text = _render(root)
    if root is not body:
        text = "\n\n".join(_context_above(soup, root, page_title, text) + [text])
    if not text.strip():
        raise ExtractError("网页里没有找到文字。")
    return text


def _depth(root: Tag) -> int:
    """How deep elements nest below ``root``, counted without recursion."""
    deepest, stack = 0, [(root, 0)]
    while stack:
        tag, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in tag.contents if isinstance(child, Tag))
    return deepest


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = (match[1] or match[2]).decode("ascii", "replace").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _is_chrome(tag: Tag) -> bool:
    if tag.name in _CHROME_TAGS:
        return True
    names = [name.lower() for name in tag.get_attribute_list("class") + tag.get_attribute_list("id") if name]
    return any(name in _CHROME_NAMES or _CHROME_PARTS.intersection(re.split(r"[-_]", name)) for name in names)


def _han_count(tag: Tag) -> int:
    return len(_HAN.findall(tag.get_text()))


def _own_han_count(tag: Tag) -> int:
    """Chinese characters outside links: link lists are menus, related articles, 上一篇/下一篇."""
    return _han_count(tag) - sum(_han_count(link) for link in tag.find_all("a"))


def _has_metadata(tag: Tag) -> bool:
    text = tag.get_text()
    return any(label in text for label in _METADATA_LABELS)


def _article(body: Tag) -> Tag:
    """The CMS container holding the most Chinese text outside links, else the whole body."""
    candidates = [
        tag
        for tag in body.find_all(True)
        if _ARTICLE_NAMES.search(" ".join(filter(None, tag.get_attribute_list("class") + tag.get_attribute_list("id"))))
    ]
    if not candidates:
        return body
    best = max(candidates, key=lambda tag: (_own_han_count(tag), len(list(tag.parents))))
    # A small "content" box beside a letter that sits in no named container is not the article.
    return best if _own_han_count(best) >= _own_han_count(body) / 2 else body


def _context_above(soup: BeautifulSoup, root: Tag, page_title: str, text: str) -> list[str]:
    """The metadata table and the letter's title when the article container leaves them out."""
    context: list[str] = []
    tables = [
        tag
        for tag in soup.find_all(["table", "ul", "dl", "div"])
        if _has_metadata(tag) and root not in tag.parents and tag not in root.parents and len(tag.get_text()) < 1500
    ]
    if tables:
        best = max(
            tables, key=lambda tag: (sum(label in tag.get_text() for label in _METADATA_LABELS), -len(tag.get_text()))
        )
        context.append(_render(best))
    heading = root.find_previous("h1")
    title = heading.get_text(" ", strip=True) if heading is not None and _TITLE_WORDS.search(heading.get_text()) else ""
    if not title:
        # "<letter title>_<site name>": keep the part that names a letter.
        parts = [part.strip() for part in re.split(r"[_|｜]|\s[-—－]+\s|——", page_title)]
        title = max((part for part in parts if _TITLE_WORDS.search(part)), key=len, default="")
    seen = re.sub(r"\s", "", "".join(context) + text)
    if title and re.sub(r"\s", "", title) not in seen:
        context.append(title)
    return context


def _render(root: Tag) -> str:
    parts: list[str] = []
    _render_into(root, parts)
    text = _BREAKS.sub(_line_break, "".join(parts))
    lines = (re.sub(r"\s+", " ", line).strip(" " + _CELL_GAP) for line in text.split("\n"))
    return "\n".join(re.sub(f" ?{_CELL_GAP}+ ?", "  ", line) for line in lines)


def _line_break(run: re.Match[str]) -> str:
    # Nested blocks give one line break, as in a browser; a <p> or two <br> in a row give a blank line.
    return "\n\n" if _PARAGRAPH_BREAK in run[0] or run[0].count("\n") > 1 else "\n"


def _render_into(node: Tag, parts: list[str]) -> None:
    """Text as a browser lays it out: blocks on their own lines, paragraphs apart, rows on one line."""
    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):  # comments, doctype, CDATA
                parts.append(re.sub(r"[ \t\r\n\f]+", " ", str(child)))
        elif child.name == "br":
            parts.append("\n")
        elif child.name == "tr":
            parts.append(f"{_BLOCK_BREAK}{_render_row(child)}{_BLOCK_BREAK}")
        elif child.name in _PARAGRAPH_TAGS:
            parts.append(_PARAGRAPH_BREAK)
            _render_into(child, parts)
            parts.append(_PARAGRAPH_BREAK)
        elif child.name in _BLOCK_TAGS:
            parts.append(_BLOCK_BREAK)
            _render_into(child, parts)
            parts.append(_BLOCK_BREAK)
        else:
            _render_into(child, parts)


def _render_row(row: Tag) -> str:
    cells = [
        text for text in (_render(cell).strip("\n") for cell in row.find_all(["td", "th"], recursive=False)) if text
    ]
    if all("\n" not in text for text in cells):
        return _CELL_GAP.join(cells)
    # A layout table with the whole article in one cell: keep the cell's lines and paragraphs.
    return "\n\n".join(cells)
