"""Read the handling-result and disclosure markers that stand above or below a reply letter.

In: one line from the letter's heading or its closing block (never from the body, where
"A类证书" or "主动公开政务信息" are ordinary words). Out: the result marker as written
("【B】", "办理结果：A", "A类", "办理结果：正在解决") with its class letter (as written, or the
four-class letter of its words: the table is in ``vocabulary``), the disclosure label (主动公开 /
同意公开 / 依申请公开 / 不予公开 / 不同意公开), and the fields that name neither clearly, for a
warning. ``result_class_of`` gives the archive's normalised class of a marker.
"""

import re
from dataclasses import dataclass

from .vocabulary import (
    DISCLOSURE_FIELDS,
    DISCLOSURE_LABELS,
    DISCLOSURE_QUESTIONS,
    NOT_PUBLIC,
    RESULT_CLASS_OF_LETTER,
    RESULT_CLASS_OF_WORDS,
    RESULT_FIELDS,
    RESULT_LABELS,
    RESULT_WORDS,
    alternation,
)

# The brackets a marker may stand in: 【B】, [B], ［B］, （B）, (B).
_OPEN, _CLOSE = r"[【\[［（(]", r"[】\]］）)]"
# What a class letter means, in brackets after it: "A类（已解决或采纳）", "C（列入计划）"; kept in the label.
_MEANING = r"(?:\s*[（(][\u4e00-\u9fa5，,、]{2,30}[)）])"
# The result class given by a label: "办理结果：A" (seed 004), "答复类别：B", "办理类别：【A】", "办理结果为B类".
_RESULT_BY_LABEL = re.compile(
    rf"(?:{alternation(RESULT_LABELS)})\s*(?:[:：]|为|是)?\s*{_OPEN}?\s*(?P<code>[A-D])\s*类?\s*{_CLOSE}?(?![A-Za-z])"
    rf"{_MEANING}?"
)
# The class in brackets: "【B】" standing alone (seed 003), "（A类）" after a title or document number.
_RESULT_IN_BRACKETS = re.compile(rf"{_OPEN}\s*(?P<code>[A-D])\s*类?\s*{_CLOSE}")
# The class alone on a line near the top: "A类", "A".
# It may carry its meaning in brackets: "A类（已解决）", "A（所提问题已经解决）".
_RESULT_ALONE = re.compile(rf"(?P<code>[A-D])\s*类?(?:答复|件)?{_MEANING}?")
# The class as one of several items on a heading line; the 类 is needed there.
_RESULT_TOKEN = re.compile(r"[A-D]类(?:答复|件)?")
# Each word of a result written in words, with its class letter.
_CLASS_OF_WORD = {word: code for code, words in RESULT_WORDS.items() for word in words}
_RESULT_WORD = re.compile(alternation(_CLASS_OF_WORD))
# A result in words after its label ("办理结果：正在解决", "办理类型：解决采纳类") or in 【】 ("【留作参考】").
_RESULT_IN_WORDS = re.compile(
    rf"(?:(?:{alternation(RESULT_LABELS)})\s*[:：]\s*{_OPEN}?|【)\s*(?P<words>{_RESULT_WORD.pattern})(?:类)?\s*{_CLOSE}?"
)

# A result field whose words are none of the table's ("办理结果：说明解释"): which class it is, is not said.
_UNCLEAR_RESULT = re.compile(rf"^(?:{alternation(RESULT_FIELDS)})\s*[:：]\s*{_OPEN}?\s*[\u4e00-\u9fa5]{{2,10}}")

