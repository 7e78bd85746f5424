"""File → text: what a clerk gets back from each kind of upload, and what is refused and why.

Fixtures are made here from bytes (python-docx, reportlab, zipfile) rather than committed binaries.
"""

import io
import random
import re
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from archive.extract import SUPPORTED_EXTENSIONS, ExtractError, extract_text
from tests.bad_files import handmade_pdf, scanned_pdf, zip_bomb_docx

OPENING = (
    "您提出的《关于构建学生心理健康长效机制的建议》收悉。"
    "非常感谢您对全市教育工作的关心和支持，我局高度重视，组织相关科室认真研究，现答复如下："
)
WORK = (
    "近年来，我市坚持把学生心理健康教育作为立德树人的重要内容，建立了党委政府领导、多部门协调、学校为主体、"
    "专业机构参与的工作机制。全市中小学按照每所学校至少配备一名专职或兼职心理健康教育教师的要求，通过公开招聘、"
    "转岗补充等渠道配备专兼职心理教师七百余名，并定期组织全员培训，不断提升教师的专业能力和服务水平。"
)
NEXT_STEPS = (
    "我局将进一步完善学生心理健康监测预警机制，加强家校社协同育人，推动心理健康教育提质增效，切实守护青少年健康成长。"
)
LETTER = "\n".join(
    [
        "罗大成委员：",
        OPENING,
        "一、工作情况",
        WORK,
        "二、下一步工作",
        NEXT_STEPS,
        "再次感谢您对教育工作的关心和支持。",
        "资阳市教育和体育局",
        "2024年6月28日",
        "（联系人：孟辉，电话：028-6225005）",
    ]
)
SHORT = "关于加快老旧小区加装电梯工作的建议答复"  # 20 characters: encoding detection has little to go on


def squeeze(text):
    return re.sub(r"\s", "", text)


def refusal(data, filename, **kwargs):
    with pytest.raises(ExtractError) as caught:
        extract_text(data, filename, **kwargs)
    return str(caught.value)


#######
# TXT #
#######


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_text_file_in_each_common_encoding_reads_as_the_letter(encoding):
    assert extract_text(LETTER.encode(encoding), "答复函.txt") == LETTER


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_short_text_of_twenty_characters_is_decoded_correctly(encoding):
    assert extract_text(SHORT.encode(encoding), "短.txt") == SHORT


def test_windows_and_old_mac_line_endings_become_newlines():
    data = "第一行\r\n第二行\r第三行\n".encode("gbk")

    assert extract_text(data, "letter.TXT") == "第一行\n第二行\n第三行"


def test_runs_of_blank_lines_and_trailing_spaces_are_tidied_but_indentation_kept():
    data = "标题  \n\n\n\n\u3000\u3000正文。\t\n".encode()

    assert extract_text(data, "a.txt") == "标题\n\n\u3000\u3000正文。"


def test_utf8_file_cut_off_inside_its_last_character_still_reads():
    data = LETTER.encode("utf-8")[:-1]

    assert extract_text(data, "a.txt") == LETTER[:-1]


def test_utf8_file_with_one_damaged_byte_is_not_read_as_gbk_mojibake():
    data = bytearray(LETTER.encode("utf-8"))
    data[40] = 0xFF

    text = extract_text(bytes(data), "a.txt")

    assert "一、工作情况" in text
    assert "\ufffd" in text


def test_empty_file_is_refused():
    assert refusal(b"", "a.txt") == "文件为空。"


def test_file_of_only_spaces_and_blank_lines_is_refused_as_empty():
    assert "文件为空" in refusal(" \r\n\t\n\u3000".encode(), "a.txt")


def test_self_made_characters_in_the_private_use_area_are_kept():
    # GBK's user-defined area (AAA1…) decodes to U+E000…: a rare character in a name.
    data = "联系人：王\ue000，电话：6225005".encode("gb18030")

    assert extract_text(data, "a.txt") == "联系人：王\ue000，电话：6225005"


def test_random_binary_named_txt_is_refused_as_not_text():
    data = random.Random(7).randbytes(4096)

    assert "内容不是文字" in refusal(data, "答复.txt")


def test_control_character_soup_without_nul_bytes_is_refused_as_not_text():
    assert "内容不是文字" in refusal(bytes(range(1, 32)) * 50, "答复.txt")


