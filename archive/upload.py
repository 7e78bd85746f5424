"""The clerk's upload: pasted text in, a draft reply out; what one letter's saving came to (``outcome_of``).

Files and zip batches are read in the background (``uploads``), each letter in its own transaction by
``ingest``, so one bad file among ten leaves the other nine saved and nothing of itself behind. Whatever
goes wrong with one letter, foreseen or not, becomes that letter's outcome: the clerk is told in Chinese,
the error is logged, and the letters after it are still read.
"""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from archive.extract import FORMATS, Extracted, ExtractError, Source
from archive.ingest import DuplicateReply, import_text
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
    return outcome_of(
        PASTED_NAME, lambda: import_text(text.strip(), original_name=PASTED_NAME, uploaded_by=user, place=place,
                                         provenance=Extracted(text.strip(), Source.PASTED)),
    )


def outcome_of(name: str, save) -> Outcome:
    """Run ``save`` (one letter's import) and say what came of it; never raises."""
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
