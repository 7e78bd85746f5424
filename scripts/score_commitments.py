"""Score the commitment reader (archive/parsing/commitments.py) against the hand-labelled golden list.

Run from the project root with the project's virtualenv:
    .venv/bin/python scripts/score_commitments.py [--set dev|holdout|all] [--min 0.9]

Each letter is read as the archive reads it (``parse_reply``: next steps, date, body text), then split into
commitments. A labelled commitment is found when a commitment's text starts with its labelled start
(whitespace removed, full-width digits folded); each is matched once. A deadline is right when it is on a
found commitment and resolves to the labelled date (or, with no date, names the same phrase).

Prints the misses, then precision and recall of commitments and of deadlines. Exits 1 when any of the four
is below --min (default 0).
"""

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.parsing import parse_reply  # noqa: E402  (the project root is put on the path above)
from archive.parsing.commitments import find_commitments  # noqa: E402
from archive.parsing.numerals import fold_width  # noqa: E402

GOLDEN = ROOT / "tests" / "data" / "commitments" / "golden.json"


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", "", fold_width(text or ""))


@dataclass
class Score:
    found: int = 0  # labelled commitments found
    labelled: int = 0
    extracted: int = 0
    deadlines_right: int = 0
    deadlines_labelled: int = 0
    deadlines_extracted: int = 0
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def precision(self) -> float:
        return self._ratio(self.found, self.extracted)

    @property
    def recall(self) -> float:
        return self._ratio(self.found, self.labelled)

    @property
    def deadline_precision(self) -> float:
        return self._ratio(self.deadlines_right, self.deadlines_extracted)

    @property
    def deadline_recall(self) -> float:
        return self._ratio(self.deadlines_right, self.deadlines_labelled)

    def lines(self, name: str) -> list[str]:
        return [
            f"{name}: commitments precision {self.precision:.1%} ({self.found}/{self.extracted}), "
            f"recall {self.recall:.1%} ({self.found}/{self.labelled})",
            f"{name}: deadlines precision {self.deadline_precision:.1%} "
            f"({self.deadlines_right}/{self.deadlines_extracted}), "
            f"recall {self.deadline_recall:.1%} ({self.deadlines_right}/{self.deadlines_labelled})",
        ]


def _deadline_right(labelled: dict, found) -> bool:
    if found.deadline is None or labelled["deadline"] is None:
        return False
    if labelled["due"] is not None:
        return found.due == date.fromisoformat(labelled["due"])
    a, b = _norm(labelled["deadline"]), _norm(found.deadline)
    return found.due is None and (a in b or b in a)


def score_letter(entry: dict, score: Score) -> None:
    parsed = parse_reply((ROOT / entry["file"]).read_text("utf-8"))
    letter_date = date.fromisoformat(parsed.date) if parsed.date else None
    found = find_commitments(parsed.next_steps, letter_date, parsed.body_text)
    labelled = entry["commitments"]
    score.labelled += len(labelled)
    score.extracted += len(found)
    score.deadlines_labelled += sum(1 for item in labelled if item["deadline"])
    score.deadlines_extracted += sum(1 for item in found if item.deadline)
    unmatched = list(found)
    name = Path(entry["file"]).name
    for item in labelled:
        match = next((f for f in unmatched if _norm(f.text).startswith(_norm(item["start"]))), None)
        if match is None:
            score.misses.append(f"{name}: not found: {item['start']}")
            continue
        unmatched.remove(match)
        score.found += 1
        if _deadline_right(item, match):
            score.deadlines_right += 1
        elif item["deadline"] or match.deadline:
            score.misses.append(f"{name}: deadline of {item['start']}: labelled {item['deadline']} {item['due']}, "
                                f"read {match.deadline} {match.due}")
    score.misses.extend(f"{name}: not a labelled commitment: {extra.text[:40]}" for extra in unmatched)


def score(golden: Path = GOLDEN, sets: tuple[str, ...] = ("dev",)) -> Score:
    data = json.loads(golden.read_text("utf-8"))
    result = Score()
    for name in sets:
        for entry in data[name]:
            score_letter(entry, result)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", type=Path, default=GOLDEN)
    parser.add_argument("--set", choices=["dev", "holdout", "all"], default="all")
    parser.add_argument("--min", type=float, default=0.0, help="fail below this precision or recall")
    args = parser.parse_args()
    sets = ("dev", "holdout") if args.set == "all" else (args.set,)
    worst = 1.0
    for name in sets:
        result = score(args.golden, (name,))
        print("\n".join(result.misses))
        print("\n".join(result.lines(name)))
        worst = min(worst, result.precision, result.recall, result.deadline_precision, result.deadline_recall)
    return 0 if worst >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
