"""Browsing (a search without words): each hit's excerpt starts at the letter, not at the web page's metadata."""

import re
from pathlib import Path

from tests.parsing.test_stored_text import WEB_PAGE_LETTER

LETTERS = Path(__file__).resolve().parents[1] / "data" / "letters"


def test_browse_excerpts_of_letters_saved_from_web_pages_start_at_the_salutation(client, db, indexed):
    from archive.ingest import import_text

    with indexed():
        for text in (WEB_PAGE_LETTER, (LETTERS / "020_wuhou_qu_zhengfu.txt").read_text("utf-8")):
            import_text(text, publish=True)

    page = client.get("/search/").content.decode()
    excerpts = sorted(re.findall(r'<p class="excerpt">\s*(.*?)\s*</p>', page, re.DOTALL))

    assert len(excerpts) == 2
    assert excerpts[0].startswith("尊敬的黄立群委员： 您提出的《关于加快发展社区嵌入式养老服务的提案》收悉")
    assert excerpts[1].startswith("谢雨桐代表： 您提出的《关于加快城市社区综合体建设的建议》收悉")
    shown = "".join(excerpts)
    assert not [debris for debris in ("分类标识", "是否同意公开", "录入", "发布日期", "武府函") if debris in shown]
