"""What recognition does to Chinese text, undone: spaces between characters, half-width punctuation."""

from archive.ocr.chinese_text import fold, full_width, joined


def test_chinese_characters_are_joined_without_spaces_whatever_the_gaps():
    assert joined(["感", "谢", "您", "的", "建议"], [40, 5, 30, 60], height=30) == "感谢您的建议"


def test_latin_words_and_numbers_keep_the_space_the_page_has():
    assert joined(["Wi-Fi", "6", "覆盖"], [20, 2], height=30) == "Wi-Fi 6覆盖"


def test_half_width_punctuation_in_chinese_becomes_full_width():
    assert full_width("经研究,现答复如下:(一)加强领导;是否?") == "经研究，现答复如下：（一）加强领导；是否？"


def test_a_number_keeps_its_comma_and_a_time_its_colon():
    assert full_width("投入3,000万元,于9:30召开") == "投入3,000万元，于9:30召开"


def test_a_line_without_chinese_is_left_as_it_is():
    assert full_width("Tel: 0571-1234, ext. (8)") == "Tel: 0571-1234, ext. (8)"


def test_folding_keeps_every_character_in_its_place():
    text = "经研究，现答复如下：（一）"
    assert len(fold(text)) == len(text) and fold(text) == "经研究,现答复如下:(一)" == fold("经研究,现答复如下;(一)")
