"""What the public gets of a reply's uploaded original: a masked copy, the file as it is, or nothing.

A Word, text or web-page original is always served masked (``archive.original_masking``). One that cannot
be masked — a PDF, a scan, a file the masking refuses — is served as it is only when the clerk chose 公开
(``Reply.original_public``), or left it on 自动 and the letter holds no personal mobile or ID number. 不公开
keeps any original off the site. The download is named after the reply, never after the clerk's file.
Whether the reply itself is public is the caller's question (``Reply.objects.public()``).
"""

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import PurePath

from archive.original_masking import CannotMask, can_mask, mask_original
from archive.privacy import holds_personal_number


class Door(Enum):
    """What the public pages do with a reply's original; the value tells the clerk."""

    NONE = "没有上传原始文件。"
    MASKED = "遮盖个人手机号和身份证号后提供下载。"
    AS_IS = "原样提供下载（这种格式无法遮盖号码）。"
    WITHHELD = "不提供下载（已选“不公开”）。"
    PERSONAL = "不提供下载：这种格式无法遮盖号码，而答复中有个人手机号或身份证号。核对后确可公开的，请选“公开”。"


@dataclass(frozen=True)
class Download:
    data: bytes
    filename: str
    content_type: str | None  # None: guessed from the file name


# Masked copies of text and web pages are UTF-8 whatever the original's encoding was.
_MASKED_TYPES = {".txt": "text/plain; charset=utf-8", ".html": "text/html; charset=utf-8",
                 ".htm": "text/html; charset=utf-8"}
# Characters Windows refuses in a file name, and spaces, which browsers turn into odd names.
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


def door(reply) -> Door:
    """What the public pages do with this reply's original, were the reply public."""
    if not reply.original:
        return Door.NONE
    if reply.original_public is False:
        return Door.WITHHELD
    if can_mask(reply.original.name):
        return Door.MASKED
    return Door.AS_IS if _may_serve_as_is(reply) else Door.PERSONAL


def offers_original(reply) -> bool:
    """Whether the reply page links the original."""
    return door(reply) in (Door.MASKED, Door.AS_IS)


def public_original(reply) -> Download | None:
    """The file the public may download, or None when there is none for them."""
    if not offers_original(reply):
        return None
    name = reply.original.name
    with reply.original.open("rb") as file:
        data = file.read()
    filename = download_name(reply, name)
    if can_mask(name):
        try:
            return Download(mask_original(data, name), filename, _MASKED_TYPES.get(PurePath(name).suffix.lower()))
        except CannotMask:
            if not _may_serve_as_is(reply):
                return None
    return Download(data, filename, None)


def download_name(reply, original_name: str) -> str:
    """资阳市教育和体育局_第0070号_2024-06-12.docx: the agency, the proposal's number, the date, the file's kind."""
    parts = [reply.agency.name if reply.agency_id else "答复"]
    if reply.proposal.number:
        parts.append(f"第{reply.proposal.number}号")
    if reply.date:
        parts.append(reply.date.isoformat())
    return _UNSAFE_IN_NAMES.sub("_", "_".join(parts)) + PurePath(original_name).suffix.lower()


def _may_serve_as_is(reply) -> bool:
    if reply.original_public is not None:
        return reply.original_public
    return not holds_personal_number(f"{reply.body_text}\n{reply.contact_phone}")
