"""What the record's pages take from the search side, without the record importing its index.

The search app registers its answers when Django loads it (``search.apps``): the replies related to
one, and a number that grows with every change to a reply or what it is made of (the search queue's
newest row), which keys the home page's cached overview. Without a search app the pages still serve:
no related replies, and an overview computed afresh each hour.
"""

from collections.abc import Callable


def _no_related(reply, limit: int = 5) -> list:
    return []


def _no_change_counter() -> int:
    return 0


related_replies: Callable[..., list] = _no_related
last_change_id: Callable[[], int] = _no_change_counter


def register(*, related: Callable[..., list], change_counter: Callable[[], int]) -> None:
    global related_replies, last_change_id
    related_replies, last_change_id = related, change_counter
