"""Load the five seed replies (fixtures/seed_replies.json) into an empty archive.

An archive that already holds replies is left as it is, so ``make run`` can be repeated
without overwriting what clerks changed.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from archive.models import Reply


class Command(BaseCommand):
    help = "向空档案载入五件示例答复；已有答复时不做任何改动。"

    def handle(self, *args, **options):
        if Reply.objects.exists():
            self.stdout.write("档案中已有答复，未载入示例。")
            return
        call_command("loaddata", "seed_replies", verbosity=options["verbosity"])
        self.stdout.write(self.style.SUCCESS(f"已载入 {Reply.objects.count()} 件示例答复。"))
