"""Print what the parser reads from one reply file, without touching the database.

``--json`` prints one JSON object with the keys of docs/design.md's parser contract; without it,
a readable summary. A file that cannot be read exits non-zero with the reason in Chinese.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.extract import ExtractError, extract_text
from archive.parsing import parse_reply, result_class_of

# The summary's labels, in the order a clerk checks a letter.
LABELS = {
    "proposer_names": "提出人", "proposer_role": "身份", "proposer_kind": "提出人类型", "body": "机构",
    "proposal_kind": "类别", "proposal_number": "编号", "session": "会议", "proposal_title": "标题",
    "agency": "答复单位",
    "date": "日期", "doc_number": "文号", "result_label": "办理结果", "disclosure": "公开属性",
    "handling_role": "办理方式", "reply_kind": "答复类型", "signer": "签发人", "contact_name": "联系人",
    "contact_phone": "联系电话", "cc": "抄送",
}

# How the summary names the kinds of proposer.
KINDS = {"person": "个人", "organisation": "组织"}


class Command(BaseCommand):
    help = "解析一个答复函文件并打印识别出的字段（不写入数据库）。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="答复函文件：.txt .docx .pdf .html")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出全部字段")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            text = extract_text(path.read_bytes(), path.name, max_bytes=settings.ARCHIVE_MAX_UPLOAD_BYTES)
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror}") from error
        except ExtractError as error:
            raise CommandError(f"{path.name}：{error}") from error
        parsed = parse_reply(text)
        if options["json"]:
            self.stdout.write(json.dumps(parsed.as_dict(), ensure_ascii=False, indent=2))
            return
        fields = parsed.as_dict() | {"proposer_kind": KINDS.get(parsed.proposer_kind)}
        for key, label in LABELS.items():
            value = fields[key]
            shown = "、".join(value) if isinstance(value, list) else value
            self.stdout.write(f"{label}：{shown or '—'}")
        self.stdout.write(f"办理结果分类：{result_class_of(parsed.result_class, parsed.result_label) or '—'}")
        self.stdout.write("段落：")
        for section in parsed.sections:
            indent = "  " * section.level
            self.stdout.write(f"{indent}{section.number} {section.title}")
        if parsed.next_steps:
            self.stdout.write(f"下一步：{parsed.next_steps[:80]}…")
        for warning in parsed.warnings:
            self.stdout.write(self.style.WARNING(f"提示：{warning}"))
