"""A zip of letters (a session's replies, a folder a clerk zipped): its members, one at a time, each with its own fate.

The whole zip is refused (``ExtractError``) when it is damaged, holds more than BATCH_MAX_MEMBERS files or
would inflate past BATCH_MAX_TOTAL. Otherwise every member comes out as a ``Member``: its bytes to be read
as a letter, or the reason it will not be (too large, a zip bomb, a zip inside the zip, damaged, a
password). Members are inflated one at a time, so memory holds one letter, not the batch. Names are
only shown, never used as paths: "../" and drive letters are dropped, and the GBK names of zips made
on Chinese Windows are decoded as such.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from archive.extract.budgets import CORRUPT, ExtractError, refuse_oversized, size_label
from archive.extract.zip_guards import inflates_suspiciously, zip_members

BATCH_MAX_MEMBERS = 200
BATCH_MAX_TOTAL = 200 * 1024 * 1024
_NESTED = (".zip", ".rar", ".7z", ".gz", ".tar", ".tgz")
# What operating systems and Office leave in folders: resource forks, thumbnails, Word's lock files.
_JUNK_FOLDERS = ("__MACOSX",)  # compared with a path's first part
_JUNK_NAMES = (".DS_Store", "Thumbs.db", "desktop.ini")
_BOMB = "这个文件解压后过大或压缩比异常（可能是“压缩炸弹”），为安全起见不予处理。"
_NESTED_REFUSED = "压缩包里的压缩包不予处理，请解压后单独上传。"
_ENCRYPTED = "压缩包里的这个文件设有密码，无法读取，请去掉密码后再上传。"


@dataclass(frozen=True)
class Member:
    name: str  # its path in the zip, made harmless, for showing: "2024年/答复01.docx"
    data: bytes = b""
    error: str = ""  # why it will not be read, in Chinese; "" when ``data`` is to be read


def read(data: bytes) -> str:
    raise ExtractError(
        "这是装有多份文件的压缩包，请在上传页面上传或用 import_replies 导入：每份文件分别读取、分别保存。"
    )


def members(data: bytes, *, max_bytes: int) -> Iterator[Member]:
    """The batch's letters; raises ExtractError at once (before any member) when the whole zip is refused."""
    files = [member for member in zip_members(data) if not member.is_dir() and not _is_junk(member)]
    if len(files) > BATCH_MAX_MEMBERS:
        raise ExtractError(f"压缩包里的文件超过 {BATCH_MAX_MEMBERS} 份，请分成几个压缩包上传。")
    if sum(member.file_size for member in files) > BATCH_MAX_TOTAL:
        raise ExtractError(
            f"压缩包解压后超过 {size_label(BATCH_MAX_TOTAL)}（可能是“压缩炸弹”），为安全起见不予处理，请分批上传。"
        )
    return _members(zipfile.ZipFile(io.BytesIO(data)), files, max_bytes)


def _members(package: zipfile.ZipFile, files: list[zipfile.ZipInfo], max_bytes: int) -> Iterator[Member]:
    for member in files:
        name = shown_name(member)
        error = _refusal(member, name, max_bytes)
        if error:
            yield Member(name, error=error)
            continue
        try:
            yield Member(name, data=package.read(member))
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
            yield Member(name, error=CORRUPT)


def _refusal(member: zipfile.ZipInfo, name: str, max_bytes: int) -> str:
    if PurePath(name).suffix.lower() in _NESTED:
        return _NESTED_REFUSED
    if member.flag_bits & 0x1:
        return _ENCRYPTED
    try:
        refuse_oversized(member.file_size, max_bytes)
    except ExtractError as error:
        return str(error)
    return _BOMB if inflates_suspiciously(member) else ""


def shown_name(member: zipfile.ZipInfo) -> str:
    """The member's path as its maker wrote it, without the parts that could climb out of a folder."""
    name = member.filename
    if not member.flag_bits & 0x800:
        # No UTF-8 flag: zipfile read the bytes as cp437; Chinese Windows wrote them in GBK.
        raw = name.encode("cp437", errors="replace")
        for encoding in ("utf-8", "gb18030"):
            try:
                name = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".", "..")]
    parts = [part.split(":")[-1] for part in parts]  # C:foo on Windows
    return "/".join(part for part in parts if part) or "（无名文件）"


def _is_junk(member: zipfile.ZipInfo) -> bool:
    path = PurePath(member.filename.replace("\\", "/"))
    return path.parts[:1] == _JUNK_FOLDERS or path.name in _JUNK_NAMES or path.name.startswith("~$")
