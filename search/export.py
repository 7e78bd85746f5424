"""Every match of a search as a spreadsheet, one row per reply: CSV for any tool, XLSX for Excel and WPS.

Rows come from the database in chunks of the search's ids (``search.matched_replies``), so a file of
10,000 replies never holds them all in memory. Every text cell is masked (personal mobile and ID numbers,
``archive.privacy``) and formula-safe (``archive.spreadsheet_safety``): a title or a name is written by
whoever sent the letter. What a file leaves out (rows past the cap, a search out of time) is said in a
last row, where a journalist scrolling to the end sees it, and in XLSX on a sheet of its own too.
"""

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from archive.models import Reply
from archive.reply_rows import in_one_cell, proposers_of, reply_row
from archive.spreadsheet_safety import safe_cell
from search.executor import Matches
from search.matched_replies import public_chunks

BOM = "\ufeff"  # without it Excel and WPS read a UTF-8 CSV as the local code page: mojibake
ROWS_A_WRITE = 200  # CSV rows sent to the client at once
XLSX_MAX_CELL = 32_767  # characters Excel keeps in a cell


# (header, field of ``archive.reply_rows.reply_row``): the columns of every export, in order. The bulk dataset
# writes the same values under English names; a journalist's spreadsheet gets Chinese headers.
COLUMNS = (
    ("答复编号", "id"),
    ("链接", "url"),
    ("人大/政协", "body"),
    ("地区", "place"),
    ("区划代码", "place_code"),
    ("会议", "session"),
    ("建议提案编号", "proposal_number"),
    ("建议提案标题", "proposal_title"),
    ("提出人", "proposers"),
    ("答复单位", "agency"),
    ("答复日期", "date"),
    ("文号", "doc_number"),
    ("办理结果分类", "result_class"),
    ("办理结果（原文）", "result_label"),
    ("公开属性", "disclosure"),
    ("主题词", "keywords"),
    ("下一步工作", "next_steps"),
)
HEADERS = [header for header, _ in COLUMNS]


def export_rows(ids: list[int], site: str) -> Iterator[list]:
    """One row of cells per public reply of ``ids``, in their order; ``site`` is the root URL (https://host).

    Values as ``reply_row`` makes them (masked); proposers read as values a chunk at a time, not prefetched:
    prefetched links point back at their proposal, and those cycles outlived their chunk until the garbage
    collector ran (12 MB at 1,000 rows, growing with the file)."""
    replies = Reply.objects.select_related("agency", "proposal__session", "proposal__place").defer(
        "raw_text", "body_text"
    )
    for chunk in public_chunks(replies, ids):
        proposers = proposers_of({reply.proposal_id for reply in chunk})
        for reply in chunk:
            row = reply_row(reply, proposers.get(reply.proposal_id, []), text=False)
            row["url"] = site + row["url"]
            yield [_cell(row[name]) for _, name in COLUMNS]


def _cell(value):
    """A number as it is; anything else as text a spreadsheet cannot run as a formula."""
    return value if isinstance(value, int) else safe_cell(in_one_cell(value))


def export_notes(matches: Matches, limit: int) -> list[str]:
    """What the file leaves out, in Chinese: nothing to say for a complete file."""
    if matches.out_of_time:
        return [f"（检索超时，只导出了已找到的 {len(matches.ids)} 条，可能不全；请缩小检索范围后再导出）"]
    if matches.total > len(matches.ids):
        return [f"（仅导出前 {limit} 条，共 {matches.total} 条；请缩小检索范围）"]
    if not matches.total:
        return ["（没有符合检索条件的公开答复）"]
    return []


def csv_chunks(rows: Iterable[list], notes: list[str]) -> Iterator[bytes]:
    """The CSV file in pieces: UTF-8 with a BOM, the header row, the rows, then each note as a last row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(HEADERS)
    yield _drain(buffer)  # at once: the download starts while the first rows are read
    for count, row in enumerate(rows, start=1):
        writer.writerow(row)
        if not count % ROWS_A_WRITE:
            yield _drain(buffer)
    writer.writerows([note] for note in notes)
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> bytes:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode("utf-8")


def xlsx_file(rows: Iterable[list], notes: list[str]):
    """The XLSX file, written row by row (openpyxl's write-only mode) into a temporary file, rewound."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("答复")
    sheet.freeze_panes = "A2"
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
    for note in notes:
        sheet.append([note])
    if notes:
        about = workbook.create_sheet("说明")
        for note in notes:
            about.append([note])
    file = tempfile.TemporaryFile()
    workbook.save(file)
    file.seek(0)
    return file


def _xlsx_value(value):
    # XML has no place for most control characters (openpyxl refuses them) and Excel cuts a long cell.
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_MAX_CELL] if isinstance(value, str) else value
