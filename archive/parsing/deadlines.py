"""Read the deadline a commitment states and resolve it to a date against the letter's date.

In: one commitment's text (a sentence or a numbered item of the 下一步 part) and the letter's date
(None when the letter gives none). Out: a Deadline — the phrase as the letter writes it and the
day it resolves to — or None when the text names no period to finish by.

How phrases resolve (the period's last day, so a commitment is never called overdue while the
period it names still runs):

- a year, its end: 2025年 / 到2025年 / 2025年底前 / 2026年前 / 2020—2022年 → 12-31 of that year;
  年底前 / 年内 / 今年 → the letter's year; 明年 / 下一年度 → the next; 后年 → the one after;
- a half, quarter or month: 上半年 → 06-30, 下半年 → 12-31, 三季度 → 09-30, 6月底前 / 6月前 → 06-30,
  6月30日前 → that day; without a year, the first such period that ends on or after the letter's date;
- a school term: 春季学期 runs February to July (ends 07-31), 秋季学期 August to January (ends 01-31);
  本学期 is the term the letter is written in, 下学期 / 新学期 the one after it; 秋季开学前 → 08-31,
  春季开学前 → the end of February; 本学年 ends 07-31, 下学年 a year later;
- a span from the letter's date: 三年内 / 用三年时间 / 今后两年 → the letter's date plus 3 (2) years;
  6个月内 / 半年内 / 30日内 → plus months or days;
- a five-year plan: “十四五”期间 / 十四五末 → 2025-12-31 (十五五 → 2030-12-31).

A phrase that needs the letter's date (年底前, 下学期, 三年内) keeps its phrase and gets no date when
the letter is undated. Years inside 《》 (a plan's title, 规划（2024—2035年）) are no deadline; nor a
year something is measured against or starts from (较2019年, 自2025年起), nor a past year.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .numerals import digits_to_int, fold_width, to_int

# A phrase is kept as written up to this length (it is stored and shown beside the commitment).
MAX_PHRASE = 40


@dataclass(frozen=True)
class Deadline:
    phrase: str  # as the letter writes it, without spaces: "2025年底前", "下学期", "三年内"
    due: date | None  # the last day of the period it names; None where the letter's date is needed and unknown


_YEAR = r"(?P<year>(?:19|20)\d{2}|二[〇○零][〇○零一二三四五六七八九]{2})"
# Years spoken of relative to the letter: this one, the next, the one after.
_RELATIVE_YEARS = {"今年": 0, "本年": 0, "当年": 0, "本年度": 0, "明年": 1, "来年": 1, "次年": 1,
                   "下一年": 1, "下年": 1, "下一年度": 1, "下年度": 1, "后年": 2}
_RELATIVE = r"(?P<relative>本年度|下一年度|下年度|下一年|今年|本年|当年|明年|来年|次年|下年|后年)"
_MONTH = r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
# What may follow a period to make it a deadline: by its end, before it, within it.
_TAIL = r"(?P<tail>底前|底之前|末前|前|之前|以前|内|以内|之内|底|末)?"
_PERIOD = (
    r"(?:(?P<half>上半年|下半年)"
    r"|第?(?P<quarter>[一二三四1-4])季度"
    rf"|{_MONTH}月份?(?:{_DAY}[日号])?(?P<part>上旬|中旬|下旬)?"
    r"|(?P<season>春季|秋季|春|秋)(?P<term>学期|开学)"
    r"|(?P<year_end>年?底|年?末|度))?"
)
# A year, written or spoken of, and the part of it: 2025年底前, 明年上半年, 今年6月, 2025年度.
_IN_YEAR = re.compile(rf"(?:{_YEAR}年|{_RELATIVE}){_PERIOD}{_TAIL}")
# A range of years: 2020—2022年, 2024-2026年, 2023年至2025年.
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}年?\s*(?:[-—–~～至到])\s*(?P<last>(?:19|20)\d{2})年")
# A month of the letter's year or the next, said by its number: 6月底前, 于6月, 9月30日前.
# Not after a year or a digit: 2025年6月 is read whole by _IN_YEAR.
_MONTH_ALONE = re.compile(rf"(?<![\d年]){_MONTH}月份?(?:{_DAY}[日号])?(?P<part>上旬|中旬|下旬)?{_TAIL}")
# The words that make a month without a tail a deadline: 拟于6月开通, 在9月完成.
_MONTH_LEAD = "于在到至"
# Periods named without a year: 年底前, 年内, 上半年, 三季度, the school terms and years.
# Not after a numeral or a year word: 三年内 is a span, 明年底 and 2025年底 are read by _IN_YEAR, 去年底 is past.
_BARE = re.compile(
    r"(?<![\d〇○零一二两三四五六七八九十年去前明今本当])(?P<bare>年底前|年底|年末|年内|年度内|上半年|下半年|第?[一二三四]季度末?"
    r"|本学期|这学期|下个?学期|新学期|春季学期|秋季学期|(?:春季|秋季)开学(?=前|之前)|本学年|下一?学年|新学年)"
    r"(?P<tail>前|之前|内|末|底)?"
)
# A span from the letter's date: 三年内, 用三年时间, 今后两年, 6个月内, 半年内.
_SPAN = re.compile(
    r"(?P<lead>用|利用|花|今后|未来|再用)?(?<![\d〇○零一二两三四五六七八九十])(?P<count>[一二两三四五六七八九十\d]{1,3}|半)"
    r"(?P<unit>年|个月|个季度|周|个工作日|日|天)(?P<time>时间)?(?P<tail>内|以内|之内)?"
)
# A five-year plan's period: “十四五”期间, 十四五末, 十四五时期.
_PLAN = re.compile(r"“?(?P<plan>十[一二三四五])五”?(?P<tail>期间|时期|期末|末|内|规划期内?|收官)")
# Before a period: what it is measured against or counts from (较2019年提高, 自2025年起), or a recurrence
# (每年底, 每学期): no deadline.
_NOT_BEFORE = re.compile(r"(?:较|比|同比|截至|截止|自|从|与|早在|每)\s*$")
# After a year: it is a start or a baseline (2024年起, 2019年以来, 2019年水平).
_NOT_AFTER = re.compile(r"^\s*(?:起|开始|以来|至今|同期|相比|水平|基础)")
# A plan's period in brackets after its name (规划（2024—2035年）) when the letter sets no 《》 around it.
_TITLE_PERIOD = re.compile(r"[（(]\s*(?:19|20)\d{2}\s*年?\s*[-—–~～至到]\s*(?:19|20)\d{2}\s*年?\s*[)）]")
_TITLES = re.compile(r"《[^《》]{0,200}》")
# Spaces inside "到 2023 年底" and the like.
_SPACES = re.compile(r"\s+")


def find_deadline(text: str, letter_date: date | None) -> Deadline | None:
    """The first deadline the text states, resolved against the letter's date; None when it states none."""
    text = _TITLE_PERIOD.sub("", _TITLES.sub("《》", _SPACES.sub("", fold_width(text))))
    candidates = []
    for pattern, resolve in _RULES:
        for match in pattern.finditer(text):
            candidates.append((match.start(), -match.end(), match, resolve))
    # Leftmost first, and of two starting together the longer (2025年底前 before 2025年).
    for _, _, match, resolve in sorted(candidates, key=lambda item: item[:2]):
        if _excluded(text, match):
            continue
        found = resolve(match, letter_date)
        if found is None:
            continue  # the words match but name no deadline here (一年 without 内, a bare 今年)
        due = found if isinstance(found, date) else None
        if due is not None and letter_date is not None and due < letter_date:
            continue  # a period already over when the letter was written: a fact, not a promise
        return Deadline(match.group(0)[:MAX_PHRASE], due)
    return None


