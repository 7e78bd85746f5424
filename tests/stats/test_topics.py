"""Topics rising and falling (stats/topics.py): which years are compared, and which words count."""

from stats.topics import MIN_REPLIES, compare_topics, years_to_compare


def test_the_last_complete_year_is_compared_with_the_year_before():
    assert years_to_compare({2023: 40, 2024: 50, 2025: 60, 2026: 70}, this_year=2026) == (2024, 2025)


def test_no_comparison_when_either_year_holds_too_few_replies_or_the_year_before_is_missing():
    assert years_to_compare({2024: MIN_REPLIES - 1, 2025: 60}, this_year=2026) is None
    assert years_to_compare({2023: 60, 2025: 60}, this_year=2026) is None
    assert years_to_compare({2026: 500}, this_year=2026) is None


def replies(year, count, words):
    return [(year, list(words))] * count


def test_a_words_change_is_its_share_of_each_years_replies_in_percentage_points():
    rows = (replies(2024, 10, ["心理健康"]) + replies(2024, 30, ["农村公路"])
            + replies(2025, 30, ["心理健康"]) + replies(2025, 10, ["农村公路"]))

    topics = compare_topics(2024, 2025, rows)

    assert (topics.before_replies, topics.after_replies) == (40, 40)
    assert [(t.word, t.before, t.after, t.change) for t in topics.rising] == [("心理健康", 10, 30, 50.0)]
    assert [(t.word, t.before, t.after, t.change) for t in topics.falling] == [("农村公路", 30, 10, -50.0)]


def test_a_word_in_fewer_replies_than_the_minimum_is_noise_however_much_its_share_moved():
    rows = replies(2024, 20, ["养老服务"]) + replies(2025, 19, ["养老服务"])
    rows += replies(2025, MIN_REPLIES - 1, ["冷门词"])

    topics = compare_topics(2024, 2025, rows)

    assert [t.word for t in topics.rising] == []
    assert [t.word for t in topics.falling] == ["养老服务"]


def test_a_word_twice_in_one_replys_keywords_counts_once():
    rows = replies(2024, 20, ["学校", "学校"]) + replies(2025, 20, ["学校"])

    assert compare_topics(2024, 2025, rows).rising == []
