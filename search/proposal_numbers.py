"""Recognise a query that names a proposal: 第0070号, 0070, 70号, 五届四次 70, 五届四次会议第70号."""

import re
from dataclasses import dataclass

from archive.parsing import normalize_proposal_number
from archive.parsing.numerals import to_int

# An optional session (五届四次, 第五届第四次会议, 十七届人大一次) then the number, with or without 第/号.
_NUMBER_QUERY = re.compile(
    r"^\s*(?:(?P<session>\S*?第?(?P<term>[一二三四五六七八九十\d]+)届\S*?第?(?P<meeting>[一二三四五六七八九十\d]+)次(?:会议)?)\s*)?"
    r"(?:提案|建议)?第?\s*(?P<number>[A-Za-z]{0,4}\d{1,8}[A-Za-z]{0,3}\d{0,4})\s*号?(?:提案|建议)?\s*$"
)


@dataclass(frozen=True)
class NumberQuery:
    number: str  # normalised, as Proposal.number_normalized
    session_key: str  # "5-4", or "" when the query names no session


def session_key(term: int | None, meeting: int | None) -> str:
    """The short key of a session's term and meeting, as a query like 五届四次 gives it."""
    return f"{term}-{meeting}" if term and meeting else ""


def read_number_query(text: str) -> NumberQuery | None:
    """The proposal a query names, or None when it is not a proposal number."""
    match = _NUMBER_QUERY.match(text.strip())
    if match is None:
        return None
    number = normalize_proposal_number(match["number"])
    if not number:
        return None
    key = session_key(to_int(match["term"]), to_int(match["meeting"])) if match["session"] else ""
    return NumberQuery(number=number, session_key=key)
