"""One file holding the whole archive — its database rows and the uploaded originals — and back.

The file is a .tar.gz with ``manifest.json``, ``data.json`` (Django's dumpdata, natural keys, so it
loads into any empty database, SQLite or PostgreSQL) and ``originals/``. The search index is not
in it: it is rebuilt from the database after a restore.
"""

import io
import json
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from archive.models import Reply

FORMAT = 1
# Rebuilt by Django or by the archive itself, so left out: they would only clash on restore. Commitments are read
# again from each reply as it is loaded (commitments.signals), and the search queue and cache are rebuilt.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "search", "commitments"]


class BackupError(Exception):
    """A backup that cannot be restored here; the message is in Chinese."""


def _media_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def export_archive(destination: Path) -> dict:
    """Write the archive to ``destination`` (written beside it first, so a failed run leaves no half file)."""
    rows = io.StringIO()
    call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDED, stdout=rows)
    media = Path(settings.MEDIA_ROOT)
    files = _media_files(media)
    manifest = {"format": FORMAT, "created": datetime.now(UTC).isoformat(),
                "replies": Reply.objects.count(), "files": len(files)}
    destination = Path(destination)
    with tempfile.NamedTemporaryFile(dir=destination.parent, suffix=".partial", delete=False) as partial:
        with tarfile.open(fileobj=partial, mode="w:gz") as tar:
            members = (("manifest.json", json.dumps(manifest, ensure_ascii=False)), ("data.json", rows.getvalue()))
            for name, payload in members:
                data = payload.encode("utf-8")
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            for path in files:
                tar.add(path, arcname=f"originals/{path.relative_to(media).as_posix()}")
    Path(partial.name).replace(destination)
    return manifest


def restore_archive(source: Path) -> dict:
    """Load a backup into this empty archive: rows in one transaction, then the original files."""
    media = Path(settings.MEDIA_ROOT)
    if Reply.objects.exists() or _media_files(media):
        raise BackupError("当前档案不是空的：请在新的数据目录中恢复（设置 ARCHIVE_DATA_DIR 并先运行 migrate）。")
    try:
        tar = tarfile.open(source, mode="r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"无法读取备份文件：{error}") from error
    with tar, tempfile.TemporaryDirectory() as scratch:
        try:
            manifest = json.loads(tar.extractfile("manifest.json").read())
        except (KeyError, ValueError, AttributeError) as error:
            raise BackupError("这不是本档案的备份文件：缺少 manifest.json。") from error
        if manifest.get("format") != FORMAT:
            raise BackupError(f"备份格式 {manifest.get('format')} 不受支持。")
        # The "data" filter refuses absolute paths, links out of the folder and device files.
        tar.extractall(scratch, filter="data")
        with transaction.atomic():
            call_command("loaddata", str(Path(scratch) / "data.json"), verbosity=0)
        originals = Path(scratch) / "originals"
        for path in _media_files(originals):
            target = media / path.relative_to(originals)
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
    return manifest
