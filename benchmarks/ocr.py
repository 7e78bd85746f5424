"""Reading stamped scans, measured: character errors, the parser's fields, pages a second, memory.

    .venv/bin/python benchmarks/ocr.py                  # 5 seed letters + 30 generated, every engine
    .venv/bin/python benchmarks/ocr.py --pages 12       # a few minutes on 2 cores: letters up to 12 pages a run
    .venv/bin/python benchmarks/ocr.py --engines tesseract --variants scanned

The five seed letters (fixtures/seed_letters) and generated letters (benchmarks/corpus.py) are laid out
on A4 at 300 dpi in a CJK font (benchmarks/scan_pages.py), ``clean`` as printed and ``scanned``: the red
seal across signature and date, turned by up to 1.5°, grey paper, blur, grain, specks, JPEG. Each engine
reads the same pages:

* ``tesseract-defaults``: ``tesseract page.png stdout -l chi_sim`` on the page as it is, a page at a time
  (automatic page segmentation, the engine's own threads) — the baseline the issue's targets are set against;
* ``tesseract``: the archive's reader, ``archive.ocr.recognise`` (seal removed by colour, deskewed,
  binarised, one uniform block, pages side by side one engine process per core, the text tidied);
* ``rapidocr``: PP-OCRv4 on onnxruntime (``rapidocr-onnxruntime``, models inside the wheel) on the same
  prepared pages, its lines laid out and tidied as the archive's; run with ``--rapid-python`` naming an
  interpreter that has it (it is not one of the archive's dependencies).

Measured per engine and variant: the character error rate (edit distance / characters of the source)
``raw`` — whitespace removed, nothing else — and ``normalised`` — also what the parser does not care
about: the width of punctuation, letters and digits (NFKC: ，and , are one) and the kind of quotation
mark; the parser's fields (``scripts/score_parser.py``'s fields and comparison) right on the OCR'd text
among those right on the typed text; pages a second (wall time of reading, pages drawn beforehand); the
peak memory of the engine reading one page (Tesseract's process as /usr/bin/time counts it; PP-OCR runs
inside the benchmark's process, so that process's peak) and of the benchmark's process, which holds a
letter's drawn pages. Each engine runs in a process of its own. Prints the table and writes it to
benchmarks/results/<date>-ocr-5+<generated>[-<pages>p].md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmarks.bench import result_path  # noqa: E402

SEEDS = ROOT / "fixtures" / "seed_letters"
ENGINES = ("tesseract-defaults", "tesseract", "rapidocr")
VARIANTS = ("clean", "scanned")
TARGETS = {"clean": 0.005, "scanned": 0.01}


@dataclass
class Sample:
    name: str
    text: str
    truth: dict  # field → the value the parser should read (score_parser's form)


def samples(generated: int) -> list[Sample]:
    """The seed letters with their hand-made truth, then generated letters with what they were made from."""
    from score_parser import FIELDS, got_field, want_field

    from benchmarks.corpus import make_letter

    found = []
    for expected in json.loads((SEEDS / "expected.json").read_text(encoding="utf-8")):
        truth = {field: want_field(expected, field) for field in FIELDS
                 if field in expected or (field == "section_titles" and "section_headings" in expected)}
        if not expected.get("complete", True):
            truth.pop("section_titles", None)
        found.append(Sample(expected["file"], (SEEDS / expected["file"]).read_text(encoding="utf-8"), truth))
    rng = random.Random(19)
    for serial in range(1, generated + 1):
        letter = make_letter(rng, serial)
        parsed = letter.parsed.as_dict()
        truth = {field: got_field(parsed, field) for field in FIELDS}
        found.append(Sample(f"generated-{serial:02d}", letter.text, truth))
    return found


# ---------------------------------------------------------------- the engines, each page image → text


DEFAULTS = ["tesseract", "stdin", "stdout", "-l", "chi_sim"]


def _png(page) -> bytes:
    buffer = io.BytesIO()
    page.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def _tesseract_defaults():
    def read(pages):
        encoded = [_png(page) for page in pages]
        started = time.perf_counter()
        texts = [subprocess.run(DEFAULTS, input=data, capture_output=True, check=True).stdout.decode()
                 for data in encoded]
        return "\n".join(texts), time.perf_counter() - started
    return read


def engine_peak_mb(engine: str, page) -> float | None:
    """The peak memory of one Tesseract process reading ``page`` as the engine does, by /usr/bin/time."""
    from archive.ocr.preprocess import prepare
    from archive.ocr.tesseract import LANGUAGE, PAGE_SEGMENTATION

    if not engine.startswith("tesseract") or not Path("/usr/bin/time").exists():
        return None
    if engine == "tesseract-defaults":
        command, data, environment = DEFAULTS, _png(page), os.environ
    else:
        buffer = io.BytesIO()
        prepare(page).save(buffer, "PPM")
        command = ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--psm", PAGE_SEGMENTATION, "tsv"]
        data, environment = buffer.getvalue(), {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], input=data, capture_output=True, env=environment)
    return int(done.stderr.decode().split()[-1]) / 1024


def _tesseract():
    from archive.ocr import recognise

    def read(pages):
        started = time.perf_counter()
        text = recognise(pages).text
        return text, time.perf_counter() - started
    return read


def _rapidocr():
    from rapidocr_onnxruntime import RapidOCR

    from archive.extract.lines import paragraphs
    from archive.ocr.preprocess import prepare
    from archive.ocr.reading import page_of
    from archive.ocr.tesseract import Word

    engine = RapidOCR()

    def words(page):
        result, _ = engine(np.asarray(prepare(page).convert("RGB")))
        for index, (box, text, score) in enumerate(result or []):
            xs, ys = [point[0] for point in box], [point[1] for point in box]
            yield Word(text, float(score), int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys)), (0, 0, index))

    def read(pages):
        started = time.perf_counter()
        text = paragraphs([page_of(list(words(page))).rows for page in pages])
        return text, time.perf_counter() - started
    return read


READERS = {"tesseract-defaults": _tesseract_defaults, "tesseract": _tesseract, "rapidocr": _rapidocr}


# ---------------------------------------------------------------- measures


def raw(text: str) -> str:
    return re.sub(r"\s+", "", text)


def normalised(text: str) -> str:
    """What the parser does not care about taken out: whitespace, the width of characters, kinds of quotes."""
    text = unicodedata.normalize("NFKC", raw(text))
    return re.sub(r"[“”„‟「」『』]", '"', re.sub(r"[‘’‛]", "'", text))


def edit_distance(got: str, want: str) -> int:
    """Levenshtein distance, a row of the table at a time in numpy (letters are thousands of characters)."""
    if not got or not want:
        return len(got) + len(want)
    codes = np.frombuffer(want.encode("utf-32-le"), dtype=np.uint32)
    positions = np.arange(len(want) + 1)
    row = positions.copy()
    for index, character in enumerate(got, 1):
        substituted = row[:-1] + (codes != ord(character))
        best = np.minimum(np.concatenate(([index], np.minimum(substituted, row[1:] + 1))), index + positions)
        # Insertions run along the row: row[j] = min over k ≤ j of best[k] + (j - k).
        row = np.minimum.accumulate(best - positions) + positions
    return int(row[-1])


def fields(text: str) -> dict:
    from score_parser import got_field

    from archive.parsing import parse_reply

    parsed = parse_reply(text).as_dict()
    return {field: got_field(parsed, field) for field in
            ("proposer_names", "proposer_role", "proposal_number", "session", "proposal_title", "agency", "date",
             "doc_number", "result_class", "disclosure", "section_titles")}


# ---------------------------------------------------------------- one engine, one variant (a child process)


def measure(engine: str, variant: str, generated: int, page_cap: int | None) -> dict:
    from score_parser import same

    from benchmarks.scan_pages import cjk_font_path, layout, page_text, pages

    read = READERS[engine]()
    totals = {"raw_errors": 0, "raw_chars": 0, "errors": 0, "chars": 0, "pages": 0, "seconds": 0.0,
              "typed_right": 0, "kept": 0, "fields": 0, "letters": 0}
    misses, engine_mb = [], None
    for sample in samples(generated):
        laid_out = layout(sample.text)
        if page_cap is not None and totals["pages"] + len(laid_out) > page_cap:
            continue
        images = pages(sample.text, random.Random(sample.name), scanned=variant == "scanned")
        text, seconds = read(images)
        engine_mb = engine_mb or engine_peak_mb(engine, images[0])
        source = "\n".join(page_text(page) for page in laid_out)
        totals["raw_errors"] += edit_distance(raw(text), raw(source))
        totals["raw_chars"] += len(raw(source))
        totals["errors"] += edit_distance(normalised(text), normalised(source))
        totals["chars"] += len(normalised(source))
        totals["pages"] += len(images)
        totals["seconds"] += seconds
        totals["letters"] += 1
        typed, read_back = fields(sample.text), fields(text)
        for field, want in sample.truth.items():
            totals["fields"] += 1
            if same(field, typed[field], want):
                totals["typed_right"] += 1
                if same(field, read_back[field], want):
                    totals["kept"] += 1
                else:
                    misses.append(f"{sample.name}: {field}: read {read_back[field]!r}, typed {typed[field]!r}")
    process_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return totals | {"engine": engine, "variant": variant, "misses": misses, "font": Path(cjk_font_path()).name,
                     "process_mb": process_mb, "engine_mb": engine_mb or process_mb}


# ---------------------------------------------------------------- the table


def row(result: dict, baseline: dict | None) -> str:
    raw_cer = result["raw_errors"] / max(result["raw_chars"], 1)
    cer = result["errors"] / max(result["chars"], 1)
    kept = result["kept"] / max(result["typed_right"], 1)
    speed = result["pages"] / max(result["seconds"], 1e-9)
    ratio = f" ({speed / (baseline['pages'] / baseline['seconds']):.1f}×)" if baseline and baseline["seconds"] else ""
    target = "✓" if cer <= TARGETS[result["variant"]] else "✗"
    return (f"| {result['engine']} | {result['variant']} | {result['letters']} / {result['pages']} | "
            f"{100 * raw_cer:.2f}% | {100 * cer:.2f}% {target} | {result['kept']}/{result['typed_right']} "
            f"({100 * kept:.1f}%) | {speed:.3f}{ratio} | {result['engine_mb']:.0f} MB | "
            f"{result['process_mb']:.0f} MB |")


def table(results: list[dict], arguments: argparse.Namespace) -> str:
    load = os.getloadavg()
    lines = [
        f"# OCR of stamped scans, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {len(os.sched_getaffinity(0))} cores, load "
        f"average {load[0]:.1f} at the end (other work on the machine slows every engine alike); "
        f"Python {platform.python_version()}; font {results[0]['font'] if results else '—'}; "
        f"{arguments.generated} generated letters, page cap {arguments.pages or 'none'}.",
        "",
        "CER targets: ≤ 0.5% clean, ≤ 1% scanned (normalised). Fields: the parser's fields right on the OCR'd text "
        "among those right on the typed text (target ≥ 97%). Pages/s: × is against tesseract-defaults on the same "
        "pages (target ≥ 2×).",
        "",
        "| engine | variant | letters / pages | CER raw | CER normalised | fields kept | pages/s | engine memory "
        "| benchmark process |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    baselines = {result["variant"]: result for result in results if result["engine"] == "tesseract-defaults"}
    lines += [row(result, baselines.get(result["variant"])) for result in results]
    for result in results:
        if result["misses"]:
            lines += ["", f"Fields lost by {result['engine']} ({result['variant']}):", ""]
            lines += [f"- {miss}" for miss in result["misses"][:40]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, help="at most this many pages per engine and variant (whole letters)")
    parser.add_argument("--generated", type=int, default=30, help="generated letters beside the five seeds")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--rapid-python", default=sys.executable, help="an interpreter with rapidocr-onnxruntime")
    parser.add_argument("--one", nargs=2, metavar=("ENGINE", "VARIANT"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        print(json.dumps(measure(*arguments.one, arguments.generated, arguments.pages), ensure_ascii=False))
        return
    results = []
    for engine in arguments.engines.split(","):
        for variant in arguments.variants.split(","):
            python = arguments.rapid_python if engine == "rapidocr" else sys.executable
            command = [python, __file__, "--one", engine, variant, "--generated", str(arguments.generated)]
            command += ["--pages", str(arguments.pages)] if arguments.pages else []
            done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
            if done.returncode != 0:
                print(f"{engine} {variant}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
                continue
            results.append(json.loads(done.stdout.splitlines()[-1]))
            print(row(results[-1], None), flush=True)
    report = table(results, arguments)
    print(report)
    letters = f"5+{arguments.generated}" + (f"-{arguments.pages}p" if arguments.pages else "")
    result_path(f"ocr-{letters}", datetime.now(UTC)).write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
