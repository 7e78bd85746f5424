"""The numbers behind each chart, as one table that the page shows and the CSV download holds.

A cell knows its text on the page and its values in the file, so the two cannot disagree: a share is
"12（40.0%）" on the page and two columns, 12 and 40.0, in the file, which a spreadsheet can sum.
"""

import csv
import io
from dataclasses import dataclass

from archive.privacy import mask_personal_numbers
from archive.spreadsheet_safety import safe_cell
from stats.topics import share


@dataclass(frozen=True)
class Cell:
    text: str  # as the page shows it
    values: tuple  # as the CSV holds it: one value, or a share's count and percent
    url: str = ""


@dataclass(frozen=True)
class Column:
    header: str
    share: bool = False  # two columns in the CSV: the count and the percent


@dataclass(frozen=True)
class Table:
    caption: str
    columns: list[Column]
    rows: list[list[Cell]]  # the first cell of a row names it

    @property
    def csv_headers(self) -> list[str]:
        headers = []
        for column in self.columns:
            headers += [f"{column.header}（件）", f"{column.header}（%）"] if column.share else [column.header]
        return headers


def label_cell(text: str, url: str = "") -> Cell:
    # Text in a file is made safe from formulas (a keyword or an agency's name comes from a letter).
    return Cell(text, (safe_cell(mask_personal_numbers(text)),), url)


def count_cell(count: int) -> Cell:
    return Cell(str(count), (count,))


def share_cell(count: int, total: int) -> Cell:
    percent = round(share(count, total), 1)
    return Cell(f"{count}（{percent:.1f}%）", (count, percent))


def points_cell(change: float) -> Cell:
    """A change in percentage points: signed on the page, a plain number in the file (where - starts no formula)."""
    return Cell(f"{change:+.1f}", (round(change, 1),))


def table_csv(table: Table) -> bytes:
    """The table as a CSV file: UTF-8 with a BOM (as archive.dataset writes its CSV: without it Excel and WPS read
    a UTF-8 CSV in the local code page, mojibake), the header row, one line a row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.csv_headers)
    writer.writerows([value for cell in row for value in cell.values] for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")