_LABELS = alternation(DISCLOSURE_LABELS)
_FIELDS = alternation(DISCLOSURE_FIELDS)
# A label in brackets: "【同意公开】" (seed 003), "（主动公开）", "[依申请公开]".
_DISCLOSURE_IN_BRACKETS = re.compile(rf"{_OPEN}\s*(?:此件|本件)?\s*(?P<label>{_LABELS})\s*{_CLOSE}")
# A label after a field name: "公开方式：主动公开", "公开属性：主动公开", "是否同意公开【主动公开】".
_DISCLOSURE_BY_LABEL = re.compile(
    rf"(?:{_FIELDS}|{alternation(DISCLOSURE_QUESTIONS)})\s*[:：]?\s*{_OPEN}?\s*(?P<label>{_LABELS})"
)
# "是否同意公开：同意", "是否公开：是" answer the question with one word.
_DISCLOSURE_ANSWER = re.compile(
    rf"(?P<question>{alternation(DISCLOSURE_QUESTIONS)})\s*[:：]?\s*{_OPEN}?\s*(?P<answer>不同意|同意|是|否)\s*{_CLOSE}?$"
)
# A label alone on a line, as a printed letter's closing block has it ("主动公开", seed 004; "此件主动公开").
_DISCLOSURE_ALONE = re.compile(rf"[（(]?\s*(?:此件|本件)?\s*(?P<label>{_LABELS})\s*[）)]?")
# "不公开" in a disclosure's place (公开方式：不公开, （此件不公开）) withholds the letter: 不予公开.
_NOT_PUBLIC = re.compile(
    rf"^(?:{_FIELDS})\s*[:：]\s*{_OPEN}?\s*(?:{alternation(NOT_PUBLIC)})"
    rf"|^{_OPEN}?\s*(?:此件|本件)?\s*(?:{alternation(NOT_PUBLIC)})\s*(?:发布)?\s*{_CLOSE}?$"
)
# GB/T 9704's note for letters published in full: "（此件公开发布）" means 主动公开.
_PUBLISHED_IN_FULL = re.compile(r"[（(]?\s*(?:此件|本件)\s*公开发布\s*[）)]?")
# A disclosure field whose value is none of the labels ("公开属性：公开", "公开方式：部分公开"): which
# kind of disclosure it means is not said.
_UNCLEAR_DISCLOSURE = re.compile(rf"^(?:{_FIELDS}|是否公开)\s*[:：]\s*{_OPEN}?\s*[\u4e00-\u9fa5]{{1,8}}")


@dataclass(frozen=True)
class ResultMarker:
    label: str  # as written
    code: str  # A/B/C/D: as written, or the four-class letter of a result in words


def read_result(line: str, *, alone_allowed: bool) -> ResultMarker | None:
    """The result marker in a heading or closing line; alone_allowed reads a bare "A类" line."""
    line = line.strip()
    for pattern in (_RESULT_BY_LABEL, _RESULT_IN_BRACKETS):
        match = pattern.search(line)
        if match:
            return ResultMarker(match.group(0).strip(), match["code"])
    if alone_allowed and _RESULT_ALONE.fullmatch(line):
        return ResultMarker(line, line[0])
    # "西交运函[2025]112号　　A类": the class beside the document number on one line (007, 036).
    for token in line.split():
        if alone_allowed and token != line and _RESULT_TOKEN.fullmatch(token):
            return ResultMarker(token, token[0])
    match = _RESULT_IN_WORDS.search(line)
    if match:
        return ResultMarker(match.group(0).strip(), _CLASS_OF_WORD[match["words"]])
    return None


def unclear_result(line: str) -> str | None:
    """A result field whose words name no class ("办理结果：说明解释"), for a warning; None otherwise."""
    line = line.strip()
    if read_result(line, alone_allowed=False) is not None:
        return None
    match = _UNCLEAR_RESULT.match(line)
    return match.group(0) if match else None


def result_class_of(code: str | None, label: str | None) -> str:
    """The archive's normalised class (已解决/正在解决/列入计划/留作参考, or ""): words decide, else the letter."""
    words = _RESULT_WORD.search(label or "")
    if words:
        return RESULT_CLASS_OF_WORDS[_CLASS_OF_WORD[words.group(0)]]
    return RESULT_CLASS_OF_LETTER.get((code or "").strip().upper(), "")


def read_disclosure(line: str) -> str | None:
    """The disclosure label a heading or closing line gives, or None."""
    line = line.strip()
    for pattern in (_DISCLOSURE_IN_BRACKETS, _DISCLOSURE_BY_LABEL):
        match = pattern.search(line)
        if match:
            return match["label"]
    match = _DISCLOSURE_ANSWER.search(line)
    if match:
        consent = match["question"] == "是否同意公开"
        if match["answer"] == "同意" or (consent and match["answer"] == "是"):
            return "同意公开"
        if match["answer"] == "是":
            return None  # "是否公开：是" says the letter is public, not whether 主动公开 or 同意公开
        # "是否同意公开：不同意" refuses consent; "是否公开：否" withholds the letter.
        return "不同意公开" if consent or match["answer"] == "不同意" else "不予公开"
    # Alone on its line, or beside the document number or result ("答复类别：C　　依申请公开").
    for token in [line, *line.split()]:
        match = _DISCLOSURE_ALONE.fullmatch(token)
        if match:
            return match["label"]
    if any(_PUBLISHED_IN_FULL.fullmatch(token) for token in [line, *line.split()]):
        return "主动公开"
    for token in [line, *line.split()]:
        if _NOT_PUBLIC.match(token):
            return "不予公开"
    return None


def unclear_disclosure(line: str) -> str | None:
    """A disclosure field that names no label ("公开属性：公开", "是否公开：是"), for a warning; None otherwise."""
    line = line.strip()
    if read_disclosure(line) is not None:
        return None
    match = _UNCLEAR_DISCLOSURE.match(line)
    return match.group(0) if match else None
