from pathlib import Path

from django.core.management.base import BaseCommand

from archive.backup import export_archive


class Command(BaseCommand):
    help = "把整个档案（数据库记录与上传的原件）导出为一个 .tar.gz 文件。"

    def add_arguments(self, parser):
        parser.add_argument("destination", help="备份文件路径，如 archive-2026-11-22.tar.gz")

    def handle(self, *args, **options):
        manifest = export_archive(Path(options["destination"]))
        self.stdout.write(self.style.SUCCESS(
            f"已备份 {manifest['replies']} 件答复、{manifest['files']} 个原件到 {options['destination']}。"))
