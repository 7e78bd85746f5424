"""Bytes of a text file or a web page → characters: BOMs, declared charsets, UTF-8, GB18030, a guess.

Binary data and mojibake are refused with a Chinese sentence rather than read as a letter.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from archive.extract.budgets import ExtractError

_UNKNOWN_ENCODING = "无法识别文件编码，请另存为 UTF-8 或 GB18030 后再上传。"
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


def decode(data: bytes, declared: str | None = None) -> str:
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


def declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = (match[1] or match[2]).decode("ascii", "replace").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
