"""A clerk uploads the files agencies keep: .doc, .wps, .ofd, zip batches; each letter gets its own outcome.

Whatever is refused (a photo, a 300-page PDF, a program renamed .doc, an empty .ofd, a zip inside a zip)
says why in Chinese and leaves no row and no stored file behind, and the letters beside it are saved.
"""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from archive.extract import converters
from archive.models import Agency, Person, Proposal, Reply, Session
from archive.ocr import NOT_INSTALLED
from tests.bad_files import corrupt_jpeg, long_pdf, password_pdf, photo_jpeg, program_bytes
from tests.engines import needs_libreoffice
from tests.letter_files import letter_ofd, letter_text, numbered_docx, zipped
from tests.uploads.worker import upload_and_read

UPLOAD = "/admin/archive/reply/upload/"
FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
YIBIN = "040_yibin_tianren_chinese_number.txt"  # 宜宾市卫生健康委员会 answers 张丽委员
YANCHENG = "053_yancheng_chinese_number_hundreds.txt"
DALIAN = "032_dalian_huanjing_long.txt"

pytestmark = pytest.mark.usefixtures("search_index")


def upload(client, *files):
    return upload_and_read(client, *files)


def row_counts():
    return [model.objects.count() for model in (Reply, Proposal, Agency, Person, Session)]


def stored_files(settings):
    media = Path(settings.MEDIA_ROOT)
    return sorted(path.name for path in media.rglob("*") if path.is_file()) if media.exists() else []


def test_an_ofd_letter_becomes_a_draft_with_its_fields(clerk_client):
    response = upload(clerk_client, SimpleUploadedFile("宜宾.ofd", letter_ofd(letter_text(YIBIN))))

    reply = Reply.objects.get()
    assert f"/admin/archive/reply/{reply.pk}/change/" in response.content.decode()
    assert reply.agency.name == "宜宾市卫生健康委员会"
    assert reply.proposal.title == "关于加强基层医疗卫生人才队伍建设的提案"
    assert [section.title for section in reply.sections.filter(level=1)] == ["基本情况", "主要措施", "下一步工作"]


@needs_libreoffice
def test_a_doc_letter_becomes_a_draft_with_its_automatically_numbered_sections(clerk_client):
    name = Path(YIBIN).with_suffix(".doc").name

    upload(clerk_client, SimpleUploadedFile(name, (FORMATS / name).read_bytes()))

    reply = Reply.objects.get()
    assert reply.agency.name == "宜宾市卫生健康委员会"
    assert [section.number for section in reply.sections.filter(level=1)] == ["一", "二", "三"]


def test_a_zip_of_letters_saves_each_letter_and_refuses_the_bad_one_alone(clerk_client, settings):
    batch = zipped({
        "宜宾/答复.ofd": letter_ofd(letter_text(YIBIN)),
        "盐城.docx": numbered_docx(letter_text(YANCHENG)),
        "照片.jpg": photo_jpeg(),
        "内层.zip": zipped({"大连.txt": letter_text(DALIAN).encode()}),
    })

    response = upload(clerk_client, SimpleUploadedFile("五届三次会议.zip", batch))

    page = response.content.decode()
    assert response.status_code == 200
    assert Reply.objects.count() == 2
    assert page.count("核对并发布") == 2
    assert "五届三次会议.zip › 宜宾/答复.ofd" in page
    assert "五届三次会议.zip › 照片.jpg" in page and "扫描件/图片" in page  # no text in it, or no OCR to read it
    assert "五届三次会议.zip › 内层.zip" in page and "压缩包里的压缩包不予处理" in page
    assert stored_files(settings) == ["盐城.docx", "答复.ofd"]


def test_a_zip_member_named_to_climb_out_of_the_folder_is_stored_under_its_own_name(clerk_client, settings):
    upload(clerk_client, SimpleUploadedFile("b.zip", zipped({"../../../etc/宜宾.ofd": letter_ofd(letter_text(YIBIN))})))

    assert Path(Reply.objects.get().original.name).parent.name != "etc"
    assert stored_files(settings) == ["宜宾.ofd"]


