"""Read the numbered sections of a reply letter's body and its next steps (下一步).

In: the body's paragraphs, one per line, from the line after the salutation to the end of
the text (closing courtesy lines included). Out: sections in order, two levels, each with its
number (as written, without punctuation: "一", "2"), title (the text after the number up to
the first 。！？： or the end of the line) and text (heading line and its own paragraphs);
and the next-steps text.

Top-level headings are 一、 / 一．/ 1、 / 1. / 第一、; second-level ones （一） / (一) / （1）.
A letter numbered only by paragraphs starting 第一，第二， has those as its top-level sections.
A heading is taken only where its number continues the sequence (一, 二, 三 …), so numbered
lists inside a section stay text. A number in the other style that continues the sequence is
still a heading (seed 002: 一、 then 2、; （3） among （一）（二）（四）), unless its own style
has a list running (1. 2. 3. inside a section). 一是/二是 enumerations are never headings.
"""

import re
from dataclasses import dataclass

from .numerals import to_int
from .result import ParsedSection
from .vocabulary import NEXT_STEPS_TITLE, REPLY_VERBS, alternation

# Top-level heading numbers: "一、", "一 、", "一．", "一.", "第一、" and Arabic "1、", "1．", "1."
# (seed 002 mixes 一、 and 2、). Not "一、二年级…" (a grade range) and not "1.5万" (a decimal).
_TOP_CHINESE = re.compile(
    r"^第?(?P<number>[一二三四五六七八九十]{1,3})\s*(?:[、．.]|\s(?=\S))\s*"
    r"(?![一二三四五六七八九十]{1,2}(?:年级|级|类|等|个))(?P<rest>\S.*)$"
)
# Ordinals with a comma, "第一，加大产地冷链设施建设支持。…": the sections of a letter that has no other numbering.
_TOP_ORDINAL = re.compile(r"^第(?P<number>[一二三四五六七八九十]{1,3})\s*[，,]\s*(?P<rest>\S.*)$")
_TOP_ARABIC = re.compile(r"^(?P<number>\d{1,2})\s*[、．.](?!\d)\s*(?P<rest>\S.*)$")
# Second-level heading numbers: "（一）", "(一)" (seed 001 writes half-width brackets), "（1）", "（3） ".
_SUB_CHINESE = re.compile(r"^[（(]\s*(?P<number>[一二三四五六七八九十]{1,3})\s*[)）]\s*[、．.，,]?\s*(?P<rest>\S.*)$")
_SUB_ARABIC = re.compile(r"^[（(]\s*(?P<number>\d{1,2})\s*[)）]\s*[、．.，,]?\s*(?P<rest>\S.*)$")

# How many sequences starting at 1 are compared (a restated list of the proposal's points, the answer).
_MAX_STARTS = 12
# Styles whose sequences tolerate a repeated or skipped number: 一、 and （一）.
_SLIP_TOLERANT = ("cn", "pcn")
# Where a heading's title ends when the heading runs on into its paragraph (seed 004:
# "一、高度重视，加强组织领导。近年来…").
# Half-width letters end sentences with "." (017); a dot between digits is a decimal point.
_TITLE_END = re.compile(r"[。！？：!?:]|(?<=[\u4e00-\u9fff”’」』）)])\.(?!\d)")

# What may stand between a heading's title and the text it runs on into: the mark that ended the title, a comma
# title_of trimmed off, spaces.
_AFTER_TITLE = "。.：:！!？?，, "

# Punctuation doubled after a heading's number: "一、：关于经费保障。", "二、，…".
_STRAY_PUNCTUATION = re.compile(r"^[：:，,、．.；;\s]+")

