"""Undo what recognition does to Chinese: words spaced apart, punctuation in its half-width form.

Pure functions on strings. Every change keeps the number of characters within a word (a comma for a
comma), so a word's place in the text can still be found after it (``fold`` finds it either way).
"""

from __future__ import annotations

import re

# Han characters, CJK punctuation and symbols, full-width forms, and the curly quotes Chinese uses.
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’《》"
_IS_CJK = re.compile(f"[{_CJK}]")
# Half-width marks the engine reads for Chinese ones; a comma or colon between digits is a number's (3,000; 9:30).
_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"})
_HALF_WIDTH_MARK = re.compile(r"(?<!\d)[,:]|[,:](?!\d)|[;?!()]")
# Finding words again: each width of a mark is one, and so are a colon and a semicolon, which
# ``letter_marks`` may have swapped (公开方式；→ 公开方式：).
_FOLD = str.maketrans({**{full: half for half, full in zip(",::?!()", "，；：？！（）", strict=True)}, ";": ":"})


def joined(words: list[str], gaps: list[float], height: float) -> str:
    """A line from its words: Chinese runs together; Latin words and numbers keep a space where the page has one.

    ``gaps[i]`` is the blank before ``words[i + 1]`` in pixels, ``height`` the line's.
    """
    parts = [words[0]]
    for word, gap in zip(words[1:], gaps, strict=True):
        chinese = _IS_CJK.match(word[0]) or _IS_CJK.match(parts[-1][-1])
        parts.append("" if chinese or gap < 0.3 * height else " ")
        parts.append(word)
    return "".join(parts)


def full_width(line: str) -> str:
    """Half-width , ; : ? ! ( ) as the letter printed them, full width, in a line that has Chinese in it."""
    if not _IS_CJK.search(line):
        return line
    return _HALF_WIDTH_MARK.sub(lambda mark: mark.group().translate(_WIDTH), line)


def fold(text: str) -> str:
    """The text with full-width marks at half width and ; as :, character for character, for finding words in it."""
    return text.translate(_FOLD)
