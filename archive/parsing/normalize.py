"""Clean the raw text of a reply letter into lines.

In: the text as extracted from a .txt/.docx/.pdf/.html file or pasted by a clerk.
Out: a list of non-empty, stripped lines (one paragraph or heading each, blank lines gone),
with invisible characters, word-processor artifacts and page numbers removed, full-width
digits and letters folded to ASCII and runs of spaces of every kind collapsed to one space.
Punctuation is kept as written: the fields read from the letter keep the letter's own.
"""

import re

from .numerals import fold_width
from .vocabulary import MARKER_FIELDS, PARAGRAPH_END, alternation

# Line breaks of every kind: Windows/old Mac files, Unicode separators, form feeds at page breaks.
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\f\v\x85]")

# Zero-width characters, soft hyphens and byte-order marks left by web pages and Word.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")

# Every kind of space: NBSP (&nbsp; in web pages), ideographic spaces (　　 indents, 抄　　送), tabs,
# and the box-drawing borders of metadata tables copied from web pages (│ 成文日期 │ 2021-08-16 │).
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u2500-\u257f]+")

# Word-processor artifacts: "[bookmark: _GoBack]" (docx→text converters, seed 002), field codes
# such as "{ PAGE \* MERGEFORMAT }", and image placeholders where a seal or logo was.
_ARTIFACTS = re.compile(
    r"\[\s*(?:bookmark|image|picture|图片)\s*:[^\]\n]*\]|\{\s*(?:PAGE|NUMPAGES|MERGEFORMAT)\b[^}\n]*\}",
    re.IGNORECASE,
)

# A line that is only a page number: "- 1 -", "—2—", "第1页 共3页", "1/3" (PDF and Word footers).
_PAGE_NUMBER = re.compile(
    r"(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})"
)


# A page break: a form feed (Word and PDF extraction) or a page-number line; marked with a
# private-use character while the lines are cleaned.
_PAGE_BREAK = "\ue000"
# A line that starts a numbered heading; a sentence cut by a page break is joined across it only
# where neither this nor PARAGRAPH_END is the case.
_STARTS_HEADING = re.compile(
    r"^(?:第?[一二三四五六七八九十]+\s*[、．.]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,2}\s*[、．.](?!\d))"
)


# A line that is whole in itself: a bracketed note ("（联系人：…，电话：…）"); a line that starts a
# field of the closing block ("抄送：…").
_WHOLE_LINE = re.compile(r"^[（(][^（()）]*[)）]$")
_STARTS_FIELD = re.compile(
    r"^[（(【]?\s*(?:抄\s*送|抄\s*报|主\s*送|联\s*系\s*人|联系电话|签\s*发\s*人?|附\s*件"
    rf"|{alternation(MARKER_FIELDS)})\s*[:：]"
)
# A signature date ends its line ("2019年6月12日" / page break / "签发人：…").
_ENDS_WITH_DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")


def _cut_by_page_break(before: str, after: str) -> bool:
    if PARAGRAPH_END.search(before) or _STARTS_HEADING.match(after):
        return False
    if _WHOLE_LINE.match(before) or _STARTS_FIELD.match(after) or _ENDS_WITH_DATE.search(before):
        return False
    if _STARTS_HEADING.match(before) and "。" not in before:
        return False  # a heading standing at the foot of a page
    return len(before) >= 6 or before.endswith(("，", ",", "、"))


def clean_lines(text: str) -> list[str]:
    """The letter's non-empty lines, cleaned as the module docstring says."""
    text = _INVISIBLE.sub("", fold_width(text.replace(_PAGE_BREAK, "")))
    text = _LINE_BREAKS.sub(lambda m: f"\n{_PAGE_BREAK}\n" if m.group(0) == "\f" else "\n", text)
    text = _ARTIFACTS.sub("", text)
    lines: list[str] = []
    after_break = False
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if line == _PAGE_BREAK or _PAGE_NUMBER.fullmatch(line):
            after_break = bool(lines)
            continue
        if not line:
            continue
        if after_break and _cut_by_page_break(lines[-1], line):
            lines[-1] += line  # a sentence the page break cut in two
        else:
            lines.append(line)
        after_break = False
    return lines


def compact(text: str) -> str:
    """The text without any whitespace, for comparing lines that differ only in spacing."""
    return re.sub(r"\s+", "", text)
