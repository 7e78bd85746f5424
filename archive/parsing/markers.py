"""Read the handling-result and disclosure markers that stand above or below a reply letter.

In: one line from the letter's heading or its closing block (never from the body, where
"A类证书" or "主动公开政务信息" are ordinary words). Out: the result marker as written
("【B】", "办理结果：A", "A类") with its class letter, and the disclosure label
(主动公开 / 同意公开 / 依申请公开 / 不予公开 / 不同意公开).
"""

import re
from dataclasses import dataclass

# The result class given by a label: "办理结果：A" (seed 004), "答复类别：B", "办理类别：【A】".
_RESULT_BY_LABEL = re.compile(
    r"(?:办理结果|办理类别|答复类别|答复类型|结果类别|办理类型|类别|分类|标注|标识)\s*[:：]?\s*"
    r"[【\[［（(]?\s*(?P<code>[A-D])\s*类?\s*[】\]］）)]?(?![A-Za-z])"
)
# The class in brackets: "【B】" standing alone (seed 003), "（A类）" after a title or document number.
_RESULT_IN_BRACKETS = re.compile(r"[【\[［（(]\s*(?P<code>[A-D])\s*类?\s*[】\]］）)]")
# The class alone on a line near the top: "A类", "A".
# It may carry its meaning in brackets: "A类（已解决）", "A（所提问题已经解决）".
_RESULT_ALONE = re.compile(r"(?P<code>[A-D])\s*类?(?:答复|件)?(?:\s*[（(][\u4e00-\u9fa5，,、]{2,30}[)）])?")
# The class as one of several items on a heading line; the 类 is needed there.
_RESULT_TOKEN = re.compile(r"[A-D]类(?:答复|件)?")
# A result written in words: "办理结果：已解决". The class letter stays empty; the label is kept.
# Schemes name their classes differently: 解决采纳类 / 列入计划类 / 留作参考类, 已解决 / 正在解决 …
_RESULT_IN_WORDS = re.compile(
    r"(?:办理结果|办理类别|办理类型|答复类别|答复类型|结果类别)\s*[:：]\s*[【\[［]?\s*"
    r"(?:解决采纳|采纳解决|已解决|已经解决|基本解决|已采纳|部分采纳|正在解决|列入计划|计划解决|留作参考|暂不能解决|说明解释|解释说明)"
    r"(?:类)?\s*[】\]］]?"
)

# The five disclosure labels; the longer ones first, so 不同意公开 is not read as 同意公开.
DISCLOSURE_LABELS = r"不同意公开|依申请公开|不予公开|同意公开|主动公开"
# A label in brackets: "【同意公开】" (seed 003), "（主动公开）", "[依申请公开]".
_DISCLOSURE_IN_BRACKETS = re.compile(rf"[【\[［（(]\s*(?:此件|本件)?\s*(?P<label>{DISCLOSURE_LABELS})\s*[】\]］）)]")
# A label after a field name: "公开方式：主动公开", "公开属性：主动公开", "是否同意公开【主动公开】".
_DISCLOSURE_BY_LABEL = re.compile(
    rf"(?:公开方式|公开属性|公开类型|公开类别|公开选项|信息公开选项|公开情况|公开意见|公开形式|是否同意公开|是否公开)"
    rf"\s*[:：]?\s*[【\[［（(]?\s*(?P<label>{DISCLOSURE_LABELS})"
)
# "是否同意公开：同意" answers the question with one word.
_DISCLOSURE_ANSWER = re.compile(r"是否同意公开\s*[:：]?\s*[【\[［（(]?\s*(?P<answer>不同意|同意|是|否)\s*[】\]］）)]?$")
# A label alone on a line, as a printed letter's closing block has it ("主动公开", seed 004).
_DISCLOSURE_ALONE = re.compile(rf"[（(]?\s*(?:此件|本件)?\s*(?P<label>{DISCLOSURE_LABELS})\s*[）)]?")
# "不公开" in a disclosure's place (公开方式：不公开, （此件不公开）, 是否公开：否) withholds the letter: 不予公开.
_NOT_PUBLIC = re.compile(
    r"^(?:(?:公开方式|公开属性|公开类型|公开类别|公开选项|信息公开选项|公开形式)\s*[:：]\s*[【\[［（(]?\s*(?:不公开|不宜公开)"
    r"|[【\[［（(]?\s*(?:此件|本件)?\s*(?:不公开|不宜公开)\s*(?:发布)?\s*[】\]］）)]?$"
    r"|是否公开\s*[:：]\s*[【\[［（(]?\s*否)"
)
# GB/T 9704's note for letters published in full: "（此件公开发布）" means 主动公开.
_PUBLISHED_IN_FULL = re.compile(r"[（(]?\s*此件公开发布\s*[）)]?")


@dataclass(frozen=True)
class ResultMarker:
    label: str  # as written
    code: str | None  # A/B/C/D, or None for a result in words


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
        return ResultMarker(match.group(0), None)
    return None


def read_disclosure(line: str) -> str | None:
    """The disclosure label a heading or closing line gives, or None."""
    line = line.strip()
    for pattern in (_DISCLOSURE_IN_BRACKETS, _DISCLOSURE_BY_LABEL):
        match = pattern.search(line)
        if match:
            return match["label"]
    match = _DISCLOSURE_ANSWER.search(line)
    if match:
        return "同意公开" if match["answer"] in ("同意", "是") else "不同意公开"
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
