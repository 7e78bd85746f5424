from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from archive.dataset import KEEP, write_dump


class Command(BaseCommand):
    help = (
        "导出公开数据集：全部公开答复及其段落（JSON Lines、CSV）、数据字典和校验值，打包为一个带日期的 .zip；"
        "默认写入 $ARCHIVE_DATA_DIR/datasets/，即 /data/ 页面提供下载的位置。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="写入的文件夹（默认 $ARCHIVE_DATA_DIR/datasets/）")
        parser.add_argument("--keep", type=int, default=KEEP, help=f"保留最近几份数据集（默认 {KEEP}）")

    def handle(self, *args, **options):
        if options["keep"] < 1:
            raise CommandError("--keep 至少为 1：刚导出的这一份总要保留。")
        output = options["output"] or settings.DATASET_DIR
        dump = write_dump(output, timezone.localdate(), keep=options["keep"])
        self.stdout.write(self.style.SUCCESS(
            f"已导出 {dump.replies} 件公开答复、{dump.sections} 个段落到 {Path(output) / dump.name}"
            f"（{filesizeformat(dump.size)}，SHA-256 {dump.sha256}）。"
        ))
