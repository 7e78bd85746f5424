"""Queries as people type them (issue 16): operators in any case, Chinese list marks, traditional characters,
and an empty page that says what to do next."""

import pytest

from search.query import SearchParams, search

LETTERS = [
    dict(title="关于加强社区养老服务的建议", agency="慈溪市民政局", body_text="推进社区养老服务中心建设。"),
    dict(title="关于改善农村道路的建议", agency="资阳市交通运输局", body_text="加快农村道路硬化。"),
    dict(title="关于中小学心理辅导的建议", agency="长春市教育局", body_text="学校心理辅导室全覆盖。"),
]


@pytest.fixture
def archive(make_reply, indexed):
    with indexed():
        for letter in LETTERS:
            make_reply(**letter)


def agencies(q, **params):
    return {hit.reply.agency.name for hit in search(SearchParams(q=q, **params)).hits}


@pytest.mark.parametrize("q", ["养老 OR 道路", "养老 or 道路", "养老 Or 道路", "养老 或 道路", "养老 | 道路"])
def test_or_in_any_case_finds_either(archive, q):
    assert agencies(q) == {"慈溪市民政局", "资阳市交通运输局"}


@pytest.mark.parametrize("q", ["建议 NOT 养老", "建议 not 养老", "建议 -养老"])
def test_not_excludes(archive, q):
    assert agencies(q) == {"资阳市交通运输局", "长春市教育局"}


@pytest.mark.parametrize("q", ["养老、服务", "养老，服务", "养老 and 服务", "养老 AND 服务"])
def test_list_marks_and_and_join_words_as_a_space_does(archive, q):
    assert agencies(q) == {"慈溪市民政局"}


def test_traditional_characters_find_what_simplified_ones_find(archive):
    assert agencies("學校 心理輔導") == agencies("学校 心理辅导") == {"长春市教育局"}


def test_words_no_letter_holds_together_are_offered_with_or(archive, client):
    results = search(SearchParams(q="养老 道路"))

    assert results.total == 0
    text, count, url = results.or_form
    assert text == "养老 OR 道路" and count == 2
    assert agencies(text) == {"慈溪市民政局", "资阳市交通运输局"}
    page = client.get("/search/", {"q": "养老 道路"}).content.decode()
    assert "含有其中任一个词的答复有 2 件" in page


def test_a_bad_date_is_said_not_silently_ignored(archive, client):
    page = client.get("/search/", {"q": "养老", "date_from": "2024-13-01"}).content.decode()

    assert "“2024-13-01”不是有效的日期" in page


def test_contradictory_dates_are_named(archive, client):
    page = client.get("/search/", {"q": "养老", "date_from": "2024-12-31", "date_to": "2020-01-01"})

    assert "起始日期 2024-12-31 晚于截止日期 2020-01-01" in page.content.decode()


def test_a_number_query_marks_the_number_not_every_第(make_reply, indexed):
    with indexed():
        make_reply(title="关于第四人民医院扩建的建议", agency="慈溪市卫生健康局", number="0070",
                   body_text="第四人民医院第一时间完成第0070号建议的办理。")

    hit = search(SearchParams(q="第0070号")).hits[0]
    html = "".join(str(excerpt.html) for excerpt in hit.excerpts)

    assert "<mark>0070</mark>" in html and "<mark>第</mark>" not in html


def test_a_hit_says_which_proposal_it_answers(make_reply, indexed, client):
    with indexed():
        make_reply(title="关于社区食堂的建议", agency="资阳市民政局", proposers=("罗大成", "王芳"), role="委员",
                   session="资阳市政协五届四次会议", number="0070")

    page = client.get("/search/", {"q": "社区食堂"}).content.decode()

    for shown in ("政协提案", "五届四次会议", "第0070号", "罗大成、王芳"):
        assert shown in page


def test_a_name_the_dictionary_lacks_finds_the_letters_holding_it_and_the_replies_to_that_person(make_reply, indexed):
    # 龚秋菊 falls apart into single characters: a phrase of the text, and a name that pins a proposer. Both count.
    with indexed():
        make_reply(title="关于农贸市场改造的建议", agency="湖州市商务局", proposers=("龚秋菊",), role="委员",
                   session="湖州市十五届政协二次会议", body_text="委员：\n您提出的建议收悉。")
        make_reply(title="关于河道保洁的建议", agency="慈溪市水利局", proposers=("朱蓉",),
                   body_text="朱蓉代表：\n您与龚秋菊委员提出的建议收悉。")
        make_reply(title="关于校车安全的建议", agency="宜宾市教育体育局", proposers=("叶晓燕",))
    assert agencies("龚秋菊") == {"湖州市商务局", "慈溪市水利局"}
