"""The bulk dataset: every public reply and its sections in one dated .zip, and the dumps kept so far.

``reply-archive-YYYY-MM-DD.zip`` holds one folder of the same name with ``replies.jsonl``,
``replies.csv``, ``sections.jsonl``, ``sections.csv`` (CSV in UTF-8 with a BOM, so Excel and WPS read
the Chinese; cells that would run as formulas neutralised), ``README.md`` (the data dictionary) and
``SHA256SUMS``. Beside the zip, ``reply-archive-YYYY-MM-DD.json`` records what ``/data/`` shows: the
date, the counts, the size and the zip's checksum. Both are written under temporary names and renamed,
so ``/data/`` never offers half a file; a run on the same day replaces that day's dump; the newest
``KEEP`` dumps stay. A dump holding a reply that has stopped being public since is offered no more: one made
before a withdrawal is passed over (``current``), and a public reply deleted outright removes every dump
(``archive.withdrawals``).
"""

import csv
import hashlib
import json
import re
import tempfile
import zipfile
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

from django.utils import timezone

from archive.models import Reply
from archive.reply_rows import REPLY_COLUMNS, SECTION_COLUMNS, in_one_cell, public_reply_rows, public_section_rows
from archive.spreadsheet_safety import safe_cell

PREFIX = "reply-archive-"
KEEP = 3
_DUMP = re.compile(rf"{PREFIX}(\d{{4}}-\d{{2}}-\d{{2}})\.zip")
TABLES = {"replies": REPLY_COLUMNS, "sections": SECTION_COLUMNS}
LICENCE = (
    "答复函是各答复单位依《中华人民共和国政府信息公开条例》主动公开或同意公开的政府信息，可自由使用，"
    "引用时请注明答复单位和文号，原文以各单位发出的文本为准。"
)


@dataclass(frozen=True)
class Dump:
    day: date
    name: str
    replies: int
    sections: int
    size: int
    sha256: str
    created: str  # ISO date and time of the export


def dump_name(day: date) -> str:
    return f"{PREFIX}{day.isoformat()}.zip"


def dump_path(directory: Path, day: date) -> Path | None:
    """The dump of that day, if it is kept and current: a name made from a date, never from a request's text."""
    path = Path(directory) / dump_name(day)
    dump = _recorded(Path(directory), day)
    return path if path.is_file() and dump and current(dump) else None


def write_dump(directory: Path, day: date, keep: int = KEEP) -> Dump:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    folder = dump_name(day).removesuffix(".zip")
    started = timezone.localtime()  # what the rows show: a reply withdrawn after this may be in them
    with tempfile.TemporaryDirectory(dir=directory, prefix=".partial-") as scratch:
        scratch = Path(scratch)
        counts = {
            "replies": _write_table(scratch / "replies", public_reply_rows(), REPLY_COLUMNS),
            "sections": _write_table(scratch / "sections", public_section_rows(), SECTION_COLUMNS),
        }
        (scratch / "README.md").write_text(data_dictionary(day, **counts), encoding="utf-8")
        files = [f"{table}.{suffix}" for table in TABLES for suffix in ("jsonl", "csv")] + ["README.md"]
        (scratch / "SHA256SUMS").write_text("".join(f"{_sha256(scratch / name)}  {name}\n" for name in files))
        partial = scratch / "dump.zip"
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in [*files, "SHA256SUMS"]:
                archive.write(scratch / name, arcname=f"{folder}/{name}")
        dump = Dump(day=day, name=dump_name(day), size=partial.stat().st_size, sha256=_sha256(partial),
                    created=started.isoformat(timespec="seconds"), **counts)
        partial.replace(directory / dump.name)  # the scratch folder is in the same directory: an atomic rename
    _replace(directory / f"{folder}.json", json.dumps({**asdict(dump), "day": day.isoformat()}, ensure_ascii=False))
    _prune(directory, keep)
    return dump


def latest_dump(directory: Path) -> Dump | None:
    """The newest dump whose zip and record are both there, if it is current."""
    for day in _kept_days(Path(directory)):
        if dump := _recorded(Path(directory), day):
            return dump if current(dump) else None
    return None


