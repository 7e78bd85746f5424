"""Words read from a page become a typed letter's lines, with the doubtful ones found again in the text."""

from archive.extract.lines import paragraphs
from archive.ocr.reading import mean_confidence, page_of, without_ghosts
from archive.ocr.tesseract import Word


def word(text, left, top, confidence=0.95, line=(1, 1, 1), size=40):
    return Word(text, confidence, left, top, left + size * len(text), top + size, line)


def test_a_page_of_words_reads_as_lines_and_the_unsure_word_is_found_where_it_stands():
    page = page_of([
        word("朱", 100, 100), word("蓉", 140, 100, confidence=0.3), word("代表:", 180, 100),
        word("经", 180, 160, line=(1, 2, 1)), word("研究,", 220, 160, line=(1, 2, 1)),
        word("朱", 100, 220, line=(1, 2, 2)), word("蓉", 140, 220, line=(1, 2, 2)),
    ])
    text = paragraphs([page.rows])

    from archive.ocr import recognised_text
    recognised = recognised_text([page], text)

    assert text.splitlines() == ["朱蓉代表：", "", "经研究，", "朱蓉"]
    assert [(span.start, span.end, span.text) for span in recognised.doubtful] == [(1, 2, "蓉")]


def test_the_mean_confidence_counts_every_character():
    page = page_of([word("答复如下", 100, 100, confidence=1.0), word("函", 300, 100, confidence=0.5)])

    assert mean_confidence([page]) == (4 * 1.0 + 0.5) / 5


def test_a_character_seen_in_anothers_strokes_is_left_out():
    line = [word("二", 248, 1014), word("、", 288, 1014), word("人", 306, 1014, confidence=0.35, size=20),
            word("存在", 316, 1014, size=100)]

    assert [item.text for item in without_ghosts(line)] == ["二", "、", "存在"]


def test_an_unsure_character_standing_apart_is_kept_even_under_a_first_word_stretched_over_it():
    line = [Word("朱", 0.93, 179, 239, 327, 269, (1, 1, 1)), Word("鞭", 0.06, 224, 235, 258, 284, (1, 1, 1)),
            Word("代表", 0.38, 257, 239, 310, 269, (1, 1, 1))]

    assert [item.text for item in without_ghosts(line)] == ["朱", "鞭", "代表"]
