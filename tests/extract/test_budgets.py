"""Small files that expand into a great deal of work are refused within seconds and in little memory.

Each bomb is built from bytes in ``tests/bad_files.py`` and extracted in a child process, whose peak
resident memory (``VmHWM``) is what a worker would have been left holding. Not ``ru_maxrss``: Linux keeps that
across fork and exec, so a child of a test process grown past 1 GB reported the parent's size. The ceilings are
generous: a bomb took 6-36 seconds and 1-6 GB before extraction had budgets, and takes under two
seconds and under 200 MB with them.
"""

import io
import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from archive.extract import ExtractError, extract_text
from tests.bad_files import LETTER_OPENING, deeply_nested_html, handmade_pdf

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 20  # generous: the bombs are refused in about a second
MEGABYTES = 1024  # a worker's memory stays under 1 GB

_CHILD = """
import json, re, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # a bomb that gets through fails here, not the machine
from archive.extract import ExtractError, extract_text
from tests import bad_files
data = bad_files.{builder}
start = time.perf_counter()
try:
    extract_text(data, {filename!r})
    message = ""
except ExtractError as error:
    message = str(error)
except MemoryError:
    message = "MemoryError"
seconds = time.perf_counter() - start
with open("/proc/self/status") as status:  # this interpreter's own high-water mark, not its parent's
    peak_kb = int(re.search(r"VmHWM:\\s*(\\d+)", status.read())[1])
print(json.dumps({{"message": message, "seconds": seconds, "peak_mb": peak_kb / 1024}}))
"""


def extract_in_a_child(builder, filename):
    """Extract ``bad_files.<builder>`` in a fresh interpreter: its refusal, seconds taken, and peak memory in MB."""
    child = subprocess.run(
        [sys.executable, "-c", _CHILD.format(builder=builder, filename=filename)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    return json.loads(child.stdout.strip().splitlines()[-1])


def refusal(data, filename):
    with pytest.raises(ExtractError) as caught:
        extract_text(data, filename)
    return str(caught.value)


BOMBS = {
    "docx list numbers from 10^8": ("list_number_bomb_docx(10**8)", "a.docx", "自动编号起始值超出范围"),
    "docx list numbers from 10^12": ("list_number_bomb_docx(10**12)", "a.docx", "自动编号起始值超出范围"),
    "docx of 19 XML parts of 10 MB": ("xml_parts_bomb_docx()", "a.docx", "压缩炸弹"),
    "pdf flate stream of 512 MB": ("flate_bomb_pdf(512)", "a.pdf", "解压后超过 100 MB"),
    "pdf of 3 million characters": ("many_characters_pdf(3_000_000)", "a.pdf", "超过 20 万字"),
    "html nested 5,000 deep": ("deeply_nested_html(5000)", "a.html", "嵌套超过 200 层"),
}


@pytest.mark.parametrize("case", BOMBS, ids=list(BOMBS))
def test_an_upload_bomb_is_refused_in_chinese_within_seconds_and_under_a_gigabyte(case):
    builder, filename, words = BOMBS[case]

    outcome = extract_in_a_child(builder, filename)

    assert words in outcome["message"]
    assert outcome["seconds"] < SECONDS
    assert outcome["peak_mb"] < MEGABYTES


def test_html_nested_five_thousand_deep_is_refused_rather_than_overflowing_the_stack():
    assert refusal(deeply_nested_html(5000), "a.html").startswith("网页的标签嵌套超过 200 层")


def test_html_nested_as_deep_as_a_real_page_still_reads():
    assert extract_text(deeply_nested_html(60), "a.html") == LETTER_OPENING


def test_html_of_more_tags_than_any_page_is_refused_before_it_is_parsed():
    page = b"<html><body>" + b"<i></i>" * 150_000 + LETTER_OPENING.encode() + b"</body></html>"

    assert "标签超过 10 万个" in refusal(page, "a.html")


def test_text_longer_than_the_character_budget_is_refused():
    letter = (LETTER_OPENING + "\n") * (200_000 // len(LETTER_OPENING) + 10)

    assert "超过 20 万字" in refusal(letter.encode("utf-8"), "a.txt")


def test_docx_list_starting_at_words_own_maximum_still_reads():
    from tests.bad_files import list_number_bomb_docx

    text = extract_text(list_number_bomb_docx(32767, paragraphs=2), "a.docx")

    # 32767 in letters is "g" written 1261 times: long, but Word itself writes it.
    assert text.split("\n")[2] == "g" * 1261 + ".第1项工作情况"


def test_pdf_of_more_pages_than_a_letter_has_is_refused():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number in range(101):
        pdf.drawString(72, 700, f"Page {number + 1} of a reply to proposal No. 0070 of the fourth meeting")
        pdf.showPage()
    pdf.save()

    assert refusal(buffer.getvalue(), "a.pdf").startswith("PDF 超过 100 页")


def test_pdf_stream_with_a_damaged_checksum_still_gives_its_text():
    # pdfminer keeps what inflates before a bad checksum; the budgeted inflater must too.
    content = b"BT /F1 12 Tf 72 700 Td (Reply to proposal No. 0070 of the fourth meeting) Tj ET\n"
    damaged = zlib.compress(content)[:-4] + b"\x00\x00\x00\x00"

    text = extract_text(handmade_pdf(damaged, content_attributes=b"/Filter /FlateDecode "), "a.pdf")

    assert text == "Reply to proposal No. 0070 of the fourth meeting"
