"""What a file is by its bytes, whatever its name says: for "the extension says X but it is not X"."""

from __future__ import annotations

from dataclasses import dataclass

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with members, an empty zip
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: Word 97-2003, WPS, encrypted Office
# Stream names sit in the compound file's directory in UTF-16: the text of a Word 97-2003 document
# (and of a .wps, which WPS Office writes in the same binary format) is in the stream "WordDocument".
_WORD_STREAM = "WordDocument".encode("utf-16-le")


@dataclass(frozen=True)
class Kind:
    magic: bytes
    name: str
    advice: str = ""


_SCAN_ADVICE = "扫描件请先做文字识别，或上传带文字的 PDF 或 Word 文件"

# What a clerk's "letter" turns out to be when it is not one: another format renamed, a scan,
# an archive or a program. Checked on every upload, whatever the extension claims.
_KINDS = (
    Kind(b"%PDF-", "PDF 文件", "请把扩展名改为 .pdf 后再上传"),
    Kind(b"PK\x03\x04", "压缩包或 Office 文件"),
    Kind(b"PK\x05\x06", "压缩包"),
    Kind(OLE_MAGIC, "旧版 Office 文档或加密的 Word 文档", "请在 Word 中“另存为” .docx（不设密码）后再上传"),
    Kind(b"{\\rtf", "RTF 文档", "请在 Word 中“另存为” .docx 后再上传"),
    Kind(b"MZ", "Windows 程序"),
    Kind(b"\x7fELF", "程序"),
    Kind(b"\x89PNG\r\n\x1a\n", "PNG 图片", _SCAN_ADVICE),
    Kind(b"\xff\xd8\xff", "JPEG 图片", _SCAN_ADVICE),
    Kind(b"GIF87a", "GIF 图片", _SCAN_ADVICE),
    Kind(b"GIF89a", "GIF 图片", _SCAN_ADVICE),
    Kind(b"II*\x00", "TIFF 图片", _SCAN_ADVICE),
    Kind(b"MM\x00*", "TIFF 图片", _SCAN_ADVICE),
    Kind(b"Rar!\x1a\x07", "RAR 压缩包"),
    Kind(b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    Kind(b"\x1f\x8b", "gzip 压缩包"),
)
_WORD_ZIP = Kind(b"PK\x03\x04", "Word 文档（.docx）", "请把扩展名改为 .docx 后再上传")
_OFD_ZIP = Kind(b"PK\x03\x04", "OFD 文件", "请把扩展名改为 .ofd 后再上传")
_WORD_BINARY = Kind(OLE_MAGIC, "Word 97-2003 文档（.doc）", "请把扩展名改为 .doc 后再上传")


def sniff(data: bytes) -> Kind | None:
    for kind in _KINDS:
        if data.startswith(kind.magic):
            # Zip entry names are stored in clear, so a .docx shows its main part by name, an .ofd its root.
            if kind.magic == b"PK\x03\x04" and b"word/document" in data:
                return _WORD_ZIP
            if kind.magic == b"PK\x03\x04" and b"OFD.xml" in data:
                return _OFD_ZIP
            if kind.magic == OLE_MAGIC and is_word_binary(data):
                return _WORD_BINARY
            return kind
    return None


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


def is_word_binary(data: bytes) -> bool:
    """An OLE compound file holding a Word 97-2003 document (.doc, or a .wps of WPS Office)."""
    return data.startswith(OLE_MAGIC) and _WORD_STREAM in data


def is_text(data: bytes) -> bool:
    """Nothing known by its first bytes: text, or a page, to be decoded."""
    return sniff(data) is None


def spaced(name: str) -> str:
    """Chinese typesetting puts a space between a Chinese character and a Latin word."""
    return f" {name}" if name[0].isascii() else name


def disguise_message(data: bytes, extension: str, format_name: str) -> str:
    """The sentence for a file whose bytes are not the format its extension names."""
    kind = sniff(data)
    message = f"文件扩展名是 {extension}，但内容不是{spaced(format_name)}"
    if kind is not None:
        message += f"（像是{spaced(kind.name)}）"
        if kind.advice:
            message += f"，{kind.advice}"
    return message + "。"