def test_text_that_fits_no_encoding_is_refused_with_a_request_to_resave():
    high_bytes = random.Random(5)
    data = bytes(high_bytes.randrange(0x80, 0x100) for _ in range(200))

    assert "无法识别文件编码" in refusal(data, "a.txt")


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [
        (b"MZ\x90\x00\x03" + bytes(200), "Windows 程序"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG 图片"),
        (b"\xff\xd8\xff\xe0" + bytes(100), "JPEG 图片"),
        (b"\x7fELF\x02\x01", "程序"),
    ],
)
def test_program_or_image_renamed_txt_is_refused_as_disguised(data, looks_like):
    message = refusal(data, "答复函.txt")

    assert message.startswith("文件扩展名是 .txt，但内容不是文本")
    assert looks_like in message


def test_pdf_renamed_txt_is_refused_with_the_right_extension_to_use():
    assert "请把扩展名改为 .pdf" in refusal(b"%PDF-1.7\n...", "答复函.txt")


def test_docx_renamed_txt_is_refused_with_the_right_extension_to_use():
    assert "请把扩展名改为 .docx" in refusal(make_docx(["正文"]), "答复函.txt")


##########################
# Size and file types    #
##########################


def test_oversized_file_is_refused_before_anything_is_parsed():
    # Not a PDF at all: the size check comes first, so the clerk hears about the size.
    message = refusal(b"x" * 2048, "scan.pdf", max_bytes=1024)

    assert message == "文件超过 1 KB 的上限，请拆分或压缩后再上传。"


def test_default_limit_is_twenty_megabytes():
    assert "20 MB" in refusal(b" " * (20 * 1024 * 1024 + 1), "a.txt")


def test_unknown_extension_is_refused_with_the_supported_types():
    message = refusal(b"PK\x03\x04", "统计表.xls")

    # .doc and .wps are named only where LibreOffice is installed (tests/extract/test_formats.py), .jpg where
    # text recognition is (tests/ocr).
    assert message.startswith("不支持的文件类型 .xls：请上传 .txt、.docx、")
    assert re.search(r"\.pdf、\.ofd、\.html(、\.zip 或 \.jpg| 或 \.zip) 文件。$", message)


def test_old_binary_word_file_is_refused_with_a_request_for_docx():
    assert "另存为” .docx" in refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "答复函.doc")


def test_supported_extensions_are_the_ones_the_import_command_collects():
    assert set(SUPPORTED_EXTENSIONS) == {
        ".txt", ".docx", ".doc", ".wps", ".pdf", ".ofd", ".html", ".htm", ".zip",
        ".jpg", ".jpeg", ".png", ".tif", ".tiff",  # scans: refused until OCR, with a message saying so
    }


########
# DOCX #
########


def make_docx(paragraphs, table=None, after=()):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    for text in after:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_table_come_out_in_reading_order():
    data = make_docx(
        ["资阳市教育和体育局", "罗大成委员：", OPENING],
        table=[["建议编号", "0070"], ["办理结果", "B"]],
        after=["一、工作情况", WORK, "资阳市教育和体育局", "2024年6月28日"],
    )

    lines = extract_text(data, "答复函.docx").split("\n")

    assert lines == [
        "资阳市教育和体育局",
        "罗大成委员：",
        OPENING,
        "建议编号  0070",
        "办理结果  B",
        "一、工作情况",
        WORK,
        "资阳市教育和体育局",
        "2024年6月28日",
    ]


def test_docx_word_automatic_section_numbers_are_written_out():
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in [
        (0, "工作情况"),
        (1, "强化组织领导"),
        (1, "加强队伍建设"),
        (0, "下一步工作"),
        (1, "完善监测预警"),
    ]:
        num_pr = document.add_paragraph(text)._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = 90
    buffer = io.BytesIO()
    document.save(buffer)

    assert extract_text(buffer.getvalue(), "a.docx").split("\n") == [
        "一、工作情况",
        "（一）强化组织领导",
        "（二）加强队伍建设",
        "二、下一步工作",
        "（一）完善监测预警",
    ]


def test_docx_tracked_deletions_are_left_out_and_insertions_kept():
    document = docx.Document()
    paragraph = document.add_paragraph("我局将")
    paragraph._p.append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>尽快</w:delText></w:r></w:del>')
    )
    paragraph._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t>于年底前</w:t></w:r></w:ins>')
    )
    paragraph.add_run("完成。")
    buffer = io.BytesIO()
    document.save(buffer)

    assert extract_text(buffer.getvalue(), "a.docx") == "我局将于年底前完成。"


