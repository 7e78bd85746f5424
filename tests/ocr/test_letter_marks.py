"""The marks a letter's fields hang on, as recognition misreads them, put right; nothing else is touched."""

from pathlib import Path

import pytest

from archive.ocr.letter_marks import letter_marks
from archive.parsing import parse_reply

LETTERS = Path(__file__).resolve().parents[1] / "data" / "letters"

BODY = "\n\n您与陈海光代表一起提出的《关于加强学生心理健康教育的建议》已收悉，现答复如下：\n\n一、加强领导\n\n好。"


def test_a_salutation_read_with_a_semicolon_or_without_its_colon_names_the_deputy_again():
    for misread in ("朱蓉代表；", "朱蓉代表", "朱蓉代表,", "朱蓉代表：；"):
        assert parse_reply(letter_marks(misread + BODY)).proposer_names == ["朱蓉", "陈海光"]


def test_an_agency_signing_a_letter_is_no_salutation():
    signed = "…正文…\n\n宜宾市卫生健康委员会\n\n2023年7月12日"

    assert letter_marks(signed) == signed


def test_only_the_salutation_before_the_body_gets_its_colon_back():
    text = "张丽委员\n\n您提出的提案收悉，现答复如下：\n\n我委将继续扩大培养规模。\n\n民盟宜宾市委员会\n\n陈海光代表"

    assert letter_marks(text) == text.replace("张丽委员", "张丽委员：")


def _as_read(letter: str) -> str:
    """A typed letter as recognition lays it out: every short line a paragraph of its own."""
    lines = (LETTERS / letter).read_text(encoding="utf-8").splitlines()
    return "\n\n".join(line.strip() for line in lines if line.strip())


SCANNED = [
    ("040_yibin_tianren_chinese_number.txt", "提案人张丽委员："),  # 卫健委 at the head and the foot
    ("035_jiaxing_fagai_butongyi.txt", "屠文杰委员："),  # 发改委
    ("067_suining_renda_full_label_number.txt", "尊敬的何建伟代表："),  # 发改委
    ("028_xiangyang_weijian_B_tongyi.txt", "陈思远委员："),  # 卫健委 signing only
    ("059_dezhou_joint_signature.txt", "德州市民盟委员会："),  # a party's city committee
    ("006_jiusan_short_no_sections.txt", "九三学社市委员会："),
]


@pytest.mark.parametrize(("letter", "salutation"), SCANNED, ids=[letter.split("_")[1] for letter, _ in SCANNED])
def test_a_scanned_letter_gets_its_salutations_colon_back_and_keeps_its_agencys_name(letter, salutation):
    typed = _as_read(letter)
    read = typed.replace(salutation, salutation[:-1], 1)

    assert letter_marks(read) == typed
    parsed, want = parse_reply(letter_marks(read)), parse_reply(typed)
    assert (parsed.agency, parsed.proposer_names) == (want.agency, want.proposer_names)
    assert parsed.agency and parsed.proposer_names


def test_a_field_label_read_with_a_semicolon_gets_its_colon_back():
    assert letter_marks("公开方式；主动公开\n（联系人：闫大，联系电话；2022781）") == (
        "公开方式：主动公开\n（联系人：闫大，联系电话：2022781）"
    )


def test_a_document_numbers_year_gets_its_own_brackets_back():
    assert letter_marks("太应建【2025] 2号 资教体函[2024]70号") == "太应建〔2025〕2号 资教体函〔2024〕70号"
    assert letter_marks("资教体困【2024】70\n正文") == "资教体困〔2024〕70\n正文"
    assert letter_marks("信民提！（2024] 8号") == "信民提〔2024〕8号"
    assert letter_marks("（2024年6月）") == "（2024年6月）"


def test_a_place_misread_by_one_character_is_put_right_where_the_letter_names_it_elsewhere():
    text = "枇溪市教育局\n浙师大附属慈溪实验学校"

    assert letter_marks(text) == "慈溪市教育局\n浙师大附属慈溪实验学校"


def test_a_place_misread_in_a_qualified_name_is_put_right_within_the_place_before_it():
    assert letter_marks("吴兴区教育局\n湖州市吴星区") == "吴兴区教育局\n湖州市吴兴区"
    assert letter_marks("浙江省枇溪市教育局\n慈溪实验学校") == "浙江省慈溪市教育局\n慈溪实验学校"
    assert letter_marks("枇溪市人力资源和社会保障局\n慈溪") == "慈溪市人力资源和社会保障局\n慈溪"
    assert letter_marks("湖州市吴星区\n吴中") == "湖州市吴星区\n吴中"  # 吴中区 is 苏州's, not 湖州's


def test_words_in_running_text_that_end_like_a_place_are_no_place_to_put_right():
    for text in ("推进主城区老旧小区改造。西城区住建委配合", "全市城区道路。海城区", "本市主城区道路\n西城区住建委"):
        assert letter_marks(text) == text


def test_a_place_name_is_left_alone_when_the_letter_does_not_say_which_place_it_is():
    assert letter_marks("枇溪市教育局") == "枇溪市教育局"  # 慈溪市, 兰溪市 and 贵溪市 are one character away


def test_a_result_class_and_a_subsection_number_read_as_brackets_are_letters_and_numbers_again():
    assert letter_marks("办理结果：《\n《一）创新工作方式") == "办理结果：C\n（一）创新工作方式"
    assert letter_marks("《中华人民共和国教育法》") == "《中华人民共和国教育法》"


def test_semicolons_in_running_text_stay():
    text = "一是加强领导；二是完善制度；三是落实经费。"
    assert letter_marks(text) == text
