"""The parser is pure Python: its tests run without Django (``pytest -p no:django tests/parsing``)."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_files():
    """Stands in for the suite-wide fixture of this name, which needs Django settings; the parser writes no files."""
    yield
