"""Reading a letter's place from its names: pure functions over the national gazetteer, no database."""

import pytest

from archive.places import find_places, leading_places, place_named, qualified_agency_name, read_place


def path(reading):
    return reading.division.path if reading.division else None


@pytest.mark.parametrize(("agency", "place"), [
    ("资阳市教育和体育局", "四川省 › 资阳市"),
    ("广州市南沙区教育局", "广东省 › 广州市 › 南沙区"),
    ("慈溪市教育局", "浙江省 › 宁波市 › 慈溪市"),
    ("宁波市慈溪市教育局", "浙江省 › 宁波市 › 慈溪市"),
    ("吉林省教育厅", "吉林省"),
    ("北京市朝阳区教育委员会", "北京市 › 朝阳区"),
    ("中共资阳市委组织部", "四川省 › 资阳市"),
    ("黔东南州教育局", "贵州省 › 黔东南苗族侗族自治州"),
    ("双江县教育局", "云南省 › 临沧市 › 双江拉祜族佤族布朗族傣族自治县"),
])
def test_an_agency_name_gives_its_place_with_the_places_above_it(agency, place):
    assert path(read_place(agency=agency)) == place


def test_a_session_that_says_only_shi_belongs_to_the_agencys_own_city():
    assert path(read_place(agency="资阳市教育和体育局", session_region="市")) == "四川省 › 资阳市"
    assert path(read_place(agency="眉山市教育局", session_region="市")) == "四川省 › 眉山市"


def test_a_district_agency_answering_the_city_session_belongs_to_the_city():
    assert path(read_place(agency="广州市南沙区教育局", session_region="市")) == "广东省 › 广州市"
    assert path(read_place(agency="广州市南沙区教育局", session_region="区")) == "广东省 › 广州市 › 南沙区"


def test_a_county_level_city_is_the_shi_of_its_own_agencies():
    assert path(read_place(agency="慈溪市教育局", session_region="市")) == "浙江省 › 宁波市 › 慈溪市"


def test_a_session_naming_its_city_wins_over_an_agency_without_one():
    assert path(read_place(agency="市教育局", session_region="长春市")) == "吉林省 › 长春市"


def test_a_name_several_places_share_is_not_guessed_but_warned_about():
    reading = read_place(agency="朝阳区教育局")
    assert reading.division is None
    assert "北京市 › 朝阳区" in reading.warning and "吉林省 › 长春市 › 朝阳区" in reading.warning


def test_the_session_or_the_clerks_default_resolves_a_shared_name():
    assert path(read_place(agency="朝阳区教育局", session_region="长春市")) == "吉林省 › 长春市"
    default = place_named("长春市")
    assert path(read_place(agency="朝阳区教育局", default=default)) == "吉林省 › 长春市 › 朝阳区"


def test_a_second_name_must_lie_within_the_first():
    # 南沙区 is also a district of 三沙市 (海南省): after 广州市 only Guangzhou's fits.
    assert [place.code for place in leading_places("广州市南沙区")] == ["440115"]


def test_no_place_is_read_from_a_letter_that_names_none():
    assert read_place(agency="我局").division is None
    assert read_place(agency=None, session_region="市").division is None


def test_an_agency_named_relatively_gets_its_place_in_front():
    assert qualified_agency_name("市民政局", place_named("苏州市")) == "苏州市民政局"
    assert qualified_agency_name("区教育局", place_named("广州市南沙区")) == "广州市南沙区教育局"
    assert qualified_agency_name("资阳市教育和体育局", place_named("资阳市")) == "资阳市教育和体育局"
    assert qualified_agency_name("市民政局", None) == "市民政局"


def test_a_clerk_may_type_a_place_without_its_last_character():
    assert [place.name for place in find_places("慈溪")] == ["慈溪市"]


def test_a_typed_place_that_is_ambiguous_or_unknown_is_refused_in_chinese():
    with pytest.raises(ValueError, match="同名"):
        place_named("朝阳区")
    with pytest.raises(ValueError, match="找不到地区"):
        place_named("不存在的地方")


def test_a_municipal_districts_agency_keeps_its_municipality_in_front():
    assert qualified_agency_name("区教育局", place_named("北京市朝阳区")) == "北京市朝阳区教育局"
    assert read_place(agency="北京市朝阳区教育局").division.path == "北京市 › 朝阳区"
