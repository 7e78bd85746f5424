"""The marks a letter's fields hang on, as recognition misreads them, put right; nothing else is touched."""

from archive.ocr.letter_marks import letter_marks
from archive.parsing import parse_reply

BODY = "\n\n您与陈海光代表一起提出的《关于加强学生心理健康教育的建议》已收悉，现答复如下：\n\n一、加强领导\n\n好。"


def test_a_salutation_read_with_a_semicolon_or_without_its_colon_names_the_deputy_again():
    for misread in ("朱蓉代表；", "朱蓉代表", "朱蓉代表,", "朱蓉代表：；"):
        assert parse_reply(letter_marks(misread + BODY)).proposer_names == ["朱蓉", "陈海光"]


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


def test_a_place_name_is_left_alone_when_the_letter_does_not_say_which_place_it_is():
    assert letter_marks("枇溪市教育局") == "枇溪市教育局"  # 慈溪市, 兰溪市 and 贵溪市 are one character away


def test_a_result_class_and_a_subsection_number_read_as_brackets_are_letters_and_numbers_again():
    assert letter_marks("办理结果：《\n《一）创新工作方式") == "办理结果：C\n（一）创新工作方式"
    assert letter_marks("《中华人民共和国教育法》") == "《中华人民共和国教育法》"


def test_semicolons_in_running_text_stay():
    text = "一是加强领导；二是完善制度；三是落实经费。"
    assert letter_marks(text) == text