def test_minimal_docx_from_another_program_without_styles_or_numbering_reads():
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            (
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                f'<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
            ),
        )
        archive.writestr(
            "_rels/.rels",
            (
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Target="word/document.xml" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
            ),
        )
        archive.writestr(
            "word/document.xml",
            (
                f"<w:document {nsdecls('w')}><w:body><w:p><w:r><w:t>罗大成委员：</w:t></w:r></w:p>"
                f"<w:p><w:r><w:t>{OPENING}</w:t></w:r></w:p></w:body></w:document>"
            ),
        )

    assert extract_text(buffer.getvalue(), "wps导出.docx") == f"罗大成委员：\n{OPENING}"


def test_docx_text_box_is_read_once_though_word_stores_it_twice():
    document = docx.Document()
    paragraph = document.add_paragraph("正文前")
    box = "<w:txbxContent><w:p><w:r><w:t>资教体函〔2024〕70号</w:t></w:r></w:p></w:txbxContent>"
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    alternatives = f'<mc:Choice Requires="wps">{box}</mc:Choice><mc:Fallback>{box}</mc:Fallback>'
    paragraph._p.append(
        parse_xml(f"<w:r {nsdecls('w')} {mc}><mc:AlternateContent>{alternatives}</mc:AlternateContent></w:r>")
    )
    buffer = io.BytesIO()
    document.save(buffer)

    assert extract_text(buffer.getvalue(), "a.docx") == "正文前\n资教体函〔2024〕70号"


def test_docx_zip_bomb_is_refused_before_it_is_inflated():
    assert "压缩炸弹" in refusal(zip_bomb_docx(), "答复函.docx")


def test_exe_renamed_docx_is_refused_as_disguised():
    message = refusal(b"MZ\x90\x00" + random.Random(1).randbytes(1000), "答复函.docx")

    assert message == "文件扩展名是 .docx，但内容不是 Word 文档（像是 Windows 程序）。"


def test_plain_text_renamed_docx_is_refused_as_not_word():
    assert refusal(LETTER.encode(), "答复函.docx") == "文件扩展名是 .docx，但内容不是 Word 文档。"


def test_old_word_file_renamed_docx_is_refused_with_a_request_to_resave():
    message = refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "答复函.docx")

    assert "旧版 Office 文档" in message
    assert "另存为” .docx" in message


def test_excel_workbook_renamed_docx_says_what_it_is():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")

    assert "像是 Excel 表格" in refusal(buffer.getvalue(), "答复函.docx")


