"""Masked copies of originals (archive.original_masking): the same kind of file, no personal number left in it.

Pure Python, like the extractor: ``pytest -p no:django tests/extract`` runs these.
"""

import codecs
import io
import zipfile

import docx
import pytest
from bs4 import BeautifulSoup
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import given
from hypothesis import strategies as st

from archive.extract import extract_text
from archive.original_masking import CannotMask, mask_original, mask_pieces
from archive.privacy import holds_personal_number
from tests.bad_files import LETTER_OPENING, handmade_pdf, zip_bomb_docx

MOBILE, MOBILE_SHOWN = "13912345678", "139****5678"
ID_NUMBER, ID_SHOWN = "51200219900101123X", "512002********123X"
LETTER = "\n".join([LETTER_OPENING, "一、工作情况", f"联系人：王芳，手机{MOBILE}，身份证号{ID_NUMBER}。",
                    "资阳市教育和体育局", "2024年6月12日"])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_a_text_original_in_any_encoding_comes_back_masked_in_utf8_with_a_bom(encoding):
    masked = mask_original(LETTER.encode(encoding), "答复函.txt")

    assert masked.startswith(codecs.BOM_UTF8)
    assert masked[3:].decode("utf-8") == LETTER.replace(MOBILE, MOBILE_SHOWN).replace(ID_NUMBER, ID_SHOWN)


def word_letter() -> bytes:
    """A letter with numbers wherever Word keeps text: split runs, a header, a table, a link, a deletion, properties."""
    document = docx.Document()
    document.core_properties.author = f"王芳 {MOBILE}"
    document.sections[0].header.paragraphs[0].text = f"经办人手机 {MOBILE}"
    document.sections[0].footer.paragraphs[0].text = f"身份证 {ID_NUMBER}"
    document.add_paragraph(LETTER_OPENING)
    split = document.add_paragraph("联系人：王芳，手机")
    for piece in ["139", "1234", "5678", "，身份证号5120021990", "0101123X。"]:
        split.add_run(piece).bold = piece == "1234"
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "联系电话", MOBILE
    link = document.add_paragraph("或拨打：")
    relation = document.part.relate_to(f"tel:{MOBILE}", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{relation}"><w:r><w:t>{MOBILE[:5]}</w:t></w:r>'
                             f"<w:r><w:t>{MOBILE[5:]}</w:t></w:r></w:hyperlink>"))
    deleted = document.add_paragraph("原号码")
    deleted._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="王芳" w:date="2024-06-12T00:00:00Z">'
                                f"<w:r><w:delText>{MOBILE}</w:delText></w:r></w:del>"))
    document.add_paragraph("资阳市教育和体育局")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def package_text(data: bytes) -> str:
    """Every part of a Word package as text, tags and all."""
    package = zipfile.ZipFile(io.BytesIO(data))
    return "".join(package.read(name).decode("utf-8", "replace") for name in package.namelist())


def test_a_word_original_keeps_no_personal_number_in_any_part_of_the_package():
    original = word_letter()
    assert MOBILE in package_text(original) and ID_NUMBER in package_text(original)

    masked = mask_original(original, "答复函.docx")

    assert not holds_personal_number(package_text(masked))


def test_a_number_split_across_runs_is_masked_and_the_document_still_opens_in_word():
    masked = docx.Document(io.BytesIO(mask_original(word_letter(), "答复函.docx")))

    paragraphs = [paragraph.text for paragraph in masked.paragraphs]
    assert f"联系人：王芳，手机{MOBILE_SHOWN}，身份证号{ID_SHOWN}。" in paragraphs
    assert masked.sections[0].header.paragraphs[0].text == f"经办人手机 {MOBILE_SHOWN}"
    assert masked.tables[0].cell(0, 1).text == MOBILE_SHOWN
    assert masked.core_properties.author == f"王芳 {MOBILE_SHOWN}"
    assert LETTER_OPENING in paragraphs and "资阳市教育和体育局" in paragraphs


def test_a_word_original_without_a_personal_number_keeps_its_parts_byte_for_byte():
    document = docx.Document()
    document.add_paragraph(LETTER_OPENING)
    document.add_paragraph("联系电话：028-6225005")
    buffer = io.BytesIO()
    document.save(buffer)
    before, after = zipfile.ZipFile(buffer), zipfile.ZipFile(io.BytesIO(mask_original(buffer.getvalue(), "a.docx")))

    assert [(n, before.read(n)) for n in before.namelist()] == [(n, after.read(n)) for n in after.namelist()]


