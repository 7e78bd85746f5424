"""The query language: what a person typed, read into clauses any search engine can run.

The user's string is never handed to an engine's own query parser. It is split here into words (ANDed),
"quoted phrases", -exclusions and OR between clauses (``OR``, ``|`` or ``或``); each clause's text is
cut by jieba into the index's words (``archive.text_analysis.query_words``). Field syntax, wildcards,
boosts, brackets, HTML or SQL therefore have no meaning: they are just characters, mostly dropped by
the analyzer. A query that names a proposal number, a proposer or an agency is read into a ``Pin``:
those replies come first. Every part is capped (``MAX_*``), so no input costs more than a bounded query.
"""

import functools
import re
from dataclasses import dataclass, field

import opencc

from archive.models import Agency
from archive.text_analysis import query_words
from search.proposal_numbers import read_number_query

MAX_QUERY_CHARS = 200  # longer input is cut here (and the page says so): no letter needs more
MAX_CLAUSES = 24  # distinct clauses, after duplicates are dropped
MAX_CLAUSE_WORDS = 10  # words of one clause (a phrase, or a run of characters jieba cut into words)
MAX_WORDS = 32  # words of the whole query
MAX_PHRASES = 3  # a quoted phrase checks word positions in every letter holding its words: the costly clause
MAX_PREFIXES = 2  # a single character matches every word it begins: hundreds of words' letters to read
_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "＂": '"', "－": "-", "—": "-", "\u3000": " "})
# 养老、道路 and 养老，道路 list words as a space does: all of them must be in a letter. When none holds them all,
# the page offers the OR form (search.query.SearchResults.or_form).
_SEPARATORS = str.maketrans(dict.fromkeys("、，,；;。", " "))
# Operators in any letter case, and their Chinese words: OR 或 |, AND 并且 &, NOT 非 (NOT x is -x).
_OR = {"OR", "|", "或", "或者"}
_AND = {"AND", "&", "并且", "且"}
_NOT = {"NOT", "非"}
_LEXEME = re.compile(r'(?P<neg>-?)"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')
_SINGLE_HAN = re.compile(r"^[\u3400-\u9fff]$")
# Control characters mean nothing in a query, and PostgreSQL refuses a NUL in any text it is sent.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@functools.cache
def _to_simplified():
    return opencc.OpenCC("t2s.json")


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (學校 心理輔導 → 学校 心理辅导): the letters, and so the index, are
    simplified. OpenCC converts by phrase, where a character table gets one-to-many characters wrong."""
    return _to_simplified().convert(text) if text else text


def single_character(word: str) -> bool:
    """One Chinese character is rarely a word of its own in an index: engines match the words it begins."""
    return bool(_SINGLE_HAN.match(word))


@dataclass
class Clause:
    words: list[str]
    phrase: bool = False


def joined_words(words: list[str]) -> str:
    """Words as the text they came from: Chinese words touch, Latin words keep a space."""
    text = words[0]
    for word in words[1:]:
        text += (" " if text[-1].isascii() and text[-1].isalnum() and word[0].isascii() else "") + word
    return text


def clause_text(clause: Clause) -> str:
    """A clause as a person would type it: a phrase in quotes, words as they run."""
    text = joined_words(clause.words)
    return f'"{text}"' if clause.phrase else text


@dataclass
class ParsedQuery:
    groups: list[list[Clause]] = field(default_factory=list)  # AND of ORs
    excluded: list[Clause] = field(default_factory=list)
    truncated: bool = False
    contradictory: bool = False  # a word both required and excluded: nothing can match

    @property
    def highlight_words(self) -> list[str]:
        return [word for group in self.groups for clause in group for word in clause.words]

    @property
    def empty(self) -> bool:
        return not self.groups and not self.excluded


def parse_query(text: str) -> ParsedQuery:
    """Split a typed query into clauses; never fails, whatever the input."""
    text = simplified((text or "").translate(_QUOTES))
    parsed = ParsedQuery(truncated=len(text) > MAX_QUERY_CHARS)
    text = text[:MAX_QUERY_CHARS].translate(_SEPARATORS)
    join_next = negate_next = False
    words_left, phrases_left, prefixes_left = MAX_WORDS, MAX_PHRASES, MAX_PREFIXES
    for match in _LEXEME.finditer(text):
        operator = (match["word"] or "").upper()
        if operator in _OR:
            join_next = bool(parsed.groups)
            continue
        if operator in _AND:  # words are ANDed anyway
            continue
        if operator in _NOT:
            negate_next = True
            continue
        negative, negate_next = bool(match["neg"]) or negate_next, False
        raw = match["phrase"] if match["phrase"] is not None else match["word"]
        if match["word"] is not None and raw.startswith("-"):
            negative, raw = True, raw.lstrip("-")
        raw = raw.lstrip("+")
        words = query_words(raw)
        if not words:
            continue
        # A typed word the dictionary lacks (a name, 河长制) falls apart into single characters: as a
        # phrase they find the string as typed, where a prefix query per character matched most letters.
        literal = match["phrase"] is not None or any(map(single_character, words))
        phrase = literal and len(words) > 1
        if not phrase:  # 工作工作工作…: ANDing a word with itself only costs time
            words = list(dict.fromkeys(words))
        if len(words) > min(MAX_CLAUSE_WORDS, words_left):
            words, parsed.truncated = words[: min(MAX_CLAUSE_WORDS, words_left)], True
            if not words:
                break
        clause = Clause(words=words, phrase=phrase and len(words) > 1)
        joined, join_next = join_next, False
        prefix = not clause.phrase and any(map(single_character, words))
        if (clause.phrase and phrases_left == 0) or (prefix and prefixes_left == 0):
            parsed.truncated = True
            continue
        if negative:
            if clause in parsed.excluded:
                continue
            parsed.excluded.append(clause)
        elif joined:
            if clause in parsed.groups[-1]:
                continue
            parsed.groups[-1].append(clause)
        else:
            if [clause] in parsed.groups:  # "工作 工作" 24 times is "工作 工作" once
                continue
            parsed.groups.append([clause])
        words_left -= len(words)
        phrases_left -= clause.phrase
        prefixes_left -= prefix
        if len(parsed.groups) + len(parsed.excluded) >= MAX_CLAUSES:
            parsed.truncated = True
            break
    seen: set[frozenset] = set()
    groups = []
    for group in parsed.groups:  # "A OR B A OR B": the second group adds nothing
        key = frozenset((tuple(clause.words), clause.phrase) for clause in group)
        if key not in seen:
            seen.add(key)
            groups.append(group)
    parsed.groups = groups
    parsed.contradictory = any([clause] in parsed.groups for clause in parsed.excluded)
    return parsed


@dataclass(frozen=True)
class Pin:
    """Replies the whole query names: a proposal number (of a session, when one was typed), or a name that may
    be a proposer's or an agency's (an alias such as 教体局 adds the agency's full name)."""

    number: str = ""
    session_key: str = ""
    names: tuple[str, ...] = ()


MAX_PIN_CHARS = 40  # a number, a name or an agency's name: longer text is a search, not a name


def read_pin(text: str) -> Pin | None:
    """The proposal, proposer or agency the whole query names, if it could name one."""
    text = simplified(text.strip())
    if not text or len(text) > MAX_PIN_CHARS:
        return None
    number = read_number_query(text)
    if number is not None:
        return Pin(number=number.number, session_key=number.session_key or "")
    if re.search(r"\s", text):
        return None
    agency = Agency.objects.named(text).first()
    return Pin(names=(text, agency.name) if agency is not None and agency.name != text else (text,))
