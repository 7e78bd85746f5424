"""Stamped scans are read through the red seal into a draft reply with the letter's fields.

Through ``ingest.import_file``, what an upload comes to however it is run (the upload page, its background
worker, ``import_replies``). Bad scans — a photo that is no letter, a damaged image, a decompression bomb,
a 300-page PDF — say why in Chinese and leave no row and no stored file. Two pages at most per test:
recognition takes a second or two a page.
"""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from archive.extract import ExtractError
from archive.ingest import import_file
from archive.models import Agency, Person, Proposal, Reply, Session
from archive.parsing import parse_reply
from scripts.score_parser import got_field, same, want_field
from tests.bad_files import corrupt_jpeg, photo_jpeg, pixel_bomb_png
from tests.engines import needs_tesseract
from tests.ocr.scans import (
    SEED,
    SEEDS,
    half_typed_pdf,
    image_only_pdf,
    multipage_tiff,
    scanned_pdf,
    seed_text,
    stamped_pages,
)

FIELDS = ["proposer_names", "proposal_number", "session", "proposal_title", "agency", "date", "doc_number",
          "section_titles"]

pytestmark = [needs_tesseract, pytest.mark.usefixtures("search_index")]


def upload(name: str, data: bytes) -> Reply:
    return import_file(data, name).reply


def refusal(name: str, data: bytes) -> str:
    with pytest.raises((ExtractError, ValidationError)) as refused:
        import_file(data, name)
    error = refused.value
    return "；".join(error.messages) if isinstance(error, ValidationError) else str(error)


def stored_fields(reply: Reply) -> dict:
    """The draft's fields in the parser's terms, as scripts/score_parser.py compares them."""
    return {
        "proposer_names": [person.name for person in reply.proposal.proposers.order_by("proposer_links__position")],
        "proposal_number": reply.proposal.number or None,
        "session": reply.proposal.session.name if reply.proposal.session_id else None,
        "proposal_title": reply.proposal.title,
        "agency": reply.agency.name if reply.agency_id else None,
        "date": reply.date.isoformat() if reply.date else None,
        "doc_number": reply.doc_number or None,
        "sections": [{"title": section.title, "level": 1} for section in reply.sections.filter(level=1)],
    }


def expected_for_seed(name: str) -> dict:
    import json

    return next(entry for entry in json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
                if entry["file"] == name)


@pytest.fixture(scope="module")
def seed_scan():
    return stamped_pages(seed_text())


@pytest.mark.slow
def test_a_stamped_scan_of_a_seed_letter_becomes_a_draft_with_the_typed_letters_fields(db, seed_scan):
    expected = expected_for_seed(SEED)
    typed = parse_reply(seed_text()).as_dict()
    right_when_typed = [field for field in FIELDS
                        if same(field, got_field(typed, field), want_field(expected, field))]

    reply = upload("答复函扫描件.pdf", scanned_pdf(seed_scan))

    stored = stored_fields(reply)
    wrong = {field: got_field(stored, field) for field in right_when_typed
             if not same(field, got_field(stored, field), want_field(expected, field))}
    assert len(right_when_typed) >= 5 and wrong == {}
    assert reply.text_source == Reply.TextSource.OCR and reply.ocr_confidence > 0.8


@pytest.mark.slow
def test_a_multipage_tiff_is_read_page_by_page_and_the_review_page_marks_the_doubtful_words(clerk_client, seed_scan):
    reply = upload("答复函.tif", multipage_tiff(seed_scan))

    page = clerk_client.get(f"/admin/archive/reply/{reply.pk}/change/").content.decode()
    assert reply.raw_text.startswith("关于对区政协第四届二次会议提案") and reply.raw_text.endswith("成长成才。")
    assert "文字来源：扫描件文字识别，平均识别把握" in page
    assert page.count('class="ocr-doubtful"') == len(reply.ocr_doubtful) + 1  # and the legend's


@pytest.mark.slow
def test_a_pdf_reads_its_text_layer_where_it_has_one_and_recognises_the_scanned_page(seed_scan):
    from archive.extract import Source, extract

    typed = "慈溪市教育局关于市十七届人大一次会议第166号建议的答复\n朱蓉代表：\n您与陈海光代表一起提出的建议已收悉。"

    extracted = extract(half_typed_pdf(typed, seed_scan[1]), "答复函.pdf")

    assert extracted.text.startswith("慈溪市教育局关于市十七届人大一次会议第166号建议的答复")  # the text layer, exact
    assert extracted.text.endswith("服务我区中小学生成长成才。") and extracted.source == Source.OCR


BAD_SCANS = {
    "a photo that is no letter": ("照片.jpg", photo_jpeg(), "没有识别出文字"),
    "a corrupt image": ("扫描.jpg", corrupt_jpeg(), "图片已损坏"),
    "a decompression bomb": ("扫描.png", pixel_bomb_png(), "解压炸弹"),
    "a 300-page scanned PDF": ("汇编.pdf", image_only_pdf(300), "超过 100 页"),
    "a 40-page scanned PDF": ("汇编.pdf", image_only_pdf(40), "超过 30 页"),
}


@pytest.mark.parametrize("case", BAD_SCANS, ids=list(BAD_SCANS))
def test_a_bad_scan_says_why_in_chinese_and_leaves_no_row_or_file(db, settings, case):
    name, data, words = BAD_SCANS[case]

    assert words in refusal(name, data)
    assert [model.objects.count() for model in (Reply, Proposal, Agency, Person, Session)] == [0, 0, 0, 0, 0]
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_a_photo_of_text_that_is_no_letter_is_refused_as_no_letter(db):
    from PIL import ImageDraw, ImageFont

    from benchmarks.scan_pages import cjk_font_path

    image = Image.new("RGB", (1200, 300), "white")
    ImageDraw.Draw(image).text((60, 100), "今日菜单：红烧肉、清蒸鱼", font=ImageFont.truetype(cjk_font_path(), 80),
                               fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")

    assert "不像答复函" in refusal("菜单.png", buffer.getvalue()) and Reply.objects.count() == 0


def test_a_scan_that_runs_out_of_time_is_stopped_and_saves_nothing(db, monkeypatch, seed_scan):
    monkeypatch.setattr("archive.ocr.TIME_BUDGET_SECONDS", 0)

    assert "扫描件识别超过" in refusal("答复函.tif", multipage_tiff(seed_scan[:1]))
    assert Reply.objects.count() == 0
