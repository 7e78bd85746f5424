"""Read every reply's commitments again and link their follow-ups (after upgrading, or after the rules change).

New and edited replies get theirs on save; this is for an archive that predates commitments, or after
``archive/parsing/commitments.py`` or ``deadlines.py`` changed. Replies whose commitments changed are
queued for the search index (their 承诺 facet). ``--dry-run`` reports how many would change.
"""

from django.core.management.base import BaseCommand

from archive.models import Reply
from commitments.deriving import derive_all
from commitments.models import Commitment


class Command(BaseCommand):
    help = "从全部答复重新读出下一步承诺及其期限，并重新关联后续答复。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只报告会改变多少件，不写入")

    def handle(self, *args, **options):
        changed = derive_all(dry_run=options["dry_run"])
        verb = "将改变" if options["dry_run"] else "已更新"
        self.stdout.write(self.style.SUCCESS(
            f"{verb} {changed} 件答复的承诺事项（共 {Reply.objects.count()} 件答复，"
            f"{Commitment.objects.count()} 项承诺）。"
        ))
