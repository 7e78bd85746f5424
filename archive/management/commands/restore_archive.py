from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from archive.backup import BackupError, restore_archive


class Command(BaseCommand):
    help = "把 backup_archive 生成的备份恢复到空的档案中，并重建检索索引。"

    def add_arguments(self, parser):
        parser.add_argument("source", help="备份文件路径")

    def handle(self, *args, **options):
        try:
            manifest = restore_archive(Path(options["source"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        call_command("rebuild_search_index", verbosity=options["verbosity"])
        self.stdout.write(self.style.SUCCESS(
            f"已恢复 {manifest['replies']} 件答复、{manifest['files']} 个原件（备份于 {manifest['created']}）。"))
