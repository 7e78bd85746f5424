"""Letters of the corpus as the files clerks have: a .docx numbered by Word, an .ofd, a zip of them.

Made from bytes here, so the tests need no committed binaries; the .doc and .wps fixtures, which only
LibreOffice writes, are made from these by ``tests/data/formats/make_fixtures.py``.
"""

import io
import random
import re
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from archive.parsing import parse_reply

LETTERS = Path(__file__).resolve().parent / "data" / "letters"
# Letters from several places, each with numbered sections: 宁波市鄞州区 (一、 only), 宜宾 (一、 and （一）),
# 盐城, 大连 (long, two levels), 株洲.
SAMPLES = (
    "002_yinzhou_weijian_joint_deputies.txt",
    "040_yibin_tianren_chinese_number.txt",
    "053_yancheng_chinese_number_hundreds.txt",
    "032_dalian_huanjing_long.txt",
    "025_zhuzhou_huanjing_1dun_headings.txt",
)
_TOP = re.compile(r"^([一二三四五六七八九十]+)、")
_SUB = re.compile(r"^（([一二三四五六七八九十]+)）")
_NUM_ID = 90  # python-docx's template already uses 1-9


def letter_text(name: str) -> str:
    return (LETTERS / name).read_text(encoding="utf-8")


def fields(text: str) -> dict:
    """What a clerk checks on the review page, as the parser reads it from a letter's text."""
    parsed = parse_reply(text)
    names = ("proposer_names", "proposal_number", "session", "proposal_title", "agency", "date", "doc_number",
             "result_class", "contact_name", "contact_phone", "cc", "next_steps")
    return {name: getattr(parsed, name) for name in names} | {
        "sections": [(section.level, section.number, section.title) for section in parsed.sections]
    }


def numbered_docx(text: str) -> bytes:
    """The letter as Word writes it when its headings are automatic lists: 一、 and （一） live in numbering.xml."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{_NUM_ID}">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
        '<w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
        '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
    ))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{_NUM_ID}"><w:abstractNumId w:val="{_NUM_ID}"/></w:num>'
    ))
    for line in text.splitlines():
        level = 0 if _TOP.match(line) else 1 if _SUB.match(line) else None
        if level is None:
            document.add_paragraph(line)
            continue
        paragraph = document.add_paragraph((_TOP if level == 0 else _SUB).sub("", line))
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = _NUM_ID
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


########
# OFD  #
########

_OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
_LINE_CHARACTERS = 36  # an A4 line of 4.2 mm characters between 25 mm margins: 160 mm
_LINES_PER_PAGE = 30
_SIZE, _LEFT, _TOP_MARGIN, _PITCH = 4.2, 25.0, 30.0, 7.5


def _page_lines(text: str) -> list[list[tuple[float, str]]]:
    """The letter wrapped into A4 lines (indent, text), a page at a time; a blank line keeps its place."""
    lines: list[tuple[float, str]] = []
    for paragraph in text.splitlines():
        stripped = paragraph.strip()
        indent = 2 * _SIZE if stripped and not _TOP.match(stripped) and len(stripped) > _LINE_CHARACTERS else 0.0
        if not stripped:
            lines.append((0.0, ""))
        while stripped:
            width = _LINE_CHARACTERS - int(indent / _SIZE)
            lines.append((indent, stripped[:width]))
            stripped, indent = stripped[width:], 0.0
    return [lines[start : start + _LINES_PER_PAGE] for start in range(0, len(lines), _LINES_PER_PAGE)] or [[]]


def _text_objects(lines: list[tuple[float, str]], *, per_character: bool, first_id: int) -> list[str]:
    objects, next_id = [], first_id
    for number, (indent, line) in enumerate(lines):
        top = _TOP_MARGIN + number * _PITCH
        pieces = [(indent + index * _SIZE, char) for index, char in enumerate(line)] if per_character else (
            [(indent, line)] if line else []
        )
        for x, piece in pieces:
            width = len(piece) * _SIZE
            deltas = f' DeltaX="g {len(piece) - 1} {_SIZE}"' if len(piece) > 1 else ""
            objects.append(
                f'<ofd:TextObject ID="{next_id}" Boundary="{_LEFT + x} {top} {width} {_SIZE * 1.5}" Font="1" '
                f'Size="{_SIZE}"><ofd:TextCode X="0" Y="{_SIZE}"{deltas}>{piece}</ofd:TextCode></ofd:TextObject>'
            )
            next_id += 1
    return objects


def letter_ofd(text: str, *, per_character: bool = False, shuffled: bool = False, images: int = 0) -> bytes:
    """A minimal valid OFD (GB/T 33190) of the letter: one TextObject a line (or a character), A4 pages.

    ``shuffled`` writes each page's objects in random order, as some writers do; ``images`` adds that many
    ImageObjects to the first page (a scan has only those).
    """
    pages = _page_lines(text) if text else [[]]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {_OFD_NS} Version="1.0" DocType="OFD"><ofd:DocBody>'
            '<ofd:DocInfo><ofd:DocID>0C3E8C7B</ofd:DocID></ofd:DocInfo>'
            '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'
        ))
        page_list = "".join(
            f'<ofd:Page ID="{number + 1}" BaseLoc="Pages/Page_{number}/Content.xml"/>' for number in range(len(pages))
        )
        package.writestr("Doc_0/Document.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {_OFD_NS}><ofd:CommonData>'
            '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
            '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>'
            f'<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>'
        ))
        package.writestr("Doc_0/PublicRes.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {_OFD_NS} BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
        ))
        for number, lines in enumerate(pages):
            objects = _text_objects(lines, per_character=per_character, first_id=1000 * (number + 1))
            if shuffled:
                random.Random(number).shuffle(objects)
            if number == 0:
                objects += [
                    f'<ofd:ImageObject ID="{9000 + n}" Boundary="0 0 210 297" ResourceID="2"/>' for n in range(images)
                ]
            package.writestr(f"Doc_0/Pages/Page_{number}/Content.xml", (
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {_OFD_NS}><ofd:Content>'
                f'<ofd:Layer ID="{number + 1}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
            ))
    return buffer.getvalue()


class _GbkName(zipfile.ZipInfo):
    """A member named in GBK without the UTF-8 flag, as Windows' own "send to compressed folder" writes it in China."""

    def _encodeFilenameFlags(self):  # zipfile's hook for the bytes of a name; it would write UTF-8
        return self.filename.encode("gbk"), self.flag_bits


def zipped(members: dict[str, bytes], *, utf8_names: bool = True) -> bytes:
    """A zip of ``members`` (name → bytes); without ``utf8_names`` names are written in GBK."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr((zipfile.ZipInfo if utf8_names else _GbkName)(name), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
