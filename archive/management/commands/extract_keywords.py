"""Extract every reply's topic keywords again (after changing archive/keywords.py or the dictionary).

New and imported replies get their keywords on save; this refreshes the stored ones.
``--dry-run`` reports how many would change without writing.
"""

from django.core.management.base import BaseCommand

from archive.keywords import refresh_keywords
from archive.models import Reply


class Command(BaseCommand):
    help = "重新提取全部答复的主题词（修改提取规则或词典之后运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只报告会改变多少件，不写入")

    def handle(self, *args, **options):
        changed = refresh_keywords(Reply.objects.all(), dry_run=options["dry_run"])
        verb = "将改变" if options["dry_run"] else "已更新"
        self.stdout.write(self.style.SUCCESS(f"{verb} {changed} 件答复的主题词（共 {Reply.objects.count()} 件）。"))
