"""Which replies a query finds, and in what order, on seed-like letters."""

import pytest

from search.query import SearchParams, search
from tests.search.corpus import SEEDLIKE


@pytest.fixture
def seedlike(make_reply, indexed):
    with indexed():
        return {reply["agency"]: make_reply(**reply) for reply in SEEDLIKE}


def found(q, **params):
    return [hit.reply.agency.name for hit in search(SearchParams(q=q, **params)).hits]


def test_xinli_finds_every_letter(seedlike):
    assert sorted(found("心理")) == sorted(seedlike)


def test_xinli_fudaoshi_finds_only_letters_containing_it(seedlike):
    assert sorted(found("心理辅导室")) == ["信阳市教育体育局", "慈溪市教育局"]


def test_shuangjian_finds_the_letter_with_it(seedlike):
    assert found("双减") == ["信阳市教育体育局"]


def test_a_delegates_name_finds_their_reply_first(seedlike):
    assert found("罗大成")[0] == "资阳市教育和体育局"


def test_a_word_the_dictionary_lacks_finds_only_the_letters_that_spell_it(make_reply, indexed):
    # jieba cuts 河长制 and the name 方一鸣 into single characters; each must not match every word it begins.
    with indexed():
        make_reply(agency="甲区水利局", body_text="全面落实河长制，方一鸣代表的建议已采纳。")
        make_reply(agency="乙区水利局", body_text="河道长度与制度方案，一鸣惊人。")

    assert found("河长制") == ["甲区水利局"]
    assert found("方一鸣") == ["甲区水利局"]


def test_a_city_name_finds_that_citys_replies(seedlike):
    assert found("长春") == ["长春市教育局"]


def test_an_agency_alias_and_name_put_that_agency_first(seedlike):
    assert found("慈溪市教育局")[0] == "慈溪市教育局"


def test_quoted_phrase_respects_word_order(make_reply, indexed):
    with indexed():
        make_reply(agency="甲区教育局", body_text="学校要加强心理健康教育工作。")
        make_reply(agency="乙区教育局", body_text="健康教育要与心理辅导并重，工作加强。")

    assert found('"加强心理健康教育"') == ["甲区教育局"]
    assert found('"心理健康教育加强"') == []


def test_words_are_anded_and_or_widens(seedlike):
    assert found("双减 筛查") == []
    assert sorted(found("双减 OR 筛查")) == ["信阳市教育体育局", "资阳市教育和体育局"]


def test_minus_excludes_a_word(seedlike):
    assert "信阳市教育体育局" not in found("心理 -双减")
    assert len(found("心理 -双减")) == 4


@pytest.mark.parametrize("q", ["第0070号", "0070", "70号", "70"])
def test_a_proposal_number_puts_that_proposal_first(seedlike, q):
    assert sorted(found(q)[:2]) == ["慈溪市教育局", "资阳市教育和体育局"]


def test_a_session_and_number_put_only_that_proposal_first(seedlike):
    assert found("五届四次 70")[0] == "资阳市教育和体育局"


def test_sort_by_date_puts_newest_first(seedlike):
    assert found("心理", sort="date") == [
        "信阳市教育体育局", "慈溪市教育局", "资阳市教育和体育局", "长春市教育局", "广州市南沙区教育局"]


def test_a_single_character_finds_the_words_it_begins(seedlike):
    assert "资阳市教育和体育局" in found("筛")


def test_unpublished_and_withheld_replies_are_not_found(make_reply, indexed):
    with indexed():
        make_reply(agency="甲区教育局", body_text="关于心理健康的答复（0）。", publish=False)
        make_reply(agency="乙区教育局", body_text="关于心理健康的答复（1）。", disclosure="不予公开")
        make_reply(agency="丙区教育局", body_text="关于心理健康的答复（2）。", disclosure="依申请公开")
        make_reply(agency="丁区教育局", body_text="关于心理健康的答复（3）。", disclosure="主动公开")

    assert found("心理健康") == ["丁区教育局"]


def test_a_dictionary_word_inside_a_longer_one_finds_it(make_reply, indexed):
    # 心理健康 (four characters) inside 心理健康教育: indexed sub-words stopped at three characters.
    with indexed():
        make_reply(title="关于中小学心理健康教育的建议", agency="慈溪市教育局", body_text="加强心理健康教育。")
        make_reply(title="关于城市绿道的建议", agency="眉山市住房和城乡建设局", body_text="建设城市绿道。")

    found = search(SearchParams(q="心理健康"))

    assert [hit.reply.agency.name for hit in found.hits] == ["慈溪市教育局"]
