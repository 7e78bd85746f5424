"""Parse the text of a reply letter (答复函) into its fields.

In: the plain text of one letter, however it was extracted or pasted. Out: a ParsedReply
(``result.py``) with the fields of docs/design.md's parser contract, and warnings in Chinese for
what could not be read. Pure Python: no Django, no I/O. What the letter does not say stays
None or [] — a field is never guessed; where the text is damaged the clerk gets a warning.

The steps, one module each: ``normalize`` cleans the text into lines, ``chrome`` drops the
web page around the letter, ``layout`` splits it into heading, body and closing block and
re-joins broken lines, ``header``, ``proposers``, ``sections``, ``footer`` and ``markers`` read
the fields, with ``session``, ``numbers``, ``dates`` and ``numerals`` reading the phrases they
share; ``letter`` puts them together. The words they all look for are in ``vocabulary``.
"""

from .letter import parse_reply
from .markers import result_class_of
from .numbers import normalize_proposal_number
from .result import ParsedReply, ParsedSection, ParseWarning
from .session import SessionParts, read_session

__all__ = [
    "ParseWarning",
    "ParsedReply",
    "ParsedSection",
    "SessionParts",
    "normalize_proposal_number",
    "parse_reply",
    "read_session",
    "result_class_of",
]