def test_truncated_docx_is_refused_as_damaged():
    data = make_docx([WORK])

    assert refusal(data[: len(data) // 2], "答复函.docx") == "文件已损坏，无法读取。"


def test_docx_without_any_text_is_refused():
    assert "没有文字" in refusal(make_docx(["", "  "]), "空白.docx")


#######
# PDF #
#######

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # built into reportlab: no font file needed
FONT, SIZE, LEFT, WIDTH, PITCH = "STSong-Light", 12, 72, 432, 20


def wrap(text, first_width):
    lines, line, width = [], "", first_width
    for char in text:
        if pdfmetrics.stringWidth(line + char, FONT, SIZE) > width:
            lines.append(line)
            line, width = "", WIDTH
        line += char
    return lines + [line]


def make_pdf(paragraphs, *, title=None, encrypt=None):
    """A letter laid out like an official one: title centred, first lines indented two characters."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    pdf.setFont(FONT, SIZE)
    y = 780
    if title:
        pdf.drawCentredString(LEFT + WIDTH / 2, y, title)
        y -= 2 * PITCH
    for text in paragraphs:
        for number, line in enumerate(wrap(text, WIDTH - 2 * SIZE)):
            if y < 72:
                pdf.showPage()
                pdf.setFont(FONT, SIZE)
                y = 780
            pdf.drawString(LEFT + (2 * SIZE if number == 0 else 0), y, line)
            y -= PITCH
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_text_pdf_gives_the_chinese_text_in_order():
    paragraphs = [OPENING, "一、工作情况", WORK, "二、下一步工作", NEXT_STEPS]

    text = extract_text(
        make_pdf(paragraphs, title="资阳市教育和体育局对市政协五届四次会议第0070号提案答复的函"), "a.pdf"
    )

    assert squeeze(text) == squeeze("资阳市教育和体育局对市政协五届四次会议第0070号提案答复的函" + "".join(paragraphs))


def test_pdf_keeps_line_breaks_inside_a_paragraph_and_a_blank_line_between_paragraphs():
    text = extract_text(make_pdf([OPENING, WORK, NEXT_STEPS], title="答复函"), "a.pdf")

    blocks = text.split("\n\n")
    assert [squeeze(block) for block in blocks] == ["答复函", squeeze(OPENING), squeeze(WORK), squeeze(NEXT_STEPS)]
    assert blocks[2].count("\n") == len(wrap(WORK, WIDTH - 2 * SIZE)) - 1


def test_pdf_puts_no_spaces_between_letter_spaced_chinese_characters():
    # Justified lines spread characters apart; a gap of a sixth of a character is not a word break.
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    line = pdf.beginText(LEFT, 700)
    line.setFont(FONT, SIZE)
    line.setCharSpace(2)
    line.textLine(OPENING[:30])
    pdf.drawText(line)
    pdf.showPage()
    pdf.save()

    assert extract_text(buffer.getvalue(), "a.pdf") == OPENING[:30]


def test_pdf_of_several_pages_reads_every_page():
    paragraphs = [WORK] * 12

    text = extract_text(make_pdf(paragraphs), "a.pdf")

    assert squeeze(text) == squeeze(WORK) * 12


def test_scanned_pdf_without_a_text_layer_is_refused_where_text_recognition_is_not_installed(monkeypatch):
    monkeypatch.setattr("archive.ocr.unavailable", lambda: "未安装")

    assert (
        refusal(scanned_pdf(), "扫描件.pdf")
        == "这个 PDF 没有文字层（可能是扫描件），请上传带文字的 PDF 或 Word 文件。"
    )


def test_truncated_pdf_is_refused_as_damaged():
    data = make_pdf([WORK, NEXT_STEPS])

    assert "文件已损坏" in refusal(data[: len(data) * 2 // 3], "a.pdf")


def test_pdf_with_a_valid_header_and_garbage_body_is_refused_as_damaged():
    data = b"%PDF-1.4\n" + random.Random(3).randbytes(3000) + b"\n%%EOF\n"

    assert refusal(data, "a.pdf") == "文件已损坏，无法读取。"


def test_password_protected_pdf_is_refused_with_a_request_to_remove_the_password():
    data = make_pdf([WORK], encrypt=StandardEncryption("secret", ownerPassword="owner"))

    assert "设有打开密码" in refusal(data, "a.pdf")


def test_pdf_that_only_forbids_copying_still_gives_its_text():
    # Sites often publish PDFs with copying switched off; that is a flag, not a password.
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0))
    pdf.drawString(72, 700, "Reply to proposal No. 0070 of the fourth meeting")
    pdf.showPage()
    pdf.save()

    assert extract_text(buffer.getvalue(), "a.pdf") == "Reply to proposal No. 0070 of the fourth meeting"


def test_pdf_whose_font_has_no_unicode_map_is_refused_instead_of_giving_cid_codes():
    # Identity-H without a ToUnicode map: glyph numbers only, as some Chinese PDF printers write.
    font = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [<< /Type /Font "
        b"/Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
        b"/Supplement 0 >> /DW 1000 >>] >>"
    )
    glyphs = "".join(f"{1000 + n:04X}" for n in range(30)).encode()

    message = refusal(handmade_pdf(b"BT /F1 12 Tf 72 700 Td <" + glyphs + b"> Tj ET", font=font), "a.pdf")

    assert message.startswith("这个 PDF 的文字无法提取（字体缺少编码信息）")


def test_text_renamed_pdf_is_refused_as_not_a_pdf():
    assert refusal(LETTER.encode(), "答复函.pdf") == "文件扩展名是 .pdf，但内容不是 PDF 文件。"


########
# HTML #
########

ARTICLE = "".join(f"<p>&nbsp;&nbsp;{line}</p>\n" for line in LETTER.split("\n"))


def make_page(charset="utf-8", article=ARTICLE, metadata=""):
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>资阳市教育和体育局对市政协五届四次会议第0070号提案答复的函_资阳市人民政府</title>
<script>var tracker = "统计代码不应出现";</script><style>.zoom {{ font-size: 16px }}</style></head>
<body>
<div class="top">资阳市人民政府 政府信息公开</div>
<nav><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/hdjl">互动交流</a></nav>
<div class="position">当前位置：首页 &gt; 建议提案</div>
{metadata}
<h1>资阳市教育和体育局对市政协五届四次会议第0070号提案答复的函</h1>
<div class="content"><div id="zoom" class="TRS_Editor">{article}</div>
<div class="share">分享到：微信 微博</div></div>
<div class="related"><a href="/1">关于2023年全市教育工作情况的报告</a>
<a href="/2">关于进一步加强校园安全管理的通知</a></div>
<footer>主办单位：资阳市人民政府办公室 蜀ICP备05001234号 网站标识码5120000001</footer>
<script>document.write("脚本文字");</script>
</body></html>"""


def test_utf8_page_keeps_the_letter_and_drops_chrome_footer_and_scripts():
    text = extract_text(make_page().encode("utf-8"), "page.html")

    for line in LETTER.split("\n"):
        assert line in text
    for chrome in ["主办单位", "ICP", "统计代码", "脚本文字", "互动交流", "分享到", "关于进一步加强校园安全管理的通知"]:
        assert chrome not in text


def test_page_headline_outside_the_article_is_kept_above_the_letter():
    text = extract_text(make_page().encode("utf-8"), "page.html")

    assert text.startswith("资阳市教育和体育局对市政协五届四次会议第0070号提案答复的函\n\n罗大成委员：")


def test_gb2312_page_with_meta_charset_reads_as_the_letter():
    data = make_page(charset="gb2312").encode("gbk")  # sites say gb2312 and use GBK characters

    text = extract_text(data, "page.htm")

    assert OPENING in text and "资阳市教育和体育局\n\n2024年6月28日" in text


def test_page_whose_meta_charset_lies_is_still_decoded():
    data = make_page(charset="gb2312").encode("utf-8")

    assert WORK in extract_text(data, "page.html")


def test_paragraphs_of_a_page_are_separated_by_blank_lines_and_breaks_by_newlines():
    page = make_page(article="<p>第一段第一行<br>第一段第二行</p><p>第二段。</p>")

    assert "第一段第一行\n第一段第二行\n\n第二段。" in extract_text(page.encode(), "page.html")


def test_metadata_table_above_the_article_is_kept_with_cells_two_spaces_apart():
    metadata = """<table class="xxgk-table">
    <tr><td>索引号：</td><td>11512000MB1234567X/2024-00070</td><td>主题分类：</td><td>教育</td></tr>
    <tr><td>成文日期：</td><td>2024年06月28日</td><td>发文字号：</td><td>资教体函〔2024〕70号</td></tr>
    </table>"""

    text = extract_text(make_page(metadata=metadata).encode(), "page.html")

    assert "主题分类：  教育\n成文日期：  2024年06月28日  发文字号：  资教体函〔2024〕70号" in text
    assert text.index("成文日期") < text.index("罗大成委员")


def test_entities_and_nonbreaking_spaces_are_unescaped_and_collapsed():
    page = make_page(article="<p>&ldquo;双减&rdquo;政策&nbsp;&nbsp;&nbsp;落实&amp;检查</p>")

    assert "“双减”政策 落实&检查" in extract_text(page.encode(), "page.html")


def test_asp_net_page_wrapped_in_one_form_still_gives_the_letter():
    page = make_page().replace("<body>", '<body><form id="form1" method="post">').replace("</body>", "</form></body>")

    assert WORK in extract_text(page.encode(), "page.aspx.html")


def test_page_without_a_named_container_falls_back_to_the_body_without_chrome():
    page = f"""<html><body><div class="top">网站首页</div><div>{ARTICLE}</div>
    <div class="footer">主办单位：某某市人民政府办公室</div></body></html>"""

    text = extract_text(page.encode(), "page.html")

    assert WORK in text and "主办单位" not in text


def test_layout_table_holding_the_letter_keeps_its_paragraphs_apart():
    page = f"<html><body><table><tr><td>{ARTICLE}</td></tr></table></body></html>"

    text = extract_text(page.encode("gbk"), "page.html")

    assert f"{OPENING}\n\n一、工作情况" in text


def test_page_with_no_text_is_refused():
    assert "没有找到文字" in refusal(b"<html><body><script>x()</script></body></html>", "page.html")


def test_image_renamed_html_is_refused_as_disguised():
    assert "像是 PNG 图片" in refusal(b"\x89PNG\r\n\x1a\n" + bytes(64), "page.html")
