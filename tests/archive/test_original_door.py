"""The original file is a public door too: served masked where the format allows, otherwise only when allowed.

A Word, text or web-page original comes back with personal numbers masked; a PDF or a scan cannot be masked,
so it is served only when the clerk chooses 公开 or the letter holds no personal number; every download is
named after the reply. Letters from several cities, each with its own agency and number.
"""

import io
from urllib.parse import unquote

import docx
import pytest
from django.core.files.base import ContentFile
from pytest_django.asserts import assertContains, assertNotContains

from archive.models import Reply
from tests.admin_forms import review_post
from tests.bad_files import handmade_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]

MOBILE, MOBILE_SHOWN = "13912345678", "139****5678"
CONTACT = f"联系人：王芳，手机{MOBILE}。"
DOWNLOAD_LINK = "下载原始文件"


@pytest.fixture
def letter(make_reply):
    """A public reply of one of three cities with an original file uploaded under the clerk's own name."""
    agencies = iter([("资阳市教育和体育局", "0070", "2024-06-12"), ("慈溪市教育局", "D022", "2024-07-01"),
                     ("潍坊市民政局", "155", "2023-08-30")])

    def make(data: bytes, clerk_name: str, *, body: str = CONTACT):
        agency, number, date = next(agencies)
        text = f"罗大成委员：\n您的建议收悉。\n{body}\n{agency}"
        reply = make_reply(agency=agency, number=number, date=date, body_text=text)
        reply.original.save(clerk_name, ContentFile(data))
        return reply

    return make


def download(client, reply):
    return client.get(f"{reply.get_absolute_url()}original/")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def word_file(*pieces: str) -> bytes:
    document = docx.Document()
    paragraph = document.add_paragraph()
    for piece in pieces:
        paragraph.add_run(piece)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_text_original_comes_back_masked(client, letter):
    reply = letter(f"罗大成委员：\n{CONTACT}".encode("gb18030"), "王芳的定稿.txt")

    response = download(client, reply)

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert body(response).decode("utf-8-sig") == f"罗大成委员：\n联系人：王芳，手机{MOBILE_SHOWN}。"


def test_a_word_original_comes_back_masked_even_where_runs_split_the_number(client, letter):
    letter(b"first city", "a.txt")
    reply = letter(word_file("联系人：王芳，手机139", "1234", "5678。"), "答复函（定稿）.docx")

    masked = docx.Document(io.BytesIO(body(download(client, reply))))

    assert [paragraph.text for paragraph in masked.paragraphs] == [f"联系人：王芳，手机{MOBILE_SHOWN}。"]


def test_a_web_page_original_comes_back_a_masked_web_page(client, letter):
    page = f'<html><head><meta charset="gbk"></head><body><p>罗大成委员：</p><p>{CONTACT}</p></body></html>'
    reply = letter(page.encode("gbk"), "网页.htm")

    response = download(client, reply)

    assert response["Content-Type"] == "text/html; charset=utf-8"
    served = body(response).decode("utf-8-sig")
    assert f"<p>联系人：王芳，手机{MOBILE_SHOWN}。</p>" in served and MOBILE not in served


def test_a_pdf_of_a_letter_with_a_mobile_number_is_not_served_until_the_clerk_allows_it(client, admin_client, letter):
    pdf = handmade_pdf(f"BT /F1 12 Tf ({MOBILE}) Tj ET".encode())
    reply = letter(pdf, "扫描件.pdf")

    assert download(client, reply).status_code == 404
    assertNotContains(client.get(reply.get_absolute_url()), DOWNLOAD_LINK)

    review_post(admin_client, reply, original_public="True")

    assert body(download(client, reply)) == pdf
    assertContains(client.get(reply.get_absolute_url()), DOWNLOAD_LINK)


def test_a_pdf_of_a_letter_without_a_personal_number_is_served_as_it_is(client, letter):
    pdf = handmade_pdf(b"BT /F1 12 Tf (028-6225005) Tj ET")
    reply = letter(pdf, "答复函.pdf", body="联系人：孟辉，电话：028-6225005。")

    assert body(download(client, reply)) == pdf
    assertContains(client.get(reply.get_absolute_url()), DOWNLOAD_LINK)


def test_the_clerks_no_keeps_even_a_maskable_original_off_the_site(client, admin_client, letter):
    reply = letter(word_file(CONTACT), "答复函.docx")

    review_post(admin_client, reply, original_public="False")

    assert download(client, reply).status_code == 404
    assertNotContains(client.get(reply.get_absolute_url()), DOWNLOAD_LINK)


def test_the_download_is_named_after_the_reply_never_after_the_clerks_file(client, letter):
    reply = letter(word_file(CONTACT), "王芳改的第三稿（勿外传）.docx")

    disposition = download(client, reply)["Content-Disposition"]

    assert disposition.startswith("attachment; filename*=utf-8''")
    assert unquote(disposition.split("''", 1)[1]) == "资阳市教育和体育局_第0070号_2024-06-12.docx"
    assert "%E5%8B%BF" not in disposition  # 勿: nothing of the clerk's name


def test_the_review_page_offers_the_choice_and_says_what_the_public_gets(admin_client, letter):
    reply = letter(handmade_pdf(b"BT ET"), "答复函.pdf")

    page = admin_client.get(f"/admin/archive/reply/{reply.pk}/change/")

    assertContains(page, "原始文件是否公开")
    assertContains(page, "自动：Word、文本、网页遮盖号码后公开")
    assertContains(page, "不提供下载：这种格式无法遮盖号码，而答复中有个人手机号或身份证号")


def test_existing_replies_start_on_automatic(letter):
    reply = letter(word_file(CONTACT), "答复函.docx")

    assert Reply.objects.get(pk=reply.pk).original_public is None
