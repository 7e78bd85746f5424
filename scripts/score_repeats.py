"""Precision and recall of repeat-proposal detection, TF-IDF cosine beside MinHash/LSH (issue 17, item 2).

usage: .venv/bin/python scripts/score_repeats.py [--sweep]

Three measures per method, each on pairs of letters (README, "Repeat proposals"):
  对比：labelled pairs (tests/data/repeat_pairs.json), each pair judged alone at the method's threshold;
  分组：the same pairs, judged by whether grouping all 90 letters put the two in one group;
  原信：whole letters of the repository (tests/data/repeat_groups.json), grouped, every pair of them scored.
--sweep prints the same at other thresholds: how the thresholds were chosen.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def row(name, threshold, measured) -> str:
    scores = (measured.pairs, measured.grouped, measured.letters)
    cells = "".join(f" | {s.precision:6.1%} | {s.recall:6.1%}" for s in scores)
    return f"| {name:<13} | {threshold:4.2f}{cells} |"


def main(argv: list[str]) -> int:
    import django

    django.setup()  # the jieba dictionary's cache folder is a setting
    from scripts import repeat_evaluation as evaluation

    pairs_letters, pairs = evaluation.labelled_pairs()
    real_letters, real_pairs = evaluation.labelled_letters()
    print(f"对比/分组：{len(pairs)} 对（{sum(s for *_, s in pairs)} 对同一问题），{len(pairs_letters)} 件；"
          f"原信：{len(real_letters)} 件，{len(real_pairs)} 对（{sum(s for *_, s in real_pairs)} 对同一问题）")
    print("| method        | thr. | 对比 P  | 对比 R  | 分组 P  | 分组 R  | 原信 P  | 原信 R  |")
    print("|---|---|---|---|---|---|---|---|")
    for method in evaluation.METHODS:
        print(row(method.name, method.threshold, evaluation.measure(method)))
    if "--sweep" in argv:
        for method in evaluation.METHODS:
            for step in range(-4, 5):
                threshold = round(method.threshold * (1 + step / 8), 3)
                print(row(method.name, threshold, evaluation.measure(method, threshold)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