# The sentence that announces the answer, and how far into the letter it is looked for.
_ANSWER_FOLLOWS = re.compile(rf"(?:{alternation(REPLY_VERBS)})如下\s*[:：。]?\s*$")
_ANSWER_WITHIN = 12
# A paragraph that starts the next steps when the letter has no such section (seeds 000, 003, 004).
_NEXT_STEPS_START = re.compile(r"^(?:下一步|下步|下一阶段|下阶段|接下来|今后|未来|下一年度)")
# The same words starting a sentence inside a paragraph ("…很有帮助。下一步，我们将…", 006).
_NEXT_STEPS_IN_PARAGRAPH = re.compile(
    r"(?<=[。！？；!?;])\s*(?=(?:下一步|下步|下一阶段|下阶段|接下来|今后)[，,我将要]|(?:下一步|接下来)\S)"
)
# Words of courtesy, which make a sentence starting with 今后 a closing wish, not a promise.
_COURTESY_WORDS = re.compile(r"感谢|谢谢|欢迎|希望您|敬请")
# How many paragraphs a letter's conclusion (下一步 … 同时 …) has at most after its last section.
_CONCLUSION_LENGTH = 3
# Courtesy lines that close a letter; they belong to no section.
_COURTESY = re.compile(
    r"^(?:再次|再一次|衷心|诚挚|真诚|非常|十分)?(?:地)?(?:感谢|谢谢)|^特此(?:答复|函复|复函|函告|说明)|^此复|^专此"
    r"|^以上答复|^(?:诚挚|热忱|热诚)?欢迎|^(?:希望|恳请|敬请|请).{0,30}(?:关心|支持|监督|指导|批评|指正|意见)"
    r"|^如有(?:疑问|问题|意见|不同意见)|^此致|^敬礼"
)


@dataclass(frozen=True)
class Heading:
    index: int  # paragraph index
    style: str  # "cn", "ar" (top) or "pcn", "par" (in brackets)
    number: str  # as written, without punctuation
    value: int
    rest: str  # the line after the number


def heading_of(line: str) -> Heading | None:
    """The heading number a line starts with, whether or not it turns out to be a section."""
    patterns = (
        ("pcn", _SUB_CHINESE), ("par", _SUB_ARABIC), ("cn", _TOP_CHINESE), ("ar", _TOP_ARABIC), ("di", _TOP_ORDINAL),
    )
    for style, pattern in patterns:
        match = pattern.match(line)
        if match:
            value = to_int(match["number"])
            if value and title_of(match["rest"]):  # "一、。" starts no section: a title is never empty
                return Heading(-1, style, match["number"], value, match["rest"])
    return None


def is_courtesy(line: str) -> bool:
    """Whether a paragraph is a closing courtesy line such as 再次感谢您对…的关心。"""
    return bool(_COURTESY.search(line)) and len(line) <= 120


def title_of(rest: str) -> str:
    """A heading's title: its text up to the first 。！？： or the end of the line.

    Punctuation a heading's number left before its text ("一、：关于经费保障。") is no end of the title.
    """
    title = _TITLE_END.split(_STRAY_PUNCTUATION.sub("", rest), maxsplit=1)[0]
    return title.strip().rstrip("；;，,、 ")


def after_title(text: str, title: str) -> str:
    """The text after a heading's title, where the heading runs on into its paragraph: "一、加强组织领导。近年来…" →
    "近年来…"; "" when the title is empty or not in the text, or nothing follows it.

    ``text`` is the heading's line or its ``rest``; ``title`` is title_of's, or a section's title as corrected.
    """
    if not title or title not in text:
        return ""
    return text.split(title, 1)[1].lstrip(_AFTER_TITLE)


def heading_as_written(level: int, number: str, title: str, text: str) -> str:
    """A section's number and title as its heading line writes them: "（一）强化组织领导", "(二)加强…",
    "2、 下一步工作安排", "第一，加大…" — a section keeps only its number's digits or numerals.

    Where the line no longer starts with that number and title (a clerk corrected one of them), the
    usual form of the level: "（一）" below, "一、" at the top.
    """
    line = text.strip().split("\n", 1)[0]
    heading = heading_of(line)
    if title and heading is not None and heading.number == number and title in heading.rest:
        return line[: len(line) - len(heading.rest) + heading.rest.index(title) + len(title)]
    if not number:
        return title
    return f"（{number}）{title}" if level == 2 else f"{number}、{title}"


