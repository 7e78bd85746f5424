"""The commitment reader (archive/parsing/commitments.py, deadlines.py): pure, no database.

The golden list (tests/data/commitments/golden.json) is scored as scripts/score_commitments.py scores it;
the floors sit a little under what the reader reaches, so a regression fails. The short cases below are
wordings of the genre from many places, one rule each.
"""

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from archive.parsing.commitments import find_commitments
from archive.parsing.deadlines import find_deadline

_SCORER = Path(__file__).resolve().parents[2] / "scripts" / "score_commitments.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_commitments", _SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("letters", ["dev", "holdout"])
def test_the_golden_commitments_are_found_with_their_deadlines(letters):
    score = _scorer().score(sets=(letters,))
    print("\n".join(score.misses + score.lines(letters)))
    assert score.labelled >= 25
    assert score.precision >= 0.95 and score.recall >= 0.95, score.misses
    assert score.deadline_precision >= 0.95 and score.deadline_recall >= 0.95, score.misses


def texts(next_steps, day=date(2024, 6, 28), body=""):
    return [(c.text, c.deadline, c.due) for c in find_commitments(next_steps, day, body)]


def test_inline_enumeration_items_are_single_commitments_and_their_lead_is_not():
    found = texts("下一步，我局将重点做好以下工作：一是年底前建成区级心理辅导中心；二是配齐专职心理教师。")
    assert found == [("年底前建成区级心理辅导中心", "年底前", date(2024, 12, 31)), ("配齐专职心理教师。", None, None)]


def test_a_lead_that_states_a_deadline_is_a_commitment_of_its_own():
    found = texts("我委将力争2026年底前实现县域医共体全覆盖。一是推进人员统一调配；二是统一药品目录。")
    assert [text for text, _, _ in found] == [
        "我委将力争2026年底前实现县域医共体全覆盖。", "推进人员统一调配", "统一药品目录。"]
    assert found[0][2] == date(2026, 12, 31)


def test_numbered_items_with_their_heading_on_a_line_of_its_own_take_the_text_under_it():
    found = texts("三、下一步工作计划\n（一）加快充电设施建设\n2025年6月底前新建公共充电桩500个。\n"
                  "（二）加强安全监管\n开展电动自行车充电隐患排查。")
    assert found == [("加快充电设施建设\n2025年6月底前新建公共充电桩500个。", "2025年6月底前", date(2025, 6, 30)),
                     ("加强安全监管\n开展电动自行车充电隐患排查。", None, None)]


def test_a_group_heading_is_no_commitment_but_its_enumerated_items_are():
    found = texts("(一)完善家校共育机制\n一是建立家长学校。\n二是每学期开展一次家访。")
    assert [text for text, _, _ in found] == ["建立家长学校。", "每学期开展一次家访。"]


def test_circled_and_bracketed_numbers_inside_a_paragraph_are_items():
    assert len(texts("我局将：①扩大公交专用道；②优化线网；③下半年开通夜班公交。")) == 3
    found = texts("重点做好以下工作：（1）推进老旧小区改造；（2）明年上半年完成加装电梯100部。")
    assert found[1] == ("明年上半年完成加装电梯100部。", "明年上半年", date(2025, 6, 30))


def test_prose_is_split_into_sentences_and_clauses_joined_by_semicolons_stay_one():
    found = texts("我局将推进城乡供水一体化；加强水源保护。同时，我们将定期向您通报工作进展。")
    assert [text for text, _, _ in found] == [
        "我局将推进城乡供水一体化；加强水源保护。", "同时，我们将定期向您通报工作进展。"]


def test_the_heading_of_the_next_steps_part_is_not_a_commitment_but_text_after_it_is():
    assert texts("四、下一步工作安排：我局将于9月底前完成排查整治。") == [
        ("我局将于9月底前完成排查整治。", "9月底前", date(2024, 9, 30))]


def test_a_courtesy_line_promises_nothing():
    assert texts("感谢您对教育工作的关心和支持。") == []


