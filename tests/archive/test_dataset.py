"""``manage.py export_dataset`` and ``/data/``: every public reply in one dated zip, and nothing else.

As in the door tests, a public letter stands beside a draft and a 依申请公开 letter of other cities;
neither hidden letter may leave the archive in the dump, and no personal mobile number either.
"""

import csv
import hashlib
import io
import json
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from archive import dataset
from archive.models import Reply
from archive.reply_rows import REPLY_COLUMNS, SECTION_COLUMNS

pytestmark = pytest.mark.django_db
MOBILE, MASKED = "13912345678", "139****5678"
HIDDEN = ("眉山草稿", "潍坊依申请")


@pytest.fixture
def folder(settings, tmp_path):
    settings.DATASET_DIR = tmp_path / "datasets"
    return settings.DATASET_DIR


@pytest.fixture
def letters(make_reply):
    return {
        "ziyang": make_reply(
            agency="资阳市教育和体育局", title="关于资阳市心理健康的建议", proposers=("罗大成", "陈海光"), role="委员",
            session="市政协五届四次会议", doc_number="资教体函〔2024〕70号", result_label="【B】",
            sections=[(1, "一", f"联系电话{MOBILE}的办理情况"), (2, "（一）", "强化组织领导")],
            next_steps=f"下一步，请拨打{MOBILE}联系。",
            body_text=f"罗大成委员：\n您提出的建议收悉。联系人手机{MOBILE}。",
        ),
        "nansha": make_reply(agency="广州市南沙区教育局", title="=HYPERLINK(\"http://example.com\",\"南沙\")",
                             proposers=("梁南沙",), role="委员", session="区政协第四届二次会议"),
        "draft": make_reply(agency="眉山市卫生健康委员会", title="关于眉山草稿的建议", publish=False),
        "on_request": make_reply(agency="潍坊市生态环境局", title="关于潍坊依申请的建议",
                                 disclosure=Reply.Disclosure.ON_REQUEST),
    }


def export(folder, **options) -> zipfile.ZipFile:
    call_command("export_dataset", stdout=io.StringIO(), **options)
    return zipfile.ZipFile(folder / dataset.dump_name(timezone.localdate()))


def member(dump: zipfile.ZipFile, name: str) -> bytes:
    return dump.read(f"{dump.filename.rsplit('/', 1)[-1].removesuffix('.zip')}/{name}")


def jsonl(dump, name) -> list[dict]:
    return [json.loads(line) for line in member(dump, name).decode().splitlines()]


def table(dump, name) -> list[dict]:
    return list(csv.DictReader(io.StringIO(member(dump, name).decode("utf-8-sig"))))


def test_the_dump_holds_every_public_reply_and_its_sections(folder, letters):
    dump = export(folder)

    replies = {row["id"]: row for row in jsonl(dump, "replies.jsonl")}
    ziyang = replies[letters["ziyang"].pk]
    assert set(replies) == {letters["ziyang"].pk, letters["nansha"].pk}
    assert ziyang["url"] == letters["ziyang"].get_absolute_url()
    assert (ziyang["body"], ziyang["place_code"], ziyang["place"]) == ("政协", "512000", "四川省 › 资阳市")
    assert ziyang["session"] == "市政协五届四次会议" and ziyang["agency"] == "资阳市教育和体育局"
    assert ziyang["proposers"] == [{"name": "罗大成", "role": "委员"}, {"name": "陈海光", "role": "委员"}]
    assert (ziyang["doc_number"], ziyang["result_label"]) == ("资教体函〔2024〕70号", "【B】")
    assert ziyang["date"] == "2024-06-28"
    sections = [row for row in jsonl(dump, "sections.jsonl") if row["reply_id"] == letters["ziyang"].pk]
    assert [(row["level"], row["number"], row["title"]) for row in sections] == [
        (1, "一", f"联系电话{MASKED}的办理情况"), (2, "（一）", "强化组织领导")]
    assert sections[1]["url"] == f"{letters['ziyang'].get_absolute_url()}#s1-1"


def test_no_hidden_reply_leaves_the_archive_in_any_file_of_the_dump(folder, letters):
    dump = export(folder)

    for name in dump.namelist():
        text = dump.read(name).decode("utf-8-sig")
        assert not [tag for tag in HIDDEN if tag in text], name


def test_a_personal_mobile_number_is_masked_in_every_file_headings_included(folder, letters):
    dump = export(folder)

    everything = "".join(dump.read(name).decode("utf-8-sig") for name in dump.namelist())
    assert MOBILE not in everything
    for name in ["replies.jsonl", "replies.csv", "sections.jsonl", "sections.csv"]:
        assert MASKED in member(dump, name).decode("utf-8-sig"), name


def test_the_csv_opens_in_a_spreadsheet_with_its_chinese_and_runs_no_formula(folder, letters):
    dump = export(folder)

    raw = member(dump, "replies.csv")
    rows = {row["id"]: row for row in table(dump, "replies.csv")}
    assert raw.startswith("\ufeff".encode())
    assert list(rows[str(letters["ziyang"].pk)]) == [column.name for column in REPLY_COLUMNS if column.in_csv]
    assert rows[str(letters["ziyang"].pk)]["proposers"] == "罗大成（委员）、陈海光（委员）"
    assert rows[str(letters["nansha"].pk)]["proposal_title"] == "'=HYPERLINK(\"http://example.com\",\"南沙\")"
    # JSON Lines is no spreadsheet: the title stays as the letter wrote it.
    titles = {row["id"]: row["proposal_title"] for row in jsonl(dump, "replies.jsonl")}
    assert titles[letters["nansha"].pk].startswith("=HYPERLINK")
    assert [row["title"] for row in table(dump, "sections.csv")][:1] == [f"联系电话{MASKED}的办理情况"]