def _excluded(text: str, match: re.Match) -> bool:
    return bool(_NOT_BEFORE.search(text[max(0, match.start() - 3) : match.start()])
                or _NOT_AFTER.match(text[match.end() : match.end() + 3]))


# ---- resolving -------------------------------------------------------------------------------
# A resolver returns the due date, UNDATED when the phrase is a deadline but the letter's date is
# needed and unknown, or None when the match is no deadline after all.

UNDATED = object()


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _number(text: str | None) -> int | None:
    return to_int(text) if text else None


def _year_of(match: re.Match) -> int | None:
    written = match.group("year")
    return (digits_to_int(written) if not written.isdigit() else int(written)) if written else None


def _in_period(year: int, match: re.Match) -> date | None:
    """The last day of the period of ``year`` the match names (the whole year when it names no part)."""
    if match.group("half"):
        return date(year, 6, 30) if match.group("half") == "上半年" else date(year, 12, 31)
    if match.group("quarter"):
        return _month_end(year, 3 * _number(match.group("quarter")))
    if match.group("month"):
        return _day_in_month(year, match)
    if match.group("season"):
        return _term_edge(year, match.group("season").startswith("春"), match.group("term") == "开学")
    return date(year, 12, 31)


def _day_in_month(year: int, match: re.Match) -> date | None:
    month = _number(match.group("month"))
    if not month or month > 12:
        return None
    if match.group("day"):
        day = _number(match.group("day"))
        if not day or day > calendar.monthrange(year, month)[1]:
            return None
        return date(year, month, day)
    part = match.group("part")
    if part in ("上旬", "中旬"):
        return date(year, month, 10 if part == "上旬" else 20)
    return _month_end(year, month)


