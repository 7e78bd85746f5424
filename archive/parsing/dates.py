"""Read the dates of reply letters.

In: a line or a short string. Out: an ISO date "YYYY-MM-DD", or None with the reason.
Forms read: 2024年6月28日, 2024-06-28, 2024.6.28, 2024/6/28, 二〇二四年六月二十八日,
二0二四年六月二十八日, 二〇二三年六月廿八日, and a date that lost its 年/月/日 in extraction
("2024628", seed 001), which is read only when exactly one split into month and day is a valid
date. A date that lost a digit ("2024年 月18日") is never completed: it comes back with a warning.
"""

import re
from dataclasses import dataclass
from datetime import date

from .numerals import digits_to_int, to_int

# A year written digit by digit, in Arabic or Chinese digits or a mix (二0二四, seen in scanned letters).
_YEAR = r"[12一二][\d〇○零O一二三四五六七八九]{3}"
_MONTH_DAY = r"[\d一二三四五六七八九十廿卅]{1,3}"

# The forms of a whole date. Separators: 年月日 with optional spaces (PDF text puts spaces
# around digits), or - . / for web pages and metadata tables.
DATE = (
    rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_MONTH_DAY})\s*月\s*(?P<d>{_MONTH_DAY})\s*[日号]?"
    r"|(?P<y2>(?:19|20)\d{2})\s*(?P<sep>[-./／－])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*(?P<d2>\d{1,2})(?!\d)"
)
_DATE = re.compile(DATE)

# A signature date whose 年/月/日 were lost: 2024628 → 2024-06-28 (seed 001's footer).
LOST_DATE = r"(?:19|20)\d{4,6}"


@dataclass(frozen=True)
class DateReading:
    iso: str | None  # the date, when it is certain
    raw: str  # the date as written
    problem: str | None = None  # a warning for the clerk, in Chinese


def valid_iso(year: int | None, month: int | None, day: int | None) -> str | None:
    """The ISO form of a date, or None when it does not exist."""
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def read_date(text: str) -> DateReading | None:
    """The first full date in the text, or None when it holds no date."""
    match = _DATE.search(text)
    if match is None:
        return None
    raw = match.group(0).strip()
    if match["y"]:
        iso = valid_iso(digits_to_int(match["y"]), to_int(match["m"]), to_int(match["d"]))
    else:
        iso = valid_iso(int(match["y2"]), int(match["m2"]), int(match["d2"]))
    if iso is None:
        return DateReading(None, raw, f"日期“{raw}”不是有效日期，请核对。")
    return DateReading(iso, raw)


# What is left of a date whose characters were lost ("2024年 月18日", "2024年628日", "二〇二四年六月 日"):
# its year, and what stands between 年, 月 and 日. The year is one a letter can bear (19xx, 20xx), and bare
# digits are at most a date's eight: a telephone number alone on its line (13812345678) is no date.
_LETTER_YEAR = r"(?:19|20)\d{2}|[一二][〇○零O一二三四五六七八九]{3}"
_AT_MOST_EIGHT_DIGITS_OR_A_DATE_WORD = r"(?=[^\d]*(?:\d[^\d]*){0,8}$|.*[年月日])"
DATE_REMAINS = (
    rf"{_AT_MOST_EIGHT_DIGITS_OR_A_DATE_WORD}(?:{_LETTER_YEAR})"
    rf"\s*[年.\-/]?[\d〇○零一二三四五六七八九十廿卅\s年月日.\-/]{{1,10}}"
)
_REMAINS_PARTS = re.compile(rf"(?P<y>{_YEAR})\s*年(?P<m>[^年月日]*)月(?P<d>[^年月日]*)日?")


def read_damaged_date(remains: str) -> DateReading:
    """A date that lost characters: read only where what is left can mean one date; else a warning, never a guess.

    Where 年 and 月 are still there they show which digits are the month and which the day, so an
    empty place ("2024年 月18日") is a lost month or day, not digits to regroup.
    """
    parts = _REMAINS_PARTS.fullmatch(remains.strip())
    if parts is not None:
        month, day = re.sub(r"\s+", "", parts["m"]), re.sub(r"\s+", "", parts["d"])
        iso = valid_iso(digits_to_int(parts["y"]), to_int(month), to_int(day)) if month and day else None
        if iso is None:
            return DateReading(None, remains, f"落款日期“{remains}”有缺字，无法确定，请核对后手工填写。")
        return DateReading(iso, remains)
    digits = re.sub(r"\D", "", remains)
    if re.fullmatch(LOST_DATE, digits) and len(digits) <= 8:
        return read_lost_date(digits)
    return DateReading(None, remains, f"落款日期“{remains}”不完整，请核对。")


def read_lost_date(digits: str) -> DateReading:
    """A date written as bare digits (2024628): certain only when one month/day split is valid."""
    year, rest = int(digits[:4]), digits[4:]
    readings = sorted({
        iso
        for cut in range(1, len(rest))
        if len(rest[:cut]) <= 2 and len(rest[cut:]) <= 2
        if (iso := valid_iso(year, int(rest[:cut]), int(rest[cut:]))) is not None
    })
    if len(readings) == 1:
        problem = f"落款日期“{digits}”有缺字，已按唯一可能的读法识别为{readings[0]}，请核对。"
        return DateReading(readings[0], digits, problem)
    return DateReading(None, digits, f"落款日期“{digits}”有缺字，无法确定，请核对。")
