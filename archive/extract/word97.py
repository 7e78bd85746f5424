"""Word 97-2003 documents (.doc), and WPS Office's own .wps, which is the same binary format.

A .wps that WPS Office writes is an OLE compound file with a "WordDocument" stream, as a .doc is
(Microsoft Works' .wps and the DOS-era WPS formats are not, and are refused as not WPS documents).
LibreOffice converts either to .docx (``converters``), which the ``word`` reader reads within its budgets.
"""

from __future__ import annotations

from archive.extract import word
from archive.extract.converters import to_docx


def read_doc(data: bytes) -> str:
    return word.read(to_docx(data, ".doc"))


def read_wps(data: bytes) -> str:
    return word.read(to_docx(data, ".wps"))
