"""Writes the .doc and .wps fixtures beside this file from corpus letters; needs LibreOffice (soffice).

    .venv/bin/python tests/data/formats/make_fixtures.py

Each letter is first a .docx whose headings are Word's automatic lists (``tests.letter_files``), then
saved by LibreOffice in Word 97-2003's binary format. A .wps of WPS Office is that same format under
another name, so the .wps fixtures are such files named .wps: no WPS Office was at hand to write one.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.letter_files import SAMPLES, letter_text, numbered_docx  # noqa: E402

# Three as .doc, two as .wps: every sample letter once.
EXTENSIONS = {SAMPLES[0]: ".doc", SAMPLES[1]: ".doc", SAMPLES[2]: ".doc", SAMPLES[3]: ".wps", SAMPLES[4]: ".wps"}


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        for name, extension in EXTENSIONS.items():
            source = Path(work, Path(name).with_suffix(".docx").name)
            source.write_bytes(numbered_docx(letter_text(name)))
            subprocess.run(
                ["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--norestore",
                 "--convert-to", "doc:MS Word 97", "--outdir", work, str(source)],
                check=True, capture_output=True, timeout=120,
            )
            target = HERE / Path(name).with_suffix(extension).name
            target.write_bytes(source.with_suffix(".doc").read_bytes())
            print(target.name, target.stat().st_size)


if __name__ == "__main__":
    main()
