"""Where the letter proper starts in a reply's stored text, and which paragraphs speak of its subject."""

from archive.parsing import parse_reply
from archive.parsing.stored_text import body_paragraphs, letter_start, subject_paragraphs

# A letter saved from a government web page: the page's metadata and the letter's markers above the salutation.
WEB_PAGE_LETTER = """当前位置：首页 > 政务公开 > 建议提案办理
关于市政协十四届二次会议第0123号提案的答复
分类标识：政协提案
是否同意公开：同意
录入：张敏 发布日期：2024-07-02 来源：南宁市民政局
尊敬的黄立群委员：
您提出的《关于加快发展社区嵌入式养老服务的提案》收悉。现答复如下：
一、养老服务设施建设情况
近年来，我市新建社区嵌入式养老服务中心36个，社区养老服务用房全部达标。
二、下一步工作
我局将推动社区嵌入式养老服务中心向助餐、助浴延伸。
感谢您对民政工作的关心和支持。
南宁市民政局
2024年6月28日
联系人：韦丽，联系电话：0771-2801234
"""


def test_the_letter_proper_starts_at_the_salutation_below_the_pages_metadata():
    body = parse_reply(WEB_PAGE_LETTER).body_text

    assert body[letter_start(body):].startswith("尊敬的黄立群委员：\n您提出的")


def test_without_a_salutation_the_letter_starts_at_the_sentence_naming_the_proposal():
    body = "关于市政协第156号提案的答复\n刘志强委员提出的《关于规范电动自行车管理的提案》收悉。\n一、开展整治。"

    assert body[letter_start(body):].startswith("刘志强委员提出的")


def test_a_text_that_is_only_a_letter_starts_where_it_starts():
    assert letter_start("") == 0
    assert letter_start("  王强代表：\n您提出的建议收悉。") == 2


def test_the_subject_is_the_body_without_heading_fields_courtesy_or_closing_block():
    paragraphs = subject_paragraphs(parse_reply(WEB_PAGE_LETTER).body_text)

    assert paragraphs[0].startswith("您提出的《关于加快发展社区嵌入式养老服务的提案》")
    assert paragraphs[-1] == "我局将推动社区嵌入式养老服务中心向助餐、助浴延伸。"
    assert not any(word in "".join(paragraphs) for word in ("分类标识", "是否同意公开", "感谢您", "联系电话"))


def test_the_body_is_split_as_the_parser_split_it_courtesies_kept_on_request():
    parsed = parse_reply(WEB_PAGE_LETTER)

    body = [
        "您提出的《关于加快发展社区嵌入式养老服务的提案》收悉。现答复如下：",
        "一、养老服务设施建设情况",
        "近年来，我市新建社区嵌入式养老服务中心36个，社区养老服务用房全部达标。",
        "二、下一步工作",
        "我局将推动社区嵌入式养老服务中心向助餐、助浴延伸。",
    ]
    assert body_paragraphs(parsed.body_text, courtesies=True) == [*body, "感谢您对民政工作的关心和支持。"]
    assert body_paragraphs(parsed.body_text) == subject_paragraphs(parsed.body_text) == body


def test_a_short_letter_keeps_its_body_under_a_disclosure_field_above_its_salutation():
    # A closing field's value may wrap onto the lines below it; a heading's field reached across the salutation.
    parsed = parse_reply(
        "是否同意公开：同意\n尊敬的黄立群委员：\n您提出的《关于增设社区老年助餐点的提案》收悉。现答复如下：\n"
        "一、助餐点建设情况\n今年我市新建社区老年助餐点42个。\n南宁市民政局\n2024年6月28日"
    )

    assert [section.title for section in parsed.sections] == ["助餐点建设情况"]
    assert subject_paragraphs(parsed.body_text)[-1] == "今年我市新建社区老年助餐点42个。"
