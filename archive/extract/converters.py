"""LibreOffice, run headless, turns a Word 97-2003 file (.doc, .wps) into a .docx the ``word`` reader reads.

Measured against antiword and catdoc on corpus letters saved as .doc: all keep the Chinese of typed
text, but only LibreOffice keeps Word's automatic heading numbers (一、 （一）), which the parser finds
sections by; it takes about 1.3 s a letter with a warm profile (antiword and catdoc: milliseconds).

Installed by ``scripts/install_converters.sh`` (Debian's libreoffice-writer-nogui). Each conversion has a
time budget and runs in its own process group, killed whole when it overruns; its output goes through
the .docx reader's zip and XML budgets like any upload. One conversion at a time per process, with a
LibreOffice profile of the process's own: a profile is not safe to share, and making one costs seconds.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from archive.extract.budgets import ExtractError

CONVERTER_TIMEOUT_SECONDS = 60
INSTALL_SCRIPT = "scripts/install_converters.sh"
_PROGRAM = "soffice"
_LOCK = threading.Lock()
_profiles: dict[int, str] = {}  # process id → its LibreOffice profile; a forked worker makes its own


def unavailable() -> str:
    """Why Word 97-2003 files cannot be read here, in Chinese; "" when LibreOffice is installed."""
    if shutil.which(_PROGRAM):
        return ""
    return f"服务器尚未安装 LibreOffice（管理员运行 {INSTALL_SCRIPT} 即可安装），暂时无法读取"


def to_docx(data: bytes, extension: str, *, timeout: float = CONVERTER_TIMEOUT_SECONDS) -> bytes:
    """The .docx LibreOffice saves the file as; ExtractError when it is missing, fails or overruns."""
    reason = unavailable()
    if reason:
        raise ExtractError(f"{reason} {extension} 文件。请在 Word 或 WPS 中“另存为” .docx 后再上传。")
    with _LOCK, tempfile.TemporaryDirectory(prefix="archive-convert-") as work:
        source = Path(work, f"letter{extension}")
        source.write_bytes(data)
        _run([
            _PROGRAM, f"-env:UserInstallation=file://{_profile()}", "--headless", "--norestore", "--nologo",
            "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", work, str(source),
        ], timeout)
        produced = Path(work, "letter.docx")
        if not produced.is_file():
            raise ExtractError(
                f"无法转换这个 {extension} 文件：文件可能已损坏或设有密码。"
                "请在 Word 或 WPS 中打开，去掉密码后“另存为” .docx 再上传。"
            )
        return produced.read_bytes()


def _run(command: list[str], timeout: float) -> None:
    # soffice starts soffice.bin as its child: on overrunning, the whole process group goes.
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise ExtractError(
            f"转换文件超过 {timeout:g} 秒仍未完成，为安全起见已停止。请在 Word 或 WPS 中“另存为” .docx 后再上传。"
        ) from None


def _profile() -> str:
    pid = os.getpid()
    if pid not in _profiles:
        _profiles[pid] = tempfile.mkdtemp(prefix="archive-libreoffice-")
        atexit.register(_remove_profile, pid)
    return _profiles[pid]


def _remove_profile(pid: int) -> None:
    if os.getpid() == pid:  # a forked child runs its parent's exit handlers too: leave the parent's alone
        shutil.rmtree(_profiles.pop(pid), ignore_errors=True)
