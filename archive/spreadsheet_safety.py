"""Cells that a spreadsheet opens as text, never as a formula (CSV/XLSX injection).

Excel, WPS and LibreOffice run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and
a leading tab or carriage return hides such a start; a letter's title or a proposer's name is written
by whoever sent it. An apostrophe in front makes the spreadsheet show the text as it is.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """The cell's text, an apostrophe in front when a spreadsheet would read it as a formula; None is empty."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
