"""Keeping each reply's stored topic keywords (``archive.text_analysis.extract_keywords``) up to date."""

from archive.text_analysis import extract_keywords


def refresh_keywords(replies, *, dry_run: bool = False) -> int:
    """Extract the keywords of these replies again and store those that changed; returns how many changed."""
    changed = 0
    for reply in replies.select_related("proposal").only("pk", "keywords", "body_text", "proposal__title").iterator():
        words = extract_keywords(reply.proposal.title, reply.body_text)
        if words != reply.keywords:
            changed += 1
            if not dry_run:
                # save() queues the reply for the index, whose keywords field finds related replies.
                reply.keywords = words
                reply.save(update_fields=["keywords"])
    return changed