def _term_edge(year: int, spring: bool, start: bool) -> date:
    """A school year's term of ``year``: its last day, or the day before it starts (开学前)."""
    if spring:
        return _month_end(year, 2) if start else date(year, 7, 31)
    return date(year, 8, 31) if start else date(year + 1, 1, 31)


def _resolve_in_year(match: re.Match, letter_date: date | None):
    year = _year_of(match)
    if year is None:
        if letter_date is None:
            return UNDATED
        offset = _RELATIVE_YEARS[match.group("relative")]
        bare = not any(match.group(g) for g in ("half", "quarter", "month", "season", "year_end", "tail"))
        if bare and match.group("relative") in ("年度", "本年", "当年"):
            return None  # 年度 alone is an adjective (年度考核), 当年 a past year's own
        year = letter_date.year + offset
    return _in_period(year, match)


def _resolve_range(match: re.Match, letter_date: date | None):
    return date(int(match.group("last")), 12, 31)


def _resolve_month(match: re.Match, letter_date: date | None):
    if match.group("tail") in ("内", "以内", "之内"):
        return None  # 6月内 is rare and unclear; 三个月内 is a span, read by _SPAN
    if not match.group("tail") and (match.start() == 0 or match.string[match.start() - 1] not in _MONTH_LEAD):
        return None  # 6月 alone may be when something happened
    if letter_date is None:
        return UNDATED
    due = _day_in_month(letter_date.year, match)
    if due is not None and due < letter_date:
        due = _day_in_month(letter_date.year + 1, match)  # 3月底前 in a letter of June: next March
    return due


def _resolve_bare(match: re.Match, letter_date: date | None):
    if letter_date is None:
        return UNDATED
    word, year = match.group("bare"), letter_date.year
    if word in ("年底前", "年底", "年末", "年内", "年度内"):
        return date(year, 12, 31)
    if word in ("上半年", "下半年"):
        due = date(year, 6, 30) if word == "上半年" else date(year, 12, 31)
        return due if due >= letter_date else date(year + 1, due.month, due.day)
    if word.endswith(("季度", "季度末")):
        due = _month_end(year, 3 * to_int(word.lstrip("第")[0]))
        return due if due >= letter_date else _month_end(year + 1, due.month)
    if word.endswith("学年"):
        ends = date(year, 7, 31) if letter_date.month <= 7 else date(year + 1, 7, 31)
        return ends if word == "本学年" else date(ends.year + 1, 7, 31)
    return _term(word, letter_date)


def _term(word: str, letter_date: date) -> date:
    """The term a word names, from the letter's date: spring February–July, autumn August–January."""
    month, year = letter_date.month, letter_date.year
    in_spring = 2 <= month <= 7
    autumn_year = year if month >= 8 else year - 1  # January belongs to the autumn term begun the year before
    if word in ("本学期", "这学期"):
        return date(year, 7, 31) if in_spring else date(autumn_year + 1, 1, 31)
    if word in ("下学期", "下个学期", "新学期"):
        return date(year + 1, 1, 31) if in_spring else date(autumn_year + 1, 7, 31)
    spring = word.startswith("春")
    start = word.endswith("开学")
    for candidate_year in (year - 1, year, year + 1):
        edge = _term_edge(candidate_year, spring, start)
        if edge >= letter_date:
            return edge
    return _term_edge(year + 1, spring, start)


def _resolve_span(match: re.Match, letter_date: date | None):
    lead, time, tail = match.group("lead"), match.group("time"), match.group("tail")
    if not (tail or (lead in ("用", "利用", "花", "再用") and time) or lead in ("今后", "未来")):
        return None  # 三年 alone, 三年来, 每年: no span to finish within
    unit = match.group("unit")
    count = 0.5 if match.group("count") == "半" else _number(match.group("count"))
    if not count:
        return None
    if letter_date is None:
        return UNDATED
    if unit == "年":
        return _add_months(letter_date, int(12 * count))
    if unit in ("个月", "个季度"):
        return _add_months(letter_date, int(count * (3 if unit == "个季度" else 1)))
    days = {"周": 7, "个工作日": 1, "日": 1, "天": 1}[unit] * count
    if unit == "个工作日":
        days = days * 7 / 5  # five working days a week
    return letter_date + timedelta(days=round(days))


def _resolve_plan(match: re.Match, letter_date: date | None):
    return date(2010 + 5 * (to_int(match.group("plan")) - 11), 12, 31)


_RULES = (
    (_IN_YEAR, _resolve_in_year),
    (_YEAR_RANGE, _resolve_range),
    (_MONTH_ALONE, _resolve_month),
    (_BARE, _resolve_bare),
    (_SPAN, _resolve_span),
    (_PLAN, _resolve_plan),
)
