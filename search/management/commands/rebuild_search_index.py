"""Rebuild the search index from the database without ever emptying the live index.

Every public reply is written into a new folder beside the live index; changes committed
meanwhile are replayed from the queue; then the live symlink is switched atomically and
running processes pick up the new index on their next query. Safe while the site serves.
(haystack's ``rebuild_index`` also works, but it empties the live index while it runs.)
"""

from django.core.management.base import BaseCommand

from config.progress import progress_bar
from search.indexing import rebuild


class Command(BaseCommand):
    help = "在现有索引旁重建检索索引，完成后原子切换；重建期间检索照常可用。"

    def add_arguments(self, parser):
        parser.add_argument("--procs", type=int, default=None, help="写索引用几个进程（默认按处理器核数，最多 4 个）。")

    def handle(self, *args, **options):
        bar = progress_bar(0, description="重建索引", unit="件")

        def progress(done, total):
            bar.total = total
            bar.update(done - bar.n)
            if options["verbosity"] > 1:
                self.stdout.write(f"{done}/{total}")

        count = rebuild(procs=options["procs"], progress=progress)
        bar.close()
        self.stdout.write(self.style.SUCCESS(f"检索索引已重建：{count} 件公开答复。"))
