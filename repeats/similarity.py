"""How alike two proposals are, and which proposals raise one issue: TF-IDF cosine over their words, then groups.

Pure: words in (``repeats.words``), vectors, similarities and groups out; no Django, no database.

**A proposal's vector.** Its title and the text of its replies each become a tf·idf vector of their words
(idf from jieba's table of general Chinese, so a word as common as 学生 weighs little and 心理健康 much), each
made unit length, then joined with weights √0.6 and √0.4: the cosine of two proposals is then
0.6 × their titles' cosine + 0.4 × their texts' cosine. Titles weigh most because the title is the delegate's
own summary of the demand; the reply's text adds the words a short title leaves out (三点半 is 课后服务).
The text keeps its ``TEXT_TERMS`` heaviest words only, so a long letter is no more alike to everything than a
short one. The idf is fixed, not the archive's own: a proposal's vector never changes when others arrive, so
it can be kept, and a newly published proposal compared with the groups at once.

**Groups.** Proposals whose cosine reaches ``PAIR_THRESHOLD`` are linked, and a group is a connected set of
links — but links chain: 农村公路养护 → 农村公路提档升级 → 公路危桥 would make one group of three demands, and
one letter touching two issues would join both. So a group must also be coherent (``coherent_around_medoid``):
every member is as close to the group's medoid — the member most alike to all the others, whose title labels
the group — as a linked pair must be, and no two members are unrelated (cosine under ``UNRELATED``). A set
that is not is split by raising the link threshold within it in steps of ``SPLIT_STEP``, which cuts the
weakest links first — the bridges between two issues — until each part is coherent; a proposal left alone
belongs to no group. On the benchmark's 9,884 generated proposals (66 themes) the medoid rule is what keeps
校园安全管理 and 校园食品安全 apart (README, "Repeat proposals").

MinHash over word shingles (``scripts/repeat_minhash.py``) was measured beside this and lost: see README, "Repeat
proposals", and ``scripts/score_repeats.py``.
"""

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache

Vector = dict[str, float]

TITLE_WEIGHT = 0.6
TEXT_TERMS = 40
PAIR_THRESHOLD = 0.45
UNRELATED = 0.25
SPLIT_STEP = 0.05
_BLOCK = 500

# Title words and text words are different dimensions: 心理健康 in a title meets 心理健康 in a title.
TITLE, TEXT = "t:", "x:"


@cache
def _idf() -> tuple[dict[str, float], float]:
    """jieba's idf table and its median (for words it lacks); loading it takes a second, so only when needed."""
    import jieba.analyse

    return jieba.analyse.default_tfidf.idf_freq, jieba.analyse.default_tfidf.median_idf


def _tfidf(words: Iterable[str], keep: int | None = None) -> Vector:
    counts: dict[str, int] = defaultdict(int)
    for word in words:
        counts[word] += 1
    idf, unknown = _idf()
    weights = {word: n * idf.get(word, unknown) for word, n in counts.items()}
    if keep is not None:
        weights = dict(sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:keep])
    return _unit(weights)


def _unit(vector: Vector) -> Vector:
    norm = math.sqrt(sum(x * x for x in vector.values()))
    return {word: x / norm for word, x in vector.items()} if norm else {}


def proposal_vector(title_words: Iterable[str], text_words: Iterable[str]) -> Vector:
    """A proposal's unit vector from its title's and its replies' words (``repeats.words.topic_words``)."""
    title, text = _tfidf(title_words), _tfidf(text_words, keep=TEXT_TERMS)
    title_scale, text_scale = math.sqrt(TITLE_WEIGHT), math.sqrt(1 - TITLE_WEIGHT)
    joined = {TITLE + word: x * title_scale for word, x in title.items()}
    joined.update({TEXT + word: x * text_scale for word, x in text.items()})
    return _unit(joined)  # a proposal without replies' text is its title alone


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(word, 0.0) for word, x in a.items())


def _matrix(vectors: list[Vector]):
    """The vectors as the rows of a sparse matrix (one column per word)."""
    from scipy import sparse  # the command's cost, not every web worker's: pages never group

    vocabulary: dict[str, int] = {}
    rows, columns, values = [], [], []
    for row, vector in enumerate(vectors):
        for word, x in vector.items():
            rows.append(row)
            columns.append(vocabulary.setdefault(word, len(vocabulary)))
            values.append(x)
    return sparse.csr_matrix((values, (rows, columns)), shape=(len(vectors), max(len(vocabulary), 1)))


def similar_pairs(vectors: list[Vector], threshold: float = PAIR_THRESHOLD):
    """Every pair (i, j, cosine) with i < j and cosine ≥ threshold, as rows of an array sorted by i then j: one
    sparse matrix product, in blocks of rows so that memory stays bounded whatever the archive's size."""
    import numpy as np

    matrix = _matrix(vectors)
    transposed = matrix.T.tocsc()
    found = []
    for start in range(0, len(vectors), _BLOCK):
        products = (matrix[start : start + _BLOCK] @ transposed).tocoo()
        keep = (products.data >= threshold) & (products.row + start < products.col)
        found.append(np.column_stack([products.row[keep] + start, products.col[keep], products.data[keep]]))
    pairs = np.concatenate(found) if found else np.empty((0, 3))
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]


def gram(vectors: list[Vector]):
    """The cosines of every two of these vectors, as a dense matrix (a group's, not the archive's)."""
    matrix = _matrix(vectors)
    return (matrix @ matrix.T).toarray()


def medoid(cosines) -> int:
    """The member most alike to all the others (the largest row sum of their cosines); the first on a tie."""
    return int(cosines.sum(axis=1).argmax())


def coherent_around_medoid(
    vectors: list[Vector], threshold: float = PAIR_THRESHOLD, floor: float = UNRELATED
) -> Callable[[list[int]], bool]:
    """The guard against chaining: every member is as close to the group's medoid as a linked pair must be, and no
    two members are unrelated — two issues joined by one letter that touches both are two groups."""

    def coherent(members: list[int]) -> bool:
        cosines = gram([vectors[m] for m in members])
        return bool(cosines[medoid(cosines)].min() >= threshold and cosines.min() >= floor)

    return coherent


def group(
    count: int, pairs, coherent: Callable[[list[int]], bool], threshold: float = PAIR_THRESHOLD,
    step: float = SPLIT_STEP,
) -> list[list[int]]:
    """Connected components of the links at ``threshold``, each split by raising it until ``coherent``.

    Items are 0 … count − 1 and ``pairs`` (i, j, similarity) rows; returns groups of two or more, each sorted,
    in the order of their first member.
    """
    import numpy as np

    groups: list[list[int]] = []
    pending = [(np.arange(count), np.asarray(pairs, dtype=float).reshape(-1, 3), threshold)]
    while pending:
        items, links, level = pending.pop()
        links = links[links[:, 2] >= level]
        for component in _components(items, links):
            members = component.tolist()
            if coherent(members):
                groups.append(members)
            else:
                pending.append((component, links[np.isin(links[:, 0], component)], level + step))
    return sorted(groups)


def _components(items, links) -> list:
    """The connected sets of two or more of these (sorted) items, each a sorted array."""
    import numpy as np
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    ends = np.searchsorted(items, links[:, :2].astype(int))
    graph = sparse.coo_matrix((np.ones(len(links)), (ends[:, 0], ends[:, 1])), shape=(len(items), len(items)))
    _, labels = connected_components(graph, directed=False)
    order = np.argsort(labels, kind="stable")
    parts = np.split(items[order], np.flatnonzero(np.diff(labels[order])) + 1)
    return [part for part in parts if len(part) > 1]
