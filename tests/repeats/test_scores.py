"""Floors under the measured precision and recall of both detectors (scripts/score_repeats.py prints them).

A change to the words, the vectors or the thresholds that loses more than a little fails here; the README's
table says what was reached.
"""

import pytest

from scripts.repeat_evaluation import MINHASH, TFIDF, measure

# (precision, recall) floors: pairs judged alone; the same pairs judged by groups; the repository's letters grouped.
FLOORS = {
    TFIDF: ((0.90, 0.60), (0.90, 0.65), (0.70, 0.90)),
    MINHASH: ((0.75, 0.55), (0.85, 0.42), (0.70, 0.65)),
}


@pytest.fixture(scope="module")
def measured():
    return {method: measure(method) for method in FLOORS}


@pytest.mark.parametrize("method", list(FLOORS), ids=lambda method: method.name)
def test_precision_and_recall_stay_above_their_floors(measured, method):
    result = measured[method]
    for score, (precision, recall) in zip((result.pairs, result.grouped, result.letters), FLOORS[method], strict=True):
        assert score.precision >= precision and score.recall >= recall, score


def test_the_chosen_method_finds_more_of_the_repeats_in_whole_letters_at_no_less_precision(measured):
    tfidf, minhash = measured[TFIDF].letters, measured[MINHASH].letters
    assert tfidf.recall > minhash.recall and tfidf.precision >= minhash.precision - 0.05
