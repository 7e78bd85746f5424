"""Tesseract (Debian's ``tesseract-ocr`` with its ``chi_sim`` model) on one prepared page: the words it reads.

Run as a program, one process a page, not loaded into this one: a page that takes too long is ended
alone, a crash in the engine stays in its process, and pages run side by side on as many cores. The
engine's own threads are held to one (OMP_THREAD_LIMIT): two pages on two cores are read faster than
one page on two threads, which mostly wait on each other.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

from PIL import Image

LANGUAGE = "chi_sim"
# A letter is one column of text lines with a signature on the right: page segmentation mode 6 (one
# uniform block) reads it as well as the automatic mode 3 and skips the layout analysis.
PAGE_SEGMENTATION = "6"
NOT_INSTALLED = "本机未安装文字识别引擎 Tesseract 及其简体中文模型（管理员运行 sh scripts/install_ocr.sh 即可安装）"


class OcrFailed(RuntimeError):
    """The engine failed on a page or ran out of time; the message says which, for the log."""


@dataclass(frozen=True)
class Word:
    """What Tesseract read as one word (in Chinese usually one character), in pixels from the top left."""

    text: str
    confidence: float  # 0–1
    left: int
    top: int
    right: int
    bottom: int
    line: tuple[int, int, int]  # block, paragraph, line: words of one line share it


@cache
def unavailable() -> str:
    """Why this machine cannot read scans, in Chinese; "" when it can."""
    if shutil.which("tesseract") is None:
        return NOT_INSTALLED
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    return "" if LANGUAGE in listed.stdout.split() else NOT_INSTALLED


def read_words(page: Image.Image, *, timeout: float) -> list[Word]:
    """The words of one page (an image of any mode; a two-colour one is read fastest), in reading order."""
    buffer = io.BytesIO()
    page.save(buffer, "PNG" if page.mode != "1" else "PPM", compress_level=1)  # PPM of mode "1" is a PBM
    command = ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--psm", PAGE_SEGMENTATION, "tsv"]
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(command, input=buffer.getvalue(), capture_output=True, timeout=timeout, env=environment)
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"tesseract took more than {timeout:.0f} s on a page") from None
    if done.returncode != 0:
        raise OcrFailed(f"tesseract exited {done.returncode}: {done.stderr.decode(errors='replace')[-300:]}")
    return list(_words(done.stdout.decode("utf-8", errors="replace")))


def _words(tsv: str):
    # Tesseract's TSV has one row per page, block, paragraph, line and word; level 5 rows are the words.
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row["level"] != "5" or not text:
            continue
        left, top = int(row["left"]), int(row["top"])
        yield Word(
            text=text, confidence=max(float(row["conf"]), 0.0) / 100,
            left=left, top=top, right=left + int(row["width"]), bottom=top + int(row["height"]),
            line=(int(row["block_num"]), int(row["par_num"]), int(row["line_num"])),
        )