def test_a_word_original_with_an_embedded_file_is_not_masked():
    original = zipfile.ZipFile(io.BytesIO(word_letter()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as copy:
        for info in original.infolist():
            copy.writestr(info, original.read(info))
        copy.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", b"PK\x03\x04 a spreadsheet of numbers")

    with pytest.raises(CannotMask, match="嵌有其他文件"):
        mask_original(buffer.getvalue(), "答复函.docx")


PAGE = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>答复函</title></head><body><!-- 经办人 {MOBILE} -->
<div class="nav">首页 &gt; 建议提案答复</div>
<table class="xxgk"><tr><td>索引号</td><td>11512000MB1234567X/2024-00070</td>
<td>发文字号</td><td>资教体函〔2024〕70号</td></tr></table>
<div class="TRS_Editor"><p>{LETTER_OPENING}</p>
<p>联系人：王芳，手机<span style="font-family:仿宋">139</span><span>1234</span>5678，身份证号{ID_NUMBER}。</p>
<p>电话：<a href="tel:{MOBILE}" title="{MOBILE}">拨打</a></p>
<p>资阳市教育和体育局</p><p>2024年6月12日</p></div>
<script>var contact = "{MOBILE}";</script></body></html>"""


def test_a_web_page_original_stays_a_web_page_with_every_number_masked():
    masked = mask_original(PAGE.encode("gb18030"), "答复函.html")

    page = masked.decode("utf-8-sig")
    soup = BeautifulSoup(page, "lxml")
    assert not holds_personal_number(page)
    assert f"联系人：王芳，手机{MOBILE_SHOWN}，身份证号{ID_SHOWN}。" in soup.get_text()
    assert soup.find("a")["href"] == f"tel:{MOBILE_SHOWN}"
    assert soup.find("table").get_text(" ", strip=True).startswith("索引号 11512000MB1234567X/2024-00070")
    assert 'charset=utf-8"' in page and "gb2312" not in page


def test_numbers_shown_apart_on_a_web_page_are_not_joined_into_one():
    page = f"<html><body><p>2024</p><p>{MOBILE}</p><table><tr><td>139</td><td>12345678</td></tr></table></body></html>"

    masked = mask_original(page.encode(), "a.htm").decode("utf-8-sig")

    assert "<p>2024</p>" in masked and MOBILE_SHOWN in masked
    assert "<td>139</td><td>12345678</td>" in masked  # two cells, as the extractor and the reply page read them


@pytest.mark.parametrize(
    ("data", "filename", "why"),
    [
        (handmade_pdf(b"BT /F1 12 Tf (13912345678) Tj ET"), "答复函.pdf", "无法遮盖"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "扫描件.png", "无法遮盖"),
        (zip_bomb_docx(), "答复函.docx", "无法读取"),
        (b"%PDF-1.4 renamed", "答复函.txt", "无法读取"),
    ],
    ids=["pdf", "scan", "zip bomb", "pdf renamed txt"],
)
def test_formats_that_cannot_be_masked_are_refused_with_a_reason(data, filename, why):
    with pytest.raises(CannotMask, match=why):
        mask_original(data, filename)


def test_the_masked_copy_reads_as_the_letter_with_its_numbers_masked():
    masked = mask_original(LETTER.encode("gb18030"), "答复函.txt")

    assert extract_text(masked, "答复函.txt") == LETTER.replace(MOBILE, MOBILE_SHOWN).replace(ID_NUMBER, ID_SHOWN)


@given(
    before=st.text(alphabet="0123456789，电话 ", max_size=8),
    number=st.sampled_from([MOBILE, ID_NUMBER, "18800001111"]),
    after=st.text(alphabet="0123456789。号 ", max_size=8),
    cuts=st.lists(st.integers(min_value=0, max_value=40), max_size=6),
)
def test_pieces_keep_their_lengths_and_no_number_survives_however_the_text_is_cut(before, number, after, cuts):
    text = f"{before}，{number}。{after}"
    edges = sorted({0, len(text), *(cut for cut in cuts if cut < len(text))})
    pieces = [text[start:end] for start, end in zip(edges, edges[1:], strict=False)]

    masked = mask_pieces(pieces)

    assert [len(piece) for piece in masked] == [len(piece) for piece in pieces]
    assert number not in "".join(masked) and not holds_personal_number("".join(masked))
