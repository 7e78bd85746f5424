"""How a reply's text was obtained is shown: the public page warns of a scan's OCR and links the original,
the review page marks the words the engine was unsure of. No engine needed: the reply is stored as OCR left it."""

import pytest
from django.core.files.base import ContentFile

from archive.models import Reply

pytestmark = pytest.mark.usefixtures("search_index")

NOTICE = "本文由扫描件文字识别得到，可能有误，请以原件为准"


def read_from_a_scan(reply: Reply, *, original_public=None) -> Reply:
    reply.text_source, reply.ocr_confidence = Reply.TextSource.OCR, 0.91
    reply.ocr_doubtful = [[0, 2, reply.raw_text[:2], 0.42]]
    reply.original_public = original_public
    reply.original.save("扫描件.pdf", ContentFile(b"%PDF-1.4 scan"), save=False)
    reply.save()
    return reply


def test_the_public_page_of_a_scanned_letter_says_it_was_read_by_ocr_and_links_the_original(client, make_reply):
    reply = read_from_a_scan(make_reply(), original_public=True)

    page = client.get(reply.get_absolute_url()).content.decode()

    assert NOTICE in page
    assert f'{NOTICE}：<a href="/replies/{reply.pk}/original/">查看原件</a>' in page


def test_a_scanned_letter_whose_original_is_not_public_still_says_so_without_a_link(client, make_reply):
    reply = read_from_a_scan(make_reply(), original_public=False)

    page = client.get(reply.get_absolute_url()).content.decode()

    assert f"{NOTICE}。" in page and "查看原件" not in page


def test_a_typed_letters_page_says_nothing_of_ocr(client, make_reply):
    assert NOTICE not in client.get(make_reply().get_absolute_url()).content.decode()


def test_the_review_page_marks_the_words_the_engine_was_unsure_of(admin_client, make_reply):
    reply = read_from_a_scan(make_reply(publish=False))

    page = admin_client.get(f"/admin/archive/reply/{reply.pk}/change/").content.decode()

    assert "文字来源：扫描件文字识别，平均识别把握 91%" in page
    assert f'<mark class="ocr-doubtful" title="识别把握 42%">{reply.raw_text[:2]}</mark>' in page


def test_a_mark_whose_words_were_corrected_since_is_left_out(admin_client, make_reply):
    reply = read_from_a_scan(make_reply(publish=False))
    reply.raw_text = "改" + reply.raw_text
    reply.save()

    page = admin_client.get(f"/admin/archive/reply/{reply.pk}/change/").content.decode()

    assert 'title="识别把握' not in page
