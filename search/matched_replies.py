"""The replies of a search's ids, read back from the database in the search's order (exports, feeds).

Read through ``Reply.objects.public()``: an index that has not yet heard of a withdrawal can name a reply,
but never put it in a file or a feed. Read in chunks, so 10,000 ids never become one query or one list.
"""

from collections.abc import Iterator

from django.db.models import QuerySet

CHUNK = 500  # ids a query: well under SQLite's bound variables, and a few MB of rows


def public_chunks(replies: QuerySet, ids: list[int], chunk: int = CHUNK) -> Iterator[list]:
    """The public replies of ``replies`` whose pks are ``ids``, in the order of ``ids``, a list a query;
    hidden ones are skipped."""
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        by_pk = {reply.pk: reply for reply in replies.public().filter(pk__in=part)}
        yield [by_pk[pk] for pk in part if pk in by_pk]
