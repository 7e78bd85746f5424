"""Ranking rules every executor applies alike: how far a named reply outranks text, which typed words get
suggestions, and how related replies are weighed."""

import difflib
import math

PIN_BOOST = 1000.0  # a named proposal, proposer or agency outranks any text match
SUGGESTED_FROM = 4  # the typed words that closest words are looked for
TOPIC_WORDS = 4  # related replies share one of the reply's rarest keywords


def closest(word: str, candidates: list[str], limit: int) -> dict[str, float]:
    """The candidates most like ``word``, with their likeness (difflib's ratio, at least 0.3)."""
    others = [candidate for candidate in candidates if candidate != word]
    return {term: difflib.SequenceMatcher(None, word, term).ratio()
            for term in difflib.get_close_matches(word, others, n=limit * 3, cutoff=0.3)}


def topic_weights(keywords: list[str], holders: dict[str, int], total: int) -> dict[str, float]:
    """The reply's rarest keywords that other documents hold too, each weighing its inverse document frequency:
    a rare shared topic counts more than a common one, and the rarest lists are the short ones to read. A keyword
    only the reply holds (its own rare words, the rarest of all) can relate it to nothing."""
    rarest = sorted((word for word in keywords if holders.get(word, 0) > 1), key=lambda word: holders[word])
    return {word: math.log(1 + total / holders[word]) for word in rarest[:TOPIC_WORDS]}
