"""Each format a clerk has carries a corpus letter's fields through: .docx numbered by Word, .doc, .wps, .ofd.

The fields are what the parser reads from the extracted text, compared with what it reads from the
letter as typed; letters from several places (``tests.letter_files.SAMPLES``). The .doc and .wps
fixtures are committed (``tests/data/formats``: LibreOffice wrote them); their tests need LibreOffice
to read them and skip, saying so, where it is not installed.
"""

import re
import shutil
from pathlib import Path

import pytest

from archive.extract import FORMATS, SUPPORTED_EXTENSIONS, ExtractError, converters, extract_text, format_of
from tests.engines import needs_libreoffice
from tests.letter_files import SAMPLES, fields, letter_ofd, letter_text, numbered_docx

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "formats"
CONVERTED = sorted(FIXTURES.glob("*.doc")) + sorted(FIXTURES.glob("*.wps"))


def squeezed(text):
    return re.sub(r"\s", "", text)


def corpus_name(path):
    return path.with_suffix(".txt").name


########################################
# .docx headings numbered by Word (一、) #
########################################


@pytest.mark.parametrize("name", SAMPLES)
def test_docx_whose_headings_are_word_automatic_numbers_gives_the_letters_fields_and_sections(name):
    text = extract_text(numbered_docx(letter_text(name)), "答复函.docx")

    assert fields(text) == fields(letter_text(name))
    assert fields(text)["sections"]  # the numbers Word keeps in numbering.xml are what sections are found by


################
# .doc and .wps #
################


def test_fixtures_cover_doc_and_wps_and_every_sample_letter():
    assert {path.suffix for path in CONVERTED} == {".doc", ".wps"}
    assert sorted(corpus_name(path) for path in CONVERTED) == sorted(SAMPLES)


@needs_libreoffice
@pytest.mark.parametrize("path", CONVERTED, ids=[path.name for path in CONVERTED])
def test_word_97_file_gives_the_letters_fields_with_its_automatic_heading_numbers(path):
    text = extract_text(path.read_bytes(), path.name)

    assert fields(text) == fields(letter_text(corpus_name(path)))
    assert fields(text)["sections"]


@needs_libreoffice
def test_doc_that_libreoffice_cannot_open_is_refused_with_a_request_to_resave(tmp_path):
    damaged = bytearray((FIXTURES / "002_yinzhou_weijian_joint_deputies.doc").read_bytes())
    damaged[512:] = bytes(len(damaged) - 512)  # the header and directory names stay; everything else is gone

    with pytest.raises(ExtractError) as caught:
        extract_text(bytes(damaged), "答复函.doc")

    assert "另存为” .docx" in str(caught.value)


def test_without_libreoffice_a_doc_is_refused_naming_the_install_script(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda program: None)
    data = (FIXTURES / "002_yinzhou_weijian_joint_deputies.doc").read_bytes()

    with pytest.raises(ExtractError) as caught:
        extract_text(data, "答复函.doc")

    assert "尚未安装 LibreOffice" in str(caught.value)
    assert "scripts/install_converters.sh" in str(caught.value)
    assert "另存为” .docx" in str(caught.value)


def test_a_doc_runs_past_its_time_budget_and_the_converter_is_stopped(monkeypatch, tmp_path):
    # A stand-in converter that never finishes: the budget, not the file, ends it.
    slow = tmp_path / "soffice"
    slow.write_text("#!/bin/sh\nsleep 600 &\nwait\n")
    slow.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")

    with pytest.raises(ExtractError) as caught:
        converters.to_docx(b"\xd0\xcf\x11\xe0", ".doc", timeout=0.5)

    assert "超过 0.5 秒" in str(caught.value)


########
# OFD  #
########


@pytest.mark.parametrize("name", SAMPLES)
def test_ofd_with_one_text_object_a_line_gives_the_letters_fields(name):
    assert fields(extract_text(letter_ofd(letter_text(name)), "答复函.ofd")) == fields(letter_text(name))


@pytest.mark.parametrize("name", SAMPLES)
def test_ofd_with_each_character_placed_apart_in_any_order_reads_in_reading_order(name):
    data = letter_ofd(letter_text(name), per_character=True, shuffled=True)

    assert fields(extract_text(data, "答复函.ofd")) == fields(letter_text(name))


def test_ofd_of_several_pages_reads_them_in_order():
    text = letter_text("032_dalian_huanjing_long.txt")
    data = letter_ofd(text)

    read = extract_text(data, "答复函.ofd")

    assert data.count(b"Page_2/Content.xml") == 2  # three pages at least: named in Document.xml, and a member
    assert squeezed(read) == squeezed(text)  # every character, in the letter's order


def test_word_document_renamed_ofd_says_what_it_is():
    with pytest.raises(ExtractError) as caught:
        extract_text(numbered_docx("正文"), "答复函.ofd")

    assert str(caught.value).startswith("文件扩展名是 .ofd，但内容不是 OFD 文件（像是 Word 文档")


############
# Registry #
############


def test_every_extension_names_one_format():
    assert len(SUPPORTED_EXTENSIONS) == len(set(SUPPORTED_EXTENSIONS))
    assert all(extension == extension.lower() and extension.startswith(".") for extension in SUPPORTED_EXTENSIONS)


def test_every_format_has_a_chinese_name_and_says_its_limits():
    for entry in FORMATS:
        assert entry.name and entry.limits, entry


def test_a_format_is_found_by_its_extension_in_any_case():
    assert format_of("答复.DOCX").name == "Word 文档"
    assert format_of("答复.ofd").name == "OFD 文件"
    assert format_of("答复.xls") is None


def test_scans_are_a_format_that_waits_for_text_recognition_where_it_is_not_installed(monkeypatch):
    monkeypatch.setattr("archive.ocr.unavailable", lambda: "未安装")

    assert "需要文字识别" in format_of("扫描.jpg").unavailable()
