"""Import reply letters from files or folders (searched recursively) as drafts.

Each file is extracted, parsed and saved in its own transaction: a file that fails is
reported and skipped, the others are kept, and nothing of the failed file is left behind.
A letter already in the archive (same content hash) is skipped as a duplicate, so running
the command twice changes nothing. ``--publish`` publishes what it imports; ``--dry-run``
parses and reports without saving. ``--place`` names the place of letters whose agency and
session name none (a county's own archive: ``--place 慈溪市``). Exits non-zero when any file failed.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from archive.db_statistics import refresh_planner_statistics
from archive.extract import SUPPORTED_EXTENSIONS, ExtractError
from archive.ingest import DuplicateReply, import_file
from archive.places import place_named


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
        imported, duplicates, failed = 0, 0, []
        for done, path in enumerate(files, start=1):
            try:
                result = import_file(
                    path.read_bytes(), path.name,
                    publish=options["publish"], agency=options["agency"], place=place, dry_run=options["dry_run"],
                )
                for warning in result.parsed.warnings if options["verbosity"] > 1 else ():
                    self.stdout.write(f"  {path.name}：{warning}")
                imported += 1
            except DuplicateReply as error:
                duplicates += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"  {path.name}：{error.message}")
            except (ExtractError, ValidationError, OSError) as error:
                failed.append((path, error.messages[0] if isinstance(error, ValidationError) else str(error)))
            except DatabaseError as error:  # this file's transaction was rolled back; the next may get through
                failed.append((path, f"数据库错误，未保存：{error}"))
            if options["verbosity"] > 0:
                self.stdout.write(f"\r[{done}/{len(files)}] {path.name}", ending="\n" if done == len(files) else "")
                self.stdout.flush()
        if imported and not options["dry_run"]:
            refresh_planner_statistics()
        verb = "可导入" if options["dry_run"] else "已导入"
        summary = f"{verb} {imported} 件，重复跳过 {duplicates} 件，失败 {len(failed)} 件。"
        self.stdout.write(self.style.SUCCESS(summary))
        for path, reason in failed:
            self.stderr.write(self.style.ERROR(f"失败：{path}：{reason}"))
        if failed:
            raise CommandError(f"{len(failed)} 个文件未能导入。")