def test_without_a_next_steps_part_only_promising_sentences_of_the_last_section_count():
    body = ("王强代表：\n您提出的建议收悉。现答复如下：\n一、基本情况\n我局将该项目列入计划已有三年。\n"
            "二、办理意见\n我局已于去年完成一期工程。经研究，拟于明年6月开通二期，并增设站点10个。"
            "您提出的其余建议，我局将留作今后工作参考。\n感谢您的关心。")
    assert texts(None, date(2024, 6, 28), body) == [
        ("拟于明年6月开通二期，并增设站点10个。", "明年6月", date(2025, 6, 30))]


def test_without_a_next_steps_part_aims_count_only_with_a_date_and_a_report_is_no_promise():
    body = ("李娜委员：\n您的提案收悉。现答复如下：\n一、工作情况\n略。\n二、意见\n"
            "我们积极争取上级资金支持，确保各项措施落地见效。将家庭农场纳入农业保险覆盖范围。我局争取列入2025年省级补助计划。")
    assert texts(None, date(2024, 6, 28), body) == [("我局争取列入2025年省级补助计划。", "2025年", date(2025, 12, 31))]


@pytest.mark.parametrize(("text", "phrase", "due"), [
    ("年底前完成", "年底前", date(2024, 12, 31)),
    ("力争到2025年底前完成", "2025年底前", date(2025, 12, 31)),
    ("2025年6月前建成", "2025年6月前", date(2025, 6, 30)),
    ("6月底前完成", "6月底前", date(2024, 6, 30)),
    ("3月底前完成", "3月底前", date(2025, 3, 31)),  # a March already past: next year's
    ("下半年启动", "下半年", date(2024, 12, 31)),
    ("下学期开设心理课", "下学期", date(2025, 1, 31)),  # spring term in June: the autumn term, ending in January
    ("明年建成", "明年", date(2025, 12, 31)),
    ("力争三年内培育200名", "三年内", date(2027, 6, 28)),
    ("计划用两年时间完成", "用两年时间", date(2026, 6, 28)),
    ("2026年前建成", "2026年前", date(2026, 12, 31)),
    ("年内完成", "年内", date(2024, 12, 31)),
    ("“十四五”期间完成", "“十四五”期间", date(2025, 12, 31)),
    ("2024—2026年改造300公里", "2024—2026年", date(2026, 12, 31)),
    ("第三季度完成招标", "第三季度", date(2024, 9, 30)),
    ("秋季开学前完成", "秋季开学前", date(2024, 8, 31)),
    ("二〇二五年十二月底前完成", "二〇二五年十二月底前", date(2025, 12, 31)),
    ("3个月内整改到位", "3个月内", date(2024, 9, 28)),
    ("力争到 2025 年底", "2025年底", date(2025, 12, 31)),  # spaces inside, as page breaks leave them
])
def test_deadline_phrases_resolve_against_the_letters_date(text, phrase, due):
    found = find_deadline(text, date(2024, 6, 28))
    assert (found.phrase, found.due) == (phrase, due)


@pytest.mark.parametrize("text", [
    "较2019年提高5个百分点", "自2025年1月1日起施行", "2020年以来累计投入", "每年培训2000人次", "近三年共投入",
    "编制《养老服务设施布局规划（2024—2035年）》", "编制海洋牧场规划（2024—2030年）", "纳入“十四五”规划",
    "2023年全市新建学校5所", "年度考核", "9月完成",
])
def test_these_are_no_deadlines(text):
    assert find_deadline(text, date(2024, 6, 28)) is None


def test_an_undated_letter_keeps_a_relative_deadline_without_a_date():
    found = find_deadline("确保年底前完工", None)
    assert (found.phrase, found.due) == ("年底前", None)
    assert find_deadline("力争2026年底前完成", None).due == date(2026, 12, 31)


def test_an_enormous_text_is_read_only_so_far():
    assert len(find_commitments("一是加强监管。二是完善制度。" * 20_000, date(2024, 6, 28))) <= 60
