"""Measuring repeat detection against hand labels: precision and recall of pairs, for each method.

Two label sets, both in ``tests/data``: ``repeat_pairs.json`` (102 pairs of short letters written from the
genre: the same demand in other words, and hard negatives from the same area, agency or city) and
``repeat_groups.json`` (which whole letters of the repository's folders raise one demand; every other pair
of them is a negative). ``scripts/score_repeats.py`` prints the table; ``tests/repeats/test_scores.py`` holds
floors. No Django models: the letters are read from their files, as the parser reads an upload. Kept out of
the ``repeats`` package with ``scripts/repeat_minhash.py``, which needs datasketch (a development requirement).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from pathlib import Path

from archive.extract import extract_text
from archive.parsing import parse_reply
from repeats import similarity
from repeats.words import text_words, topic_words
from scripts import repeat_minhash as minhash

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "repeat_pairs.json"
GROUPS = ROOT / "tests" / "data" / "repeat_groups.json"

Letter = tuple[str, str]  # (title, the reply's text)
Pair = tuple[str, str, bool]  # (letter, letter, the same demand?)


@dataclass(frozen=True)
class Method:
    """One detector: what it makes of a letter, how alike two are, which pairs pass, what a coherent group is
    (given the items and the pair threshold)."""

    name: str
    threshold: float
    prepare: Callable
    similarity: Callable
    similar_pairs: Callable
    coherent: Callable


TFIDF = Method(
    "TF-IDF cosine", similarity.PAIR_THRESHOLD,
    lambda title, text: similarity.proposal_vector(topic_words(title), text_words([text])),
    similarity.cosine, similarity.similar_pairs,
    lambda items, threshold: similarity.coherent_around_medoid(items, threshold),
)
MINHASH = Method(
    "MinHash/LSH", minhash.PAIR_THRESHOLD,
    lambda title, text: minhash.signature(topic_words(title), text_words([text])),
    minhash.similarity, minhash.similar_pairs,
    minhash.coherent_around_medoid,
)
METHODS = (TFIDF, MINHASH)


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    positives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.positives if self.positives else 1.0


def score(pairs: list[Pair], says_same: Callable[[str, str], bool]) -> Score:
    found = [same for a, b, same in pairs if says_same(a, b)]
    return Score(sum(found), len(found) - sum(found), sum(same for _, _, same in pairs))


@cache
def labelled_pairs(path: Path = PAIRS) -> tuple[dict[str, Letter], list[Pair]]:
    data = json.loads(path.read_text("utf-8"))
    letters = {key: (letter["title"], letter["text"]) for key, letter in data["letters"].items()}
    return letters, [(pair["a"], pair["b"], pair["same"]) for pair in data["pairs"]]


@cache
def labelled_letters(path: Path = GROUPS) -> tuple[dict[str, Letter], list[Pair]]:
    """Every letter of the labelled folders, parsed, and every pair of them but the borderline ones."""
    data = json.loads(path.read_text("utf-8"))
    letters = {}
    for folder in data["folders"]:
        for file in sorted((ROOT / folder).iterdir()):
            if file.suffix in (".txt", ".docx", ".pdf", ".html") and (parsed := _parse(file)).proposal_title:
                letters[f"{folder}/{file.name}"] = (parsed.proposal_title, parsed.body_text)
    group_of = {letter: n for n, group in enumerate(data["groups"]) for letter in group["letters"]}
    borderline = {frozenset(pair) for pair in data["borderline"]}
    pairs = [
        (a, b, a in group_of and group_of[a] == group_of.get(b))
        for a, b in combinations(sorted(letters), 2) if frozenset((a, b)) not in borderline
    ]
    return letters, pairs


def _parse(file: Path):
    return parse_reply(extract_text(file.read_bytes(), file.name))


def grouped(method: Method, letters: dict[str, Letter], threshold: float | None = None) -> list[list[str]]:
    """The groups the method makes of these letters."""
    keys = sorted(letters)
    items = [method.prepare(*letters[key]) for key in keys]
    threshold = method.threshold if threshold is None else threshold
    pairs = method.similar_pairs(items, threshold)
    groups = similarity.group(len(keys), pairs, method.coherent(items, threshold), threshold=threshold)
    return [[keys[i] for i in members] for members in groups]


def same_group(groups: list[list[str]]) -> Callable[[str, str], bool]:
    group_of = {letter: n for n, members in enumerate(groups) for letter in members}
    return lambda a, b: a in group_of and group_of[a] == group_of.get(b)


def similar_at(method: Method, letters: dict[str, Letter], threshold: float | None = None) -> Callable:
    """Pair by pair: are these two letters at least ``threshold`` alike?"""
    items = {key: method.prepare(*letter) for key, letter in letters.items()}
    threshold = method.threshold if threshold is None else threshold
    return lambda a, b: method.similarity(items[a], items[b]) >= threshold


@dataclass(frozen=True)
class Measured:
    pairs: Score  # each labelled pair judged alone
    grouped: Score  # the labelled pairs judged by the groups of their 90 letters
    letters: Score  # every pair of the repository's letters judged by their groups


def measure(method: Method, threshold: float | None = None) -> Measured:
    pair_letters, pairs = labelled_pairs()
    letters, letter_pairs = labelled_letters()
    return Measured(
        score(pairs, similar_at(method, pair_letters, threshold)),
        score(pairs, same_group(grouped(method, pair_letters, threshold))),
        score(letter_pairs, same_group(grouped(method, letters, threshold))),
    )