def test_the_checksums_match_the_files_and_the_dictionary_describes_every_column(folder, letters):
    dump = export(folder)

    sums = dict(reversed(line.split("  ")) for line in member(dump, "SHA256SUMS").decode().splitlines())
    assert sorted(sums) == ["README.md", "replies.csv", "replies.jsonl", "sections.csv", "sections.jsonl"]
    for name, digest in sums.items():
        assert hashlib.sha256(member(dump, name)).hexdigest() == digest, name
    readme = member(dump, "README.md").decode()
    for column in REPLY_COLUMNS + SECTION_COLUMNS:
        assert f"| {column.name} | {column.zh} | {column.en} |" in readme
    assert set(jsonl(dump, "replies.jsonl")[0]) == {column.name for column in REPLY_COLUMNS}
    assert "政府信息公开" in readme and "2 件" in readme


def test_only_the_newest_dumps_are_kept_and_no_partial_file_is_left(folder, letters):
    folder.mkdir(parents=True)
    for day in ["2020-01-01", "2020-01-02", "2020-01-03"]:
        (folder / f"reply-archive-{day}.zip").write_bytes(b"old")
        (folder / f"reply-archive-{day}.json").write_text("{}")
    (folder / "notes.txt").write_text("someone else's file")

    export(folder, keep=2)

    today = timezone.localdate().isoformat()
    assert sorted(path.name for path in folder.iterdir()) == [
        "notes.txt", "reply-archive-2020-01-03.json", "reply-archive-2020-01-03.zip",
        f"reply-archive-{today}.json", f"reply-archive-{today}.zip",
    ]


def test_an_export_that_fails_halfway_leaves_the_last_dump_as_it_was(folder, letters, monkeypatch):
    export(folder)
    before = {path.name: path.read_bytes() for path in folder.iterdir()}

    def broken():
        yield from ()
        raise OSError("disk full")

    monkeypatch.setattr(dataset, "public_section_rows", broken)
    with pytest.raises(OSError):
        export(folder)

    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before


def test_the_export_reads_the_archive_in_a_few_queries_however_many_replies(folder, make_reply,
                                                                         django_assert_max_num_queries):
    for n in range(30):
        make_reply(agency=f"资阳市第{n}局", proposers=(f"罗{n}", f"陈{n}"), sections=[(1, "一", f"第{n}项")])

    with django_assert_max_num_queries(6):
        dump = export(folder)

    assert len(jsonl(dump, "replies.jsonl")) == 30 and len(jsonl(dump, "sections.jsonl")) == 30


def test_the_data_page_says_when_there_is_no_dump_yet(client, folder):
    page = client.get("/data/").content.decode()

    assert "尚未生成数据集" in page and "政府信息公开" in page


def test_the_data_page_offers_the_latest_dump_with_its_size_count_and_checksum(client, folder, letters):
    export(folder)
    latest = dataset.latest_dump(folder)

    page = client.get("/data/").content.decode()
    download = client.get(f"/data/{latest.name}")

    assert f"{latest.day:%Y}年" in page and "2 件" in page and latest.sha256 in page
    assert f'href="/data/{latest.name}"' in page
    assert b"".join(download.streaming_content) == (folder / latest.name).read_bytes()
    assert download["Content-Type"] == "application/zip"
    assert f'filename="{latest.name}"' in download["Content-Disposition"]
    assert hashlib.sha256((folder / latest.name).read_bytes()).hexdigest() == latest.sha256


@pytest.mark.parametrize("url", [
    "/data/reply-archive-2019-05-01.zip",  # no dump of that day
    "/data/reply-archive-2026-13-40.zip",  # no such day
    "/data/reply-archive-..%2F..%2Fsecret_key.zip",
    "/data/..%2Fsecret_key",
    "/data/reply-archive-2026-11-30.json",  # the record beside a dump is not for download
])
def test_only_a_kept_dump_can_be_downloaded(client, folder, letters, url):
    export(folder)
    (folder / "reply-archive-2026-11-30.json").write_text("{}")

    assert client.get(url).status_code == 404


def test_a_dump_made_before_a_reply_was_withdrawn_is_offered_no_more(client, folder, letters):
    export(folder)
    name = dataset.latest_dump(folder).name
    withdrawn = letters["ziyang"]
    withdrawn.status = Reply.Status.DRAFT
    withdrawn.save()

    assert "尚未生成数据集" in client.get("/data/").content.decode()
    assert client.get(f"/data/{name}").status_code == 404

    # A dump's time is kept to the second: the next export, in real life minutes later, not within the same second.
    Reply.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now() - timezone.timedelta(minutes=1))
    export(folder)  # a new export, without the withdrawn letter, is offered again

    assert client.get(f"/data/{name}").status_code == 200
    assert "资阳市心理健康" not in member(export(folder), "replies.csv").decode("utf-8-sig")


@pytest.mark.django_db(transaction=True)
def test_deleting_a_public_reply_removes_the_dumps_and_deleting_a_draft_does_not(folder, letters):
    export(folder)
    letters["draft"].delete()

    assert dataset.latest_dump(folder) is not None

    letters["nansha"].delete()

    assert dataset.latest_dump(folder) is None and not list(folder.glob("*.zip"))


def test_every_page_links_to_the_data_page(client, folder):
    assert 'href="/data/"' in client.get("/places/").content.decode()


def test_dump_names_are_dated(folder):
    assert dataset.dump_name(date(2026, 11, 30)) == "reply-archive-2026-11-30.zip"
