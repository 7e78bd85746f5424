"""A heading whose title the parser could not read never takes its reply page down."""

import pytest
from pytest_django.asserts import assertContains

from archive.ingest import import_text

pytestmark = pytest.mark.django_db

LETTER = """资阳市教育和体育局关于市政协五届四次会议第21号提案的答复
罗大成委员：
您提出的《关于加强学校经费保障的建议》收悉。现答复如下：
一、：关于经费保障。我局已将学校公用经费纳入预算。
二、下一步工作
我局将继续加大投入。
资阳市教育和体育局
2024年6月28日"""


def test_a_heading_written_with_a_colon_after_its_number_keeps_its_title_and_its_page(client):
    reply = import_text(LETTER, publish=True).reply
    assert [section.title for section in reply.sections.all()] == ["关于经费保障", "下一步工作"]
    response = client.get(reply.get_absolute_url())
    assertContains(response, "关于经费保障")


def test_a_section_saved_without_a_title_still_shows_its_reply_page(client, make_reply):
    reply = make_reply(sections=[(1, "一", "")], body_text="罗大成委员：\n一、\n的具体内容。")
    response = client.get(reply.get_absolute_url())
    assertContains(response, 'id="s1"')
