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
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from archive.models import Reply
from archive.privacy import mask_personal_numbers
from archive.spreadsheet_safety import safe_cell
from search.executor import Matches
from search.matched_replies import public_in_order

BOM = "\ufeff"  # without it Excel and WPS read a UTF-8 CSV as the local code page: mojibake
ROWS_A_WRITE = 200  # CSV rows sent to the client at once
XLSX_MAX_CELL = 32_767  # characters Excel keeps in a cell


def _body(reply: Reply) -> str:
    proposal = reply.proposal
    return proposal.body or (proposal.session.body if proposal.session_id else "")


def _proposers(reply: Reply) -> str:
    """In the letter's order, the lead first, each with 代表 or 委员: 朱蓉（代表）、民盟慈溪市委."""
    people = [link.person for link in reply.proposal.proposer_links.all()]
    return "、".join(f"{p.name}（{p.role}）" if p.role in (p.Role.DEPUTY, p.Role.MEMBER) else p.name for p in people)


# (header, value of a reply given the site's root URL): the columns of every export, in order.
COLUMNS = (
    ("答复编号", lambda reply, site: reply.pk),
    ("链接", lambda reply, site: site + reply.get_absolute_url()),
    ("人大/政协", lambda reply, site: _body(reply)),
    ("地区", lambda reply, site: reply.proposal.place.path if reply.proposal.place_id else ""),
    ("区划代码", lambda reply, site: reply.proposal.place.code if reply.proposal.place_id else ""),
    ("会议", lambda reply, site: str(reply.proposal.session) if reply.proposal.session_id else ""),
    ("建议提案编号", lambda reply, site: reply.proposal.number),
    ("建议提案标题", lambda reply, site: reply.proposal.title),
    ("提出人", lambda reply, site: _proposers(reply)),
    ("答复单位", lambda reply, site: reply.agency.name if reply.agency_id else ""),
    ("答复日期", lambda reply, site: reply.date),
    ("文号", lambda reply, site: reply.doc_number),
    ("办理结果分类", lambda reply, site: reply.get_result_class_display()),
    ("办理结果（原文）", lambda reply, site: reply.result_label),
    ("公开属性", lambda reply, site: reply.disclosure),
    ("主题词", lambda reply, site: "、".join(reply.keywords)),
    ("下一步工作", lambda reply, site: reply.next_steps),
)
HEADERS = [header for header, _ in COLUMNS]


def _cell(value):
    """Numbers and dates as they are; text masked, then made safe from formulas."""
    if value is None:
        return ""
    if isinstance(value, int | date):
        return value
    return safe_cell(mask_personal_numbers(str(value)))


def export_rows(ids: list[int], site: str) -> Iterator[list]:
    """One row of cells per public reply of ``ids``, in their order; ``site`` is the root URL (https://host)."""
    replies = (
        Reply.objects.select_related("agency", "proposal__session__place", "proposal__place")
        .with_proposers().defer("raw_text", "body_text")
    )
    for reply in public_in_order(replies, ids):
        yield [_cell(value(reply, site)) for _, value in COLUMNS]


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
