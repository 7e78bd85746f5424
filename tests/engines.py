"""Marks for tests that need an engine the machine may lack (LibreOffice, Tesseract).

Run by hand on a machine without one, such a test is skipped and says why. ``make test`` installs the engines
first and sets ARCHIVE_REQUIRE_ENGINES=1: there a missing engine is an install that failed, so its tests run and
fail rather than skip unnoticed.
"""

import os

import pytest

from archive import ocr
from archive.extract import converters


def needs(engine: str, missing: str | None) -> pytest.MarkDecorator:
    """Skip when ``missing`` says the engine is absent, unless the run requires the engines."""
    required = os.environ.get("ARCHIVE_REQUIRE_ENGINES") == "1"
    return pytest.mark.skipif(bool(missing) and not required, reason=f"需要 {engine}：{missing}")


needs_libreoffice = needs("LibreOffice（scripts/install_converters.sh）", converters.unavailable())
needs_tesseract = needs("Tesseract（scripts/install_ocr.sh）", ocr.unavailable())
