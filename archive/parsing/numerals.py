"""Read the numbers of reply letters: Chinese numerals (五, 十四, 二十八, 二〇二四) and Arabic digits.

In: a short string that is only a number. Out: an int, or None when the string is not one.
"""

# Digits as Chinese letters write them; 〇/○/零/O all stand for zero in years such as 二〇二四, 二○二四.
_DIGITS = {
    "〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "0": 0,
    "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_DIGITS.update({str(i): i for i in range(10)})
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100}
# 廿 and 卅, twenty and thirty, as dates write them (六月廿八日).
_TENS = {"廿": "二十", "卅": "三十"}

# A numeral this module reads: Arabic digits, or Chinese numerals up to 几百几十几.
CHINESE_NUMERAL = "〇○零一二两三四五六七八九十百廿卅"
NUMERAL = rf"(?:\d{{1,4}}|[{CHINESE_NUMERAL}]{{1,5}})"

# Full-width digits and Latin letters (２０２４, Ｄ０２２) as some word processors write them.
_FULL_WIDTH_ALNUM = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}
_FULL_WIDTH_ALNUM.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})
_FULL_WIDTH_ALNUM.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})


def fold_width(text: str) -> str:
    """Full-width digits and Latin letters as ASCII; punctuation is left as written."""
    return text.translate(_FULL_WIDTH_ALNUM)


def to_int(text: str) -> int | None:
    """The value of "14", "十四", "二十八", "一百零五"; None for anything else."""
    text = fold_width(text.strip())
    for short, long in _TENS.items():
        text = text.replace(short, long)
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if any(char not in _DIGITS and char not in _UNITS for char in text):
        return None
    if not any(char in _UNITS for char in text):
        # 二〇二四 or 二0二四: a digit-by-digit number, as years are written.
        return digits_to_int(text)
    total, current = 0, None
    for char in text:
        if char in _UNITS:
            unit = _UNITS[char]
            # 十 alone means 一十.
            total += (1 if current is None else current) * unit
            current = None
        else:
            if current is not None and current != 0:
                return None  # two digits in a row inside a unit numeral: not a number
            current = _DIGITS[char]
    return total + (current or 0)


def digits_to_int(text: str) -> int | None:
    """The value of a digit-by-digit numeral such as 二〇二四 or 二0二四."""
    text = fold_width(text.strip())
    if not text or any(char not in _DIGITS for char in text):
        return None
    return int("".join(str(_DIGITS[char]) for char in text))