def _chain(candidates: list[Heading], primary: str, first: int = 1, slips: bool = True) -> list[Heading]:
    """The candidates whose numbers run 1, 2, 3 …, allowing for the slips letters make."""
    last = {(h.style, h.value): position for position, h in enumerate(candidates)}  # for "comes later"
    seen: dict[tuple[str, int], int] = {}  # (style, value) → paragraph index of the latest so far
    accepted: list[Heading] = []
    expected = first
    for position, heading in enumerate(candidates):
        earlier = seen.get((heading.style, heading.value - 1), -1)
        seen[(heading.style, heading.value)] = heading.index
        comes_later = last.get((primary, expected), -1) > position
        if heading.style == primary:
            if heading.value != expected:
                # Chinese numerals are not used for lists inside sections, so a repeated or skipped
                # number in their sequence is a slip (corpus letter 020 numbers （一）（三）（三）).
                near = heading.value in (expected - 1, expected + 1)
                slip = slips and heading.style in _SLIP_TOLERANT and bool(accepted) and near
                if not slip or comes_later:
                    continue
        else:
            if heading.value != expected or expected == first:
                continue  # another style joins a running sequence only at its next number
            if comes_later:
                continue  # the sequence's own style comes later with this number (031: 3. before 三、)
            if earlier > (accepted[-1].index if accepted else -1):
                continue  # its own list is running (1. 2. 3. inside a section)
        accepted.append(heading)
        expected = max(expected, heading.value + 1)
    return accepted


def _primary_style(candidates: list[Heading], styles: tuple[str, ...]) -> str | None:
    """The style a sequence is written in: the first of ``styles`` that has a heading numbered 1."""
    for style in styles:
        if any(h.style == style and h.value == 1 for h in candidates):
            return style
    return None


def _sequence(candidates: list[Heading], styles: tuple[str, ...], sizes: list[int] | None = None) -> list[Heading]:
    """The heading sequence; where several start at 1, the one that holds the most text.

    A letter may list the proposal's points (一、… 二、… 三、…) before answering them under
    headings numbered the same way; the answer's sequence is the one with the text under it.
    A later start whose chain runs into an earlier sequence is a list inside a section.
    """
    primary = _primary_style(candidates, styles)
    if primary is None:
        return []
    # Letters have a few such starts; text with hundreds of them is not a letter's sections.
    starts = [i for i, h in enumerate(candidates) if h.style == primary and h.value == 1][:_MAX_STARTS]
    runs: list[tuple[int, list[Heading]]] = []
    for start in starts:
        run = _chain(candidates[start:], primary, slips=False)
        if not any(set(map(id, run)) & set(map(id, earlier)) for _, earlier in runs):
            runs.append((start, run))
    best = 0
    if len(runs) > 1 and sizes is not None:
        bounds = [run[0].index for _, run in runs] + [len(sizes)]
        coverage = [sum(sizes[bounds[i] : bounds[i + 1]]) for i in range(len(runs))]
        best = coverage.index(max(coverage))
    start = runs[best][0]
    stop = runs[best + 1][1][0].index if best + 1 < len(runs) else None
    return _chain([h for h in candidates[start:] if stop is None or h.index < stop], primary)


def _with_subsections(tops: list[Heading], candidates: list[Heading], sub_styles: tuple[str, ...], end: int):
    found: list[tuple[int, Heading]] = []
    bounds = [h.index for h in tops] + [end]
    for top, stop in zip(tops, bounds[1:], strict=True):
        found.append((1, top))
        inside = [h for h in candidates if top.index < h.index < stop and h.style in sub_styles]
        found.extend((2, h) for h in _sequence(inside, sub_styles))
    return found


def _answer_start(paragraphs: list[str]) -> int:
    """The paragraph after the one that announces the answer ("现答复如下："), when it comes after a list; else 0."""
    start = 0
    for index, paragraph in enumerate(paragraphs[:_ANSWER_WITHIN]):
        if (
            _ANSWER_FOLLOWS.search(paragraph)
            and heading_of(paragraph) is None  # "二、关于您的建议，答复如下：" is a section of the answer
            and any(heading_of(earlier) for earlier in paragraphs[start:index])
        ):
            start = index + 1
    return start


