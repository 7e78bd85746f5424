"""Guards for formats that are zips (.docx, .ofd, batches): refuse zip bombs before anything is inflated.

A zip's directory says how large each member inflates to; Python's zipfile never yields more than
that, so checking the directory bounds the work.
"""

from __future__ import annotations

import io
import zipfile

from archive.extract.budgets import CORRUPT, ExtractError

ZIP_MAX_TOTAL = 200 * 1024 * 1024
ZIP_MAX_MEMBERS = 10_000
_ZIP_MAX_RATIO = 100
_ZIP_BIG_MEMBER = 10 * 1024 * 1024  # small parts (styles.xml) legitimately compress 100:1


def zip_members(data: bytes) -> list[zipfile.ZipInfo]:
    """The zip's directory, or ExtractError when it is damaged."""
    try:
        return zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise ExtractError(CORRUPT) from None


def inflates_suspiciously(member: zipfile.ZipInfo) -> bool:
    """A large member compressed far beyond what documents compress to."""
    return member.file_size > _ZIP_BIG_MEMBER and member.file_size > _ZIP_MAX_RATIO * max(member.compress_size, 1)


def is_bomb(members: list[zipfile.ZipInfo]) -> bool:
    total = sum(member.file_size for member in members)
    return len(members) > ZIP_MAX_MEMBERS or total > ZIP_MAX_TOTAL or any(map(inflates_suspiciously, members))
