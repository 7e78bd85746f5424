"""Write fixtures/seed_replies.json from the raw seed letters and their expected fields.

Each letter is parsed by the project's own parser; where the letter does not name the
replying agency (``agency_in_text: false`` in expected.json), the agency the clerk supplies
is filled in, as a clerk would in the admin. Run it against an empty, throwaway database:

    ARCHIVE_DATA_DIR=$(mktemp -d) python manage.py migrate
    ARCHIVE_DATA_DIR=... python manage.py build_seed_fixture

The letters are read from fixtures/seed_letters unless another folder is given.
"""

import json
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.ingest import save_parsed_reply
from archive.models import Agency, Person, Place, Proposal, Proposer, Reply, Section, Session
from archive.parsing import parse_reply

SEED_MODELS = [Place, Session, Agency, Person, Proposal, Proposer, Reply, Section]


class Command(BaseCommand):
    help = "由示例答复原文生成 fixtures/seed_replies.json（需在空数据库上运行）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "seeds_dir", nargs="?", default=str(settings.BASE_DIR / "fixtures" / "seed_letters"),
            help="含示例答复 .txt 与 expected.json 的文件夹（默认 fixtures/seed_letters）",
        )
        parser.add_argument("--output", default=str(settings.BASE_DIR / "fixtures" / "seed_replies.json"))

    def handle(self, *args, **options):
        if Reply.objects.exists():
            raise CommandError("数据库中已有答复：请在空的临时数据库上运行（设置 ARCHIVE_DATA_DIR）。")
        seeds = Path(options["seeds_dir"])
        expected = json.loads((seeds / "expected.json").read_text("utf-8"))
        with transaction.atomic():
            for entry in expected:
                text = (seeds / entry["file"]).read_text("utf-8")
                parsed = parse_reply(text)
                if not entry.get("agency_in_text", True):
                    parsed = replace(parsed, agency=entry["agency"])
                save_parsed_reply(parsed, raw_text=text, publish=True)
            objects = [obj for model in SEED_MODELS for obj in model.objects.order_by("pk")]
            data = serializers.serialize("json", objects, indent=1, ensure_ascii=False)
            transaction.set_rollback(True)
        Path(options["output"]).write_text(data + "\n", encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"已写入 {len(expected)} 件示例答复：{options['output']}"))