def find_headings(paragraphs: list[str]) -> list[tuple[int, Heading]]:
    """(level, heading) for every paragraph that starts a section, in order."""
    candidates = []
    answer = _answer_start(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        if index < answer:
            continue  # the proposal's own points restated before "现答复如下" (1.加大投入；2.…) are not the reply's
        heading = heading_of(paragraph)
        if heading is not None:
            candidates.append(Heading(index, heading.style, heading.number, heading.value, heading.rest))
    # 一、 is the top level wherever it runs; 1、 only when no （一） sequence starts above it.
    sizes = [len(paragraph) for paragraph in paragraphs]
    tops = _sequence([h for h in candidates if h.style in ("cn", "ar")], ("cn", "ar"), sizes)
    brackets = _sequence([h for h in candidates if h.style in ("pcn", "par")], ("pcn", "par"))
    if tops and tops[0].style == "ar" and brackets and brackets[0].index < tops[0].index:
        tops = []
    if tops:
        # Inside 一、 sections, （一） are the subsections, or 1. 2. 3. where there is no （一）.
        sub_styles = ("pcn", "par") if tops[0].style == "ar" else ("pcn", "par", "ar")
        return _with_subsections(tops, candidates, sub_styles, len(paragraphs))
    if brackets:
        # A letter whose top headings are （一）（二）…: those are its sections, 1. 2. inside them.
        return _with_subsections(brackets, candidates, ("ar",), len(paragraphs))
    # A letter numbered only by paragraphs starting 第一，第二，…: those are its sections (at least two;
    # one 第一， alone is a sentence's start). With 一、 or （一） headings they are lists and stay text.
    ordinals = _sequence([h for h in candidates if h.style == "di"], ("di",), sizes)
    if len(ordinals) >= 2:
        return _with_subsections(ordinals, candidates, ("pcn", "par", "ar"), len(paragraphs))
    return []


def body_end(paragraphs: list[str], headings: list[tuple[int, Heading]]) -> int:
    """Where the sections stop: before the closing courtesy lines and a concluding 下一步 paragraph."""
    end = len(paragraphs)
    while end > 0 and is_courtesy(paragraphs[end - 1]):
        end -= 1
    last_heading = max((h.index for _, h in headings), default=-1)
    if headings and not NEXT_STEPS_TITLE.search(title_of(headings[-1][1].rest)):
        # A 下一步 paragraph near the end, after the last section, concludes the whole letter.
        for index in range(max(last_heading + 1, end - _CONCLUSION_LENGTH), end):
            if _is_promise(paragraphs[index]):
                return index
    return end


def _is_promise(paragraph: str) -> bool:
    """Whether a paragraph starts the next steps ("下一步，我局将…"), not a courtesy ("今后，欢迎您…")."""
    first_sentence = re.split(r"[。！？!?]", paragraph)[0]
    return bool(_NEXT_STEPS_START.match(paragraph)) and not _COURTESY_WORDS.search(first_sentence)


def split_sections(paragraphs: list[str]) -> list[ParsedSection]:
    """Top-level and second-level sections in order; text before the first heading is not a section."""
    headings = find_headings(paragraphs)
    end = body_end(paragraphs, headings)
    sections = []
    for position, (level, heading) in enumerate(headings):
        if heading.index >= end:
            break
        stop = headings[position + 1][1].index if position + 1 < len(headings) else end
        stop = min(stop, end)
        text = "\n".join(paragraphs[heading.index : stop])
        sections.append(ParsedSection(level=level, number=heading.number, title=title_of(heading.rest), text=text))
    return sections


def find_next_steps(paragraphs: list[str], sections: list[ParsedSection]) -> str | None:
    """The next steps: the 下一步 section with its subsections, else the 下一步 paragraphs."""
    for position, section in enumerate(sections):
        if NEXT_STEPS_TITLE.search(section.title):
            parts = [section.text]
            for later in sections[position + 1 :]:
                if later.level <= section.level:
                    break
                parts.append(later.text)
            return "\n".join(parts)
    found: list[str] = []
    taking = False
    for paragraph in paragraphs:
        if _is_promise(paragraph):
            found.append(paragraph)
            # "下一步，我们将重点做好以下工作：" is followed by the list of what it promises.
            taking = paragraph.rstrip().endswith(("：", ":"))
        elif taking and not is_courtesy(paragraph):
            found.append(paragraph)
        else:
            taking = False
    if not found:
        # No paragraph starts with them: the next steps are the end of a paragraph from 下一步 on.
        for paragraph in paragraphs:
            for match in _NEXT_STEPS_IN_PARAGRAPH.finditer(paragraph):
                part = paragraph[match.end() :]
                if not _COURTESY_WORDS.search(part.split("。")[0]):
                    found.append(part)
                    break
    return "\n".join(found) or None
