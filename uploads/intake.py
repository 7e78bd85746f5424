"""The request's part of an upload: every file, and every letter of a zip, becomes a queued row at once.

Nothing is read here beyond what decides whether there is anything to queue — a file's size, a zip's
members and their guards (``archive.extract.batch_members``) — so the clerk gets an answer in a moment,
whatever the worker will need. The rows, their stored files and their messages are saved in one
transaction: an error leaves none of them. A refusal known now is a row 未能读取 with its reason.
"""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from archive.extract import ExtractError, batch_members, is_batch, refuse_oversized
from archive.ingest import KeepUnlessRolledBack, original_file_name
from archive.places import Division
from uploads import queue
from uploads.models import Upload


@transaction.atomic
def accept(files, *, user, place: Division | None = None) -> list[Upload]:
    """Queue each uploaded file, and each letter of an uploaded zip; the rows, in the order given."""
    rows: list[Upload] = []
    for uploaded in files:
        if is_batch(uploaded.name):
            rows.extend(_accept_batch(uploaded, user=user, place=place))
        else:
            rows.append(_accept_file(uploaded, user=user, place=place))
    return rows


def _accept_file(uploaded, *, user, place: Division | None) -> Upload:
    try:
        refuse_oversized(uploaded.size, settings.ARCHIVE_MAX_UPLOAD_BYTES)  # before the file is read into memory
    except ExtractError as error:
        return _refused(uploaded.name, str(error), user=user)
    return _queued(uploaded.name, uploaded.name, uploaded.read(), user=user, place=place)


def _accept_batch(uploaded, *, user, place: Division | None) -> list[Upload]:
    """A row per letter of the zip ("批次.zip › 答复01.docx"), or one for the zip when it is refused whole."""
    max_bytes = settings.ARCHIVE_MAX_UPLOAD_BYTES
    try:
        refuse_oversized(uploaded.size, max_bytes)
        members = batch_members(uploaded.read(), uploaded.name, max_bytes=max_bytes)  # checks the whole zip now
    except ExtractError as error:
        return [_refused(uploaded.name, str(error), user=user)]
    rows = []
    for member in members:  # each member's bytes go to disk and are let go before the next is inflated
        shown = f"{uploaded.name} › {member.name}"
        if member.error:
            rows.append(_refused(shown, member.error, user=user))
        else:
            rows.append(_queued(shown, member.name, member.data, user=user, place=place))
    return rows


def _queued(shown: str, filename: str, data: bytes, *, user, place: Division | None) -> Upload:
    row = Upload(name=shown[:500], filename=original_file_name(filename), uploaded_by=user,
                 place_code=place.code if place else "")
    row.file.save(row.filename, ContentFile(data), save=False)
    transaction.on_commit(KeepUnlessRolledBack(row.file.storage, row.file.name))
    row.save()
    queue.enqueue(row.pk)
    return row


def _refused(shown: str, error: str, *, user) -> Upload:
    return Upload.objects.create(name=shown[:500], filename=original_file_name(shown), uploaded_by=user,
                                 state=Upload.State.FAILED, error=error)
