"""Extraction is pure Python: these tests run without Django (``-p no:django``)."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_files():
    # Shadows the suite-wide fixture of the same name, which needs Django's settings; nothing here writes files.
    yield
