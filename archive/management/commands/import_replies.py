"""Import reply letters from files, folders (searched recursively) and zip batches as drafts.

Each file, and each letter of a zip, is extracted, parsed and saved in its own transaction: a
letter that fails is reported and skipped, the others are kept, and nothing of the failed letter
is left behind.
A letter already in the archive (same content hash) is skipped as a duplicate, so running
the command twice changes nothing. ``--publish`` publishes what it imports; ``--dry-run``
parses and reports without saving. ``--place`` names the place of letters whose agency and
session name none (a county's own archive: ``--place 慈溪市``). Exits non-zero when any file failed.
"""

from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from archive.db_statistics import refresh_planner_statistics
from archive.extract import SUPPORTED_EXTENSIONS, ExtractError, batch_members, is_batch, refuse_oversized
from archive.ingest import DuplicateReply, import_file
from archive.places import place_named
from config.progress import progress_bar


def _files_under(paths: list[str]) -> list[Path]:
    found = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS))
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"找不到文件或文件夹：{name}")
    return found


def _letters(path: Path) -> Iterator[tuple[str, str, bytes, str]]:
    """(name shown, file name, bytes, refusal) of each letter in a file: the file itself, or each letter of a zip.

    Raises ExtractError (or OSError) when the file, or the zip as a whole, cannot be read.
    """
    if not is_batch(path.name):
        yield str(path), path.name, path.read_bytes(), ""
        return
    max_bytes = settings.ARCHIVE_MAX_UPLOAD_BYTES
    refuse_oversized(path.stat().st_size, max_bytes)
    for member in batch_members(path.read_bytes(), path.name, max_bytes=max_bytes):
        yield f"{path} › {member.name}", member.name, member.data, member.error


class Command(BaseCommand):
    help = "从文件或文件夹批量导入答复函（默认保存为草稿）。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="文件或文件夹")
        parser.add_argument("--publish", action="store_true", help="导入后直接发布")
        parser.add_argument("--agency", help="正文未写明答复单位时使用的单位名称")
        parser.add_argument("--place", help="答复函未写明地区时使用的地区，如“慈溪市”“广州市南沙区”")
        parser.add_argument("--dry-run", action="store_true", help="只解析并报告，不保存")

    def handle(self, *args, **options):
        files = _files_under(options["paths"])
        try:
            place = place_named(options["place"]) if options["place"] else None
        except ValueError as error:
            raise CommandError(str(error)) from None
        counts, failed = {"imported": 0, "duplicate": 0}, []
        bar = progress_bar(len(files), description="导入", unit="个文件")
        for path in files:
            try:
                for shown, filename, data, refusal in _letters(path):
                    outcome = refusal or self._import(data, filename, shown, place, options)
                    if outcome in counts:
                        counts[outcome] += 1
                    else:
                        failed.append((shown, outcome))
            except (ExtractError, OSError) as error:  # the file, or the zip as a whole
                failed.append((path, str(error)))
            bar.update()
        bar.close()
        if counts["imported"] and not options["dry_run"]:
            refresh_planner_statistics()
        verb = "可导入" if options["dry_run"] else "已导入"
        summary = f"{verb} {counts['imported']} 件，重复跳过 {counts['duplicate']} 件，失败 {len(failed)} 件。"
        self.stdout.write(self.style.SUCCESS(summary))
        for path, reason in failed:
            self.stderr.write(self.style.ERROR(f"失败：{path}：{reason}"))
        if failed:
            raise CommandError(f"{len(failed)} 个文件未能导入。")

    def _import(self, data: bytes, filename: str, shown: str, place, options) -> str:
        """Save one letter: "imported", "duplicate", or why it failed, in Chinese."""
        try:
            result = import_file(
                data, filename,
                publish=options["publish"], agency=options["agency"], place=place, dry_run=options["dry_run"],
            )
        except DuplicateReply as error:
            if options["verbosity"] > 1:
                self.stdout.write(f"  {shown}：{error.message}")
            return "duplicate"
        except ExtractError as error:
            return str(error)
        except ValidationError as error:
            return error.messages[0]
        except DatabaseError as error:  # this letter's transaction was rolled back; the next may get through
            return f"数据库错误，未保存：{error}"
        for warning in result.parsed.warnings if options["verbosity"] > 1 else ():
            self.stdout.write(f"  {shown}：{warning}")
        return "imported"

