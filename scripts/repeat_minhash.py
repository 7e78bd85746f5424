"""MinHash over word shingles with LSH (datasketch): the alternative measured beside ``repeats.similarity``.

The archive groups with TF-IDF cosine; this module exists so ``scripts/score_repeats.py`` measures both on the
same words and the same labelled pairs (README, "Repeat proposals", says what it found). Pure: no Django. It is
kept out of the ``repeats`` package because datasketch is a development requirement only.

A proposal's shingles are its words (``repeats.words.topic_words``) and each two neighbouring words, the
title's and the text's apart; two proposals' similarity is 0.6 × their titles' estimated Jaccard similarity +
0.4 × their texts', as in the cosine. LSH over title and text shingles together finds the candidate pairs.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from repeats.similarity import TITLE_WEIGHT, medoid

PERMUTATIONS = 128
PAIR_THRESHOLD = 0.15
# LSH finds pairs whose shingles overlap this much; lower finds more and compares more.
LSH_THRESHOLD = 0.05


@dataclass(frozen=True)
class Signature:
    title: MinHash
    text: MinHash
    both: MinHash


def shingles(words: Sequence[str]) -> set[str]:
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def _minhash(items: Iterable[str]) -> MinHash:
    minhash = MinHash(num_perm=PERMUTATIONS, seed=17)
    minhash.update_batch([item.encode() for item in items])
    return minhash


def signature(title_words: Sequence[str], text_words: Sequence[str]) -> Signature:
    title, text = shingles(title_words), shingles(text_words)
    return Signature(_minhash(title), _minhash(text), _minhash({"t:" + s for s in title} | {"x:" + s for s in text}))


def similarity(a: Signature, b: Signature) -> float:
    return TITLE_WEIGHT * a.title.jaccard(b.title) + (1 - TITLE_WEIGHT) * a.text.jaccard(b.text)


def similar_pairs(signatures: list[Signature], threshold: float = PAIR_THRESHOLD) -> list[tuple[int, int, float]]:
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=PERMUTATIONS)
    for i, sig in enumerate(signatures):
        lsh.insert(i, sig.both)
    pairs = []
    for i, sig in enumerate(signatures):
        for j in lsh.query(sig.both):
            if i < j and (s := similarity(sig, signatures[j])) >= threshold:
                pairs.append((i, j, s))
    return sorted(pairs)


def coherent_around_medoid(signatures: list[Signature], threshold: float) -> Callable[[list[int]], bool]:
    """The cosine's guard in MinHash's terms: every member as alike to the group's medoid as a linked pair."""
    import numpy as np

    def coherent(members: list[int]) -> bool:
        alike = np.array([[similarity(signatures[m], signatures[o]) for o in members] for m in members])
        return bool(alike[medoid(alike)].min() >= threshold)

    return coherent