def current(dump: Dump) -> bool:
    """Whether every reply in the dump is still public: none was withdrawn since its rows were read."""
    return not Reply.objects.filter(withdrawn_at__gte=datetime.fromisoformat(dump.created)).exists()


def discard_dumps(directory: Path) -> None:
    """Remove every dump (a reply they hold was deleted); the next export writes a current one."""
    for day in _kept_days(Path(directory)):
        _remove(Path(directory), day)


def data_dictionary(day: date, replies: int, sections: int) -> str:
    """README.md of a dump: what it holds, each column in Chinese and English, and the licence."""
    lines = [
        f"# 建议提案答复档案 · 公开数据集 {day.isoformat()}",
        "",
        f"本数据集收录导出时档案中全部已发布、可公开的答复 {replies} 件及其段落 {sections} 个。"
        "个人手机号、身份证号已部分隐去。CSV 为 UTF-8（带 BOM），Excel 和 WPS 可直接打开；"
        "以 = + - @ 开头的单元格前加了一个撇号（'），以免表格软件当作公式执行。",
        "",
        f"All published, publicly disclosable replies in the archive on {day.isoformat()}: {replies} replies and "
        f"{sections} sections. Personal mobile and ID numbers are masked. CSV files are UTF-8 with a BOM; a cell "
        "starting with = + - @ has an apostrophe in front so that spreadsheets do not run it as a formula.",
        "",
        "| 文件 File | 内容 | Content |",
        "|---|---|---|",
        "| replies.jsonl / replies.csv | 每件答复一行 | one row per reply |",
        "| sections.jsonl / sections.csv | 每个段落一行，按答复和顺序排列 | one row per section, by reply and order |",
        "| SHA256SUMS | 各文件的 SHA-256 校验值（`sha256sum -c SHA256SUMS`） | checksums of the files |",
    ]
    for table, columns in TABLES.items():
        lines += ["", f"## {table}", "", "| 列 Column | 说明 | Description |", "|---|---|---|"]
        lines += [f"| {column.name} | {column.zh} | {column.en} |" for column in columns]
    lines += ["", "## 许可 Licence", "", f"政府信息公开：{LICENCE}", ""]
    return "\n".join(lines)


def _write_table(stem: Path, rows, columns) -> int:
    """``stem``.jsonl and ``stem``.csv from one pass over the rows; the number of rows."""
    count = 0
    in_csv = [column.name for column in columns if column.in_csv]
    with (
        stem.with_suffix(".jsonl").open("w", encoding="utf-8") as jsonl,
        stem.with_suffix(".csv").open("w", encoding="utf-8-sig", newline="") as table,
    ):
        writer = csv.writer(table)
        writer.writerow(in_csv)
        for row in rows:
            jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")
            writer.writerow([safe_cell(in_one_cell(row[name])) for name in in_csv])
            count += 1
    return count


def _sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _replace(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def _kept_days(directory: Path) -> list[date]:
    """The days of the dumps in the directory, newest first."""
    days = []
    for path in directory.glob(f"{PREFIX}*.zip") if directory.is_dir() else []:
        match = _DUMP.fullmatch(path.name)
        if match:
            try:
                days.append(date.fromisoformat(match[1]))
            except ValueError:  # 2026-13-40 is no day: not a dump of ours
                continue
    return sorted(days, reverse=True)


def _recorded(directory: Path, day: date) -> Dump | None:
    record = directory / f"{PREFIX}{day.isoformat()}.json"
    if not record.is_file():
        return None
    try:
        fields = json.loads(record.read_text(encoding="utf-8"))
        return Dump(**{**fields, "day": date.fromisoformat(fields["day"])})
    except (ValueError, TypeError, KeyError):  # not a record of ours, or half of one: no dump to offer
        return None


def _prune(directory: Path, keep: int) -> None:
    for day in _kept_days(directory)[keep:]:
        _remove(directory, day)


def _remove(directory: Path, day: date) -> None:
    for suffix in (".zip", ".json"):  # the zip first: without it nothing can be downloaded
        (directory / f"{PREFIX}{day.isoformat()}{suffix}").unlink(missing_ok=True)

