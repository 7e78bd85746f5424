"""The clerk's upload: files, zip batches of files or pasted text in, draft replies out, one outcome per letter.

Each letter is saved in its own transaction by ``ingest.import_text``, so one bad file among
ten leaves the other nine saved and nothing of itself behind; the letters of a zip are files like any
other (``extract.batch_members``). Whatever goes wrong with one file,
foreseen or not, becomes that file's outcome: the clerk is told in Chinese, the error is logged,
and the files after it are still read.
"""

import logging
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError

from archive.extract import FORMATS, ExtractError, batch_members, is_batch, refuse_oversized
from archive.ingest import DuplicateReply, import_file, import_text
from archive.models import Reply
from archive.places import Division

PASTED_NAME = "粘贴的文字"
UNEXPECTED_ERROR = "处理这个文件时出现意外错误，未保存。其他文件不受影响；请稍后重试，如仍出错请把文件交给系统管理员。"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    name: str  # the file name, or PASTED_NAME
    reply: Reply | None = None  # the saved draft
    error: str = ""  # why nothing was saved, in Chinese
    existing: Reply | None = None  # the archived reply this one duplicates

    @property
    def saved(self) -> bool:
        return self.reply is not None


def upload_file(uploaded, *, user, place: Division | None = None) -> Outcome:
    """Save one uploaded file as a draft, or say in Chinese why not."""
    def save():
        refuse_oversized(uploaded.size, settings.ARCHIVE_MAX_UPLOAD_BYTES)  # before the file is read into memory
        return import_file(uploaded.read(), uploaded.name, uploaded_by=user, place=place)

    return _outcome(uploaded.name, save)


def upload_files(files, *, user, place: Division | None = None) -> list[Outcome]:
    """Save each uploaded file, and each letter of an uploaded zip, as a draft: an outcome for every letter."""
    outcomes: list[Outcome] = []
    for uploaded in files:
        if is_batch(uploaded.name):
            outcomes.extend(_batch_outcomes(uploaded, user=user, place=place))
        else:
            outcomes.append(upload_file(uploaded, user=user, place=place))
    return outcomes


def _batch_outcomes(uploaded, *, user, place: Division | None) -> list[Outcome]:
    """One outcome per letter of the zip ("批次.zip › 答复01.docx"), or one for the zip when it is refused whole."""
    max_bytes = settings.ARCHIVE_MAX_UPLOAD_BYTES
    try:
        refuse_oversized(uploaded.size, max_bytes)
        members = batch_members(uploaded.read(), uploaded.name, max_bytes=max_bytes)
    except ExtractError as error:
        return [Outcome(uploaded.name, error=str(error))]
    return [
        Outcome(f"{uploaded.name} › {member.name}", error=member.error) if member.error else _outcome(
            f"{uploaded.name} › {member.name}",
            partial(import_file, member.data, member.name, uploaded_by=user, place=place),
        )
        for member in members
    ]


@dataclass(frozen=True)
class FormatLine:
    """A format as the upload page lists it."""

    name: str
    extensions: str  # ".html、.htm"
    limits: str
    unavailable: str  # why this server cannot read it now; "" when it can


def format_lines() -> list[FormatLine]:
    return [
        FormatLine(entry.name, "、".join(entry.extensions), entry.limits, entry.unavailable()) for entry in FORMATS
    ]


def upload_text(text: str, *, user, place: Division | None = None) -> Outcome:
    """Save pasted text as a draft; with no file, the raw text is what is kept."""
    return _outcome(
        PASTED_NAME, lambda: import_text(text.strip(), original_name=PASTED_NAME, uploaded_by=user, place=place)
    )


def _outcome(name: str, save) -> Outcome:
    try:
        result = save()
    except DuplicateReply as duplicate:
        return Outcome(name, error=duplicate.messages[0], existing=duplicate.existing)
    except ExtractError as error:
        return Outcome(name, error=str(error))
    except ValidationError as error:
        return Outcome(name, error="；".join(error.messages))
    except Exception:  # a bug, a database error, memory: this file's outcome, not the whole upload's
        logger.exception("Upload of %r failed unexpectedly", name)
        return Outcome(name, error=UNEXPECTED_ERROR)
    return Outcome(name, reply=result.reply)
