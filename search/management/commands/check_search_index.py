"""Report where the search index and the database disagree; ``--repair`` fixes it.

Disagreements: public replies missing from the index, indexed replies that are deleted or no
longer public, and indexed replies whose stored values are older than the database's. Exits
with status 1 when they disagree and were not repaired, so monitoring can call it.
"""

import sys

from django.core.management.base import BaseCommand

from search.indexing import compare, repair


class Command(BaseCommand):
    help = "检查检索索引与数据库是否一致；加 --repair 修复。"

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="把不一致的答复重新写入索引。")

    def handle(self, *args, **options):
        found = compare()
        if found.agrees:
            self.stdout.write(self.style.SUCCESS("检索索引与数据库一致。"))
            return
        for label, ids in [("索引中缺少的公开答复", found.missing), ("索引中多出的（已删除或不公开）", found.extra),
                           ("索引中过时的", found.stale)]:
            if ids:
                shown = "、".join(map(str, sorted(ids)[:20])) + ("……" if len(ids) > 20 else "")
                self.stdout.write(self.style.ERROR(f"{label}：{len(ids)} 件（编号 {shown}）"))
        if options["repair"]:
            count = repair(found)
            self.stdout.write(self.style.SUCCESS(f"已重新索引 {count} 件答复。"))
        else:
            sys.exit(1)
