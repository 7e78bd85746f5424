"""Files that are no letter, or no letter this archive can read, get a Chinese sentence saying why.

(That nothing of them is saved is checked through the upload page: tests/clerk/test_upload_formats.py.)
"""

import pytest

from archive.extract import ExtractError, NeedsOcr, extract_text
from archive.ocr import NOT_INSTALLED
from tests.bad_files import (
    corrupt_jpeg,
    long_pdf,
    password_pdf,
    photo_jpeg,
    pixel_bomb_png,
    program_bytes,
    scanned_pdf,
)
from tests.letter_files import letter_ofd

BAD_INPUT = {
    # Read by OCR, where it finds no text; without OCR, waiting for it (tests/ocr has both messages).
    "a photo that is no letter": (photo_jpeg(), "照片.jpg", "扫描件/图片"),
    "a photo named .jpeg": (photo_jpeg(), "照片.JPEG", "扫描件/图片"),
    "a 300-page PDF": (long_pdf(300), "汇编.pdf", "PDF 超过 100 页"),
    "a PDF with a password": (password_pdf(), "答复函.pdf", "设有打开密码"),
    "a corrupt image": (corrupt_jpeg(), "扫描.jpg", "图片已损坏"),
    "a decompression-bomb image": (pixel_bomb_png(), "扫描.png", "万像素（可能是“解压炸弹”）"),
    "an executable renamed .doc": (program_bytes(), "答复函.doc", "内容不是 Word 97-2003 文档（像是 Windows 程序）"),
    "an executable renamed .wps": (program_bytes(), "答复函.wps", "内容不是 WPS 文字文档（像是 Windows 程序）"),
    "an empty .ofd": (b"", "答复函.ofd", "文件为空"),
    "an .ofd without text": (letter_ofd(""), "答复函.ofd", "OFD 文件里没有文字"),
    "an .ofd of a scan": (letter_ofd("", images=1), "扫描件.ofd", "扫描件/图片需要文字识别"),
    "a damaged .ofd": (letter_ofd("罗大成委员：")[:200], "答复函.ofd", "文件已损坏"),
    "a zip given as one letter": (b"PK\x05\x06" + bytes(18), "一批.zip", "压缩包"),
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=list(BAD_INPUT))
def test_bad_input_is_refused_with_a_chinese_sentence_saying_why(case):
    data, filename, words = BAD_INPUT[case]

    with pytest.raises(ExtractError) as caught:
        extract_text(data, filename)

    assert words in str(caught.value)


@pytest.fixture
def without_ocr(monkeypatch):
    monkeypatch.setattr("archive.ocr.unavailable", lambda: NOT_INSTALLED)


@pytest.mark.parametrize("data, filename", [(photo_jpeg(), "照片.jpg"), (scanned_pdf(), "扫描件.pdf")])
def test_scans_are_marked_as_waiting_for_text_recognition_where_it_is_not_installed(without_ocr, data, filename):
    with pytest.raises(NeedsOcr):
        extract_text(data, filename)


def test_an_image_whose_extension_names_another_kind_of_image_is_still_read_as_an_image(without_ocr):
    with pytest.raises(NeedsOcr):
        extract_text(photo_jpeg(), "照片.png")
