"""The clerk's upload: files or pasted text in, draft replies out, one outcome per letter.

Each letter is saved in its own transaction by ``ingest.import_text``, so one bad file among
ten leaves the other nine saved and nothing of itself behind.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

from archive.extract import ExtractError, extract_text, refuse_oversized
from archive.ingest import DuplicateReply, import_text
from archive.models import Reply

PASTED_NAME = "粘贴的文字"


@dataclass(frozen=True)
class Outcome:
    name: str  # the file name, or PASTED_NAME
    reply: Reply | None = None  # the saved draft
    error: str = ""  # why nothing was saved, in Chinese
    existing: Reply | None = None  # the archived reply this one duplicates

    @property
    def saved(self) -> bool:
        return self.reply is not None


def upload_file(uploaded, *, user) -> Outcome:
    """Save one uploaded file as a draft, or say in Chinese why not."""
    limit = settings.ARCHIVE_MAX_UPLOAD_BYTES
    try:
        refuse_oversized(uploaded.size, limit)  # before the file is read into memory
        data = uploaded.read()
        text = extract_text(data, uploaded.name, max_bytes=limit)
    except ExtractError as error:
        return Outcome(uploaded.name, error=str(error))
    return _save(uploaded.name, text, original=data, user=user)


def upload_text(text: str, *, user) -> Outcome:
    """Save pasted text as a draft; with no file, the raw text is what is kept."""
    return _save(PASTED_NAME, text.strip(), original=None, user=user)


def _save(name: str, text: str, *, original: bytes | None, user) -> Outcome:
    try:
        result = import_text(text, original=original, original_name=name, uploaded_by=user)
    except DuplicateReply as duplicate:
        return Outcome(name, error=duplicate.messages[0], existing=duplicate.existing)
    except ValidationError as error:
        return Outcome(name, error="；".join(error.messages))
    return Outcome(name, reply=result.reply)
