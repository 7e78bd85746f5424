"""Score the project's parser (`manage.py parse_reply FILE --json`) against hand-made ground truth.

Run from the project root with the project's virtualenv active, e.g.
    python scripts/score_parser.py fixtures/seed_letters/expected.json fixtures/seed_letters 1.0
The same scorer, on letters the team has not seen, decides whether the parser reads the genre.

usage: score_parser.py EXPECTED_JSON DOCS_DIR [MIN_ACCURACY]
Prints one line per wrong field, then per-field accuracy, then a last line:
'parser: X% of fields right (N checked), W confident-wrong values'.
Exit 0 when accuracy >= MIN_ACCURACY and no confident-wrong value on a field whose truth is null
is more than 5% of checks.
"""

import json
import os
import re
import subprocess
import sys
from collections import Counter

FIELDS = [
    "proposer_names",
    "proposer_role",
    "proposal_number",
    "session",
    "proposal_title",
    "agency",
    "date",
    "doc_number",
    "result_class",
    "disclosure",
    "section_titles",
]

NUM_PREFIX = re.compile(r"^\s*[（(]?[一二三四五六七八九十百\d]+[)）]?[、.．,，\s]*")


def norm(s):
    if s is None:
        return None
    s = str(s)
    s = s.replace("（", "(").replace("）", ")").replace("，", ",").replace("：", ":")
    s = re.sub(r"[\s《》〔〕\[\]【】“”\"'号]", "", s)
    return s or None


def title_of(section):
    t = section.get("title") if isinstance(section, dict) else section
    return norm(NUM_PREFIX.sub("", t or ""))


def got_field(out, field):
    if field == "section_titles":
        secs = [s for s in out.get("sections") or [] if (s.get("level") in (1, None))]
        return [title_of(s) for s in secs]
    return out.get(field)


def want_field(exp, field):
    if field == "section_titles":
        return [title_of(t) for t in exp.get("section_titles") or exp.get("section_headings") or []]
    if field == "agency" and exp.get("agency_in_text") is False:
        return None
    return exp.get(field)


def same(field, got, want):
    if field == "proposer_names":
        return sorted(norm(x) for x in (got or [])) == sorted(norm(x) for x in (want or []))
    if field == "section_titles":
        return [x for x in (got or [])] == [x for x in (want or [])]
    if field == "proposal_number" and got is not None and want is not None:
        return str(got).lstrip("0").strip() == str(want).lstrip("0").strip()
    return norm(got) == norm(want)


def main():
    expected = json.load(open(sys.argv[1], encoding="utf-8"))
    docs = sys.argv[2]
    minimum = float(sys.argv[3]) if len(sys.argv) > 3 else 0.9
    right, checked, invented = Counter(), Counter(), 0
    for exp in expected:
        path = os.path.join(docs, exp["file"])
        r = subprocess.run(
            [sys.executable, "manage.py", "parse_reply", path, "--json"], capture_output=True, text=True, timeout=120
        )
        try:
            out = json.loads(r.stdout)
        except Exception:
            print(f"{exp['file']}: no JSON (exit {r.returncode}): {r.stderr.strip()[-200:]}")
            out = {}
        for f in FIELDS:
            if f not in exp and not (f == "section_titles" and "section_headings" in exp):
                continue
            want, got = want_field(exp, f), got_field(out, f)
            if f == "section_titles" and not exp.get("complete", True):
                continue
            checked[f] += 1
            if same(f, got, want):
                right[f] += 1
            else:
                if want in (None, []) and got not in (None, [], ""):
                    invented += 1
                print(f"{exp['file']}: {f}: got {got!r} want {want!r}")
    total, ok = sum(checked.values()), sum(right.values())
    for f in FIELDS:
        if checked[f]:
            print(f"  {f}: {right[f]}/{checked[f]}")
    acc = ok / total if total else 0.0
    print(f"parser: {100 * acc:.1f}% of fields right ({total} checked), {invented} confident-wrong values")
    sys.exit(0 if acc >= minimum and invented <= 0.05 * total else 1)


if __name__ == "__main__":  # benchmarks/ocr.py compares fields with same() and got_field()
    main()