def test_a_zip_of_more_files_than_the_cap_is_refused_whole_and_saves_nothing(clerk_client):
    batch = zipped({f"{number:03d}.txt": letter_text(YIBIN).encode() for number in range(201)})

    page = upload(clerk_client, SimpleUploadedFile("太多.zip", batch)).content.decode()

    assert "超过 200 份" in page
    assert Reply.objects.count() == 0


BAD_UPLOADS = {
    "a photo": ("照片.jpg", photo_jpeg(), "扫描件/图片"),  # no text in it, or no OCR installed to read it
    "a corrupt image": ("扫描.jpg", corrupt_jpeg(), "图片已损坏"),
    "a 300-page PDF": ("汇编.pdf", long_pdf(300), "超过 100 页"),
    "a PDF with a password": ("答复函.pdf", password_pdf(), "设有打开密码"),
    "a program renamed .doc": ("答复函.doc", program_bytes(), "像是 Windows 程序"),
    "an empty .ofd": ("答复函.ofd", b"", "文件为空"),
    "an .ofd without text": ("答复函.ofd", letter_ofd(""), "没有文字"),
}


@pytest.mark.parametrize("case", BAD_UPLOADS, ids=list(BAD_UPLOADS))
def test_bad_input_says_why_in_chinese_and_leaves_no_row_or_file(clerk_client, settings, case):
    name, data, words = BAD_UPLOADS[case]

    page = upload(clerk_client, SimpleUploadedFile(name, data)).content.decode()

    assert "未保存" in page and words in page
    assert row_counts() == [0, 0, 0, 0, 0]
    assert stored_files(settings) == []


def test_the_upload_page_lists_each_format_with_its_limits(clerk_client):
    page = clerk_client.get(UPLOAD).content.decode()

    for words in ("OFD 文件", ".ofd", "压缩包（一批答复函）", "至多 200 份", "Word 97-2003 文档", "WPS 文字文档",
                  "图片（扫描件）", "红色公章自动去除"):
        assert words in page


def test_without_tesseract_the_upload_page_says_scans_cannot_be_read_until_it_is_installed(clerk_client, monkeypatch):
    monkeypatch.setattr("archive.ocr.unavailable", lambda: NOT_INSTALLED)

    page = clerk_client.get(UPLOAD).content.decode()

    assert "暂时无法读取：</strong>扫描件/图片需要文字识别，而本机未安装文字识别引擎 Tesseract" in page


def test_without_libreoffice_the_upload_page_says_doc_and_wps_cannot_be_read_until_it_is_installed(
    clerk_client, monkeypatch
):
    monkeypatch.setattr(converters.shutil, "which", lambda program: None)

    page = clerk_client.get(UPLOAD).content.decode()

    assert page.count("服务器尚未安装 LibreOffice") == 2
    assert "scripts/install_converters.sh" in page


def test_import_replies_imports_each_letter_of_a_zip_and_reports_the_one_that_failed(tmp_path, capsys, db):
    batch = tmp_path / "batch.zip"
    batch.write_bytes(zipped({"宜宾.ofd": letter_ofd(letter_text(YIBIN)), "坏.doc": program_bytes(),
                              "盐城.txt": letter_text(YANCHENG).encode()}))

    with pytest.raises(CommandError):
        call_command("import_replies", str(tmp_path))

    assert sorted(reply.agency.name for reply in Reply.objects.all()) == ["宜宾市卫生健康委员会", "盐城市民政局"]
    assert f"{batch} › 坏.doc" in capsys.readouterr().err


def test_import_replies_refuses_a_damaged_zip_whole(tmp_path, capsys, db):
    batch = tmp_path / "batch.zip"
    batch.write_bytes(zipped({"宜宾.txt": letter_text(YIBIN).encode()})[:40])

    with pytest.raises(CommandError):
        call_command("import_replies", str(batch))

    assert Reply.objects.count() == 0
    assert "文件已损坏" in capsys.readouterr().err
