import pytest

from archive import ocr
from tests.clerk.conftest import clerk_client  # noqa: F401  (the clerk's logged-in client, for uploads)

# CI installs the engine (scripts/install_ocr.sh, run by make test); elsewhere these tests say why they skip.
needs_engine = pytest.mark.skipif(bool(ocr.unavailable()), reason=f"需要 Tesseract：{ocr.unavailable()}")
