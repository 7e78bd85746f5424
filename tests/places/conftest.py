"""Place reading is pure Python: these tests run without Django (``pytest -p no:django tests/places``)."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_files():
    """Stands in for the suite-wide fixture of this name, which needs Django settings;
    reading places writes no files."""
    yield
