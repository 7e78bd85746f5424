"""Split a reply's next steps (下一步) into single commitments, each with the deadline it states.

In: the next-steps text the parser found (``ParsedReply.next_steps``, ``Reply.next_steps``), the
letter's date, and the letter's whole text (``body_text``), read only when there are no next steps.
Out: the commitments in the letter's order — their text without the list number, and the deadline
(``deadlines.find_deadline``: the phrase, and the date it resolves to where it can).

What one commitment is, from the finest structure the letter gives:

- an item of an enumeration: 一是…二是… (inline or one per paragraph), ①②, （1）（2） in a paragraph;
- else a numbered item — （一）/1./一、/① at a paragraph's start — with the paragraphs under its
  heading when the heading stands on a line of its own;
- else a sentence (up to 。！？; clauses joined by ； stay one sentence, as one sentence promises
  them together).

The words that introduce a list (下一步，我局将重点做好以下工作：, or a general sentence before
一是 or before the numbered items) are the list's heading: they count as a commitment only when they
state a deadline themselves (seed 001: 力争到2025年…). A heading line that only names a group of
items ((一)完善学校心理健康教育机制) is no commitment; its items are.

Where a letter has no 下一步 part, its last section (or, without sections, its body) is read
conservatively: only a sentence that promises — 我局将, 将于, 拟, 力争, 预计 …, or 争取/确保/计划 with a
date — and is not already done (已…), declined or kept for reference (留作参考), from the clause holding
the promise on.
"""

import re
from dataclasses import dataclass
from datetime import date

from .deadlines import find_deadline
from .numerals import to_int
from .sections import after_title, heading_of, is_courtesy, split_sections, title_of
from .stored_text import body_paragraphs
from .vocabulary import NEXT_STEPS_TITLE

# Longer next steps are not read past this (a pasted book is not a letter's promises).
MAX_TEXT = 20_000
# A reply promises a few dozen things at most; seed 001 makes 18.
MAX_COMMITMENTS = 60
# A sentence shorter than this (in CJK characters) is a fragment, not a promise; a numbered item may be
# short ("②优化线网"): its number says it is one.
_MIN_CHARACTERS = 6
_MIN_ITEM_CHARACTERS = 2


@dataclass(frozen=True)
class ParsedCommitment:
    text: str  # as the letter writes it, without the list number (一是, （一）, 1.)
    deadline: str | None  # the phrase: "2025年底前", "下学期"; None when the commitment states none
    due: date | None  # the date the deadline resolves to; None without one or without the letter's date


# Inline enumerations: 一是…二是…, after a sentence, a clause or a colon (025: "会同有关部门,一是推动…").
_ORDINAL_ITEM = re.compile(r"(?:^|(?<=[。；;：:，,！？!?\s]))(?P<number>[一二三四五六七八九十]{1,2})是")
# 其一…其二…, and 首先…其次…再次…最后 (最后 ends the list whatever its count).
_OTHER_ORDINALS = "其[一二三四五六七八九十]|首先|其次|再次|最后"
_OTHER_ORDINAL_ITEM = re.compile(rf"(?:^|(?<=[。；;：:，,！？!?\s]))(?P<number>{_OTHER_ORDINALS})(?=[，,、：:])")
_SEQUENCE_WORDS = {"首先": 1, "其次": 2, "再次": 3}
# Circled numbers and bracketed numbers running inside a paragraph: ①…②…, （1）…（2）…, （一）…（二）….
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_CIRCLED_ITEM = re.compile(rf"(?P<number>[{_CIRCLED}])")
_BRACKET_ITEM = re.compile(
    r"(?:^|(?<=[。；;：:，,！？!?\s]))[（(]\s*(?P<number>\d{1,2}|[一二三四五六七八九十]{1,2})\s*[)）]"
)
# A paragraph starting with an item number: （一） 1. 一、 ① 第一，; or one item of an enumeration, 一是.
_PARAGRAPH_ITEM = re.compile(rf"^(?:[{_CIRCLED}]|[一二三四五六七八九十]{{1,2}}是)")
# Thanks inside a short sentence make it a courtesy wherever they stand ("最后，感谢您的建议。").
_THANKS = re.compile(r"感谢|谢谢|致谢")
_COURTESY_LENGTH = 40
# Sentence ends: 。！？ and a half-width full stop after CJK text (017 writes "问题.").
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=[\u4e00-\u9fff”’」』）)])\.(?!\d)")
# A lead-in that announces what follows: 重点做好以下工作：, …如下：.
_ANNOUNCES = re.compile(r"[：:]\s*$")
# Words of a promise, for the conservative reading of a letter without a 下一步 part: the future (我局将,
# 将于, 将进一步 — not 将 before a noun, "将家庭农场纳入…", which reports as often as it promises; 拟, 力争,
# 预计), and words of aim (争取, 确保, 计划) only in a sentence that names when ("争取列入2017年…计划"):
# a work report is full of 积极争取上级资金 and 确保落地见效.
_PROMISE = re.compile(
    r"(?:我[局委厅办市区县部院站队]|我们|本[局委厅办])将|将(?=于|在|进一步|继续|持续|积极|加快|加大|加强|认真|会同|配合"
    r"|联合|推动|推进|逐步|尽快|及时|适时|组织|开展|研究|督促|指导|完善|建立|出台|启动|实施|做好|抓好|切实|不断|重点|统筹"
    r"|全面|深入|按照|结合)|拟|力争|预计|准备|打算"
)
_PROMISE_OR_AIM = re.compile(rf"{_PROMISE.pattern}|争取|确保|计划")
# A clause that reports what is done (已于…建成, 已将…纳入) promises nothing.
_DONE = re.compile(r"已|曾")
# Declined, passed on or kept for reference: no commitment (049: 我局将留作今后工作参考).
_NOT_A_PROMISE = re.compile(r"参考|暂不|不再|无法|难以|不具备|尚不成熟|不予|转交|转送|转达|报请|提请")
_CLAUSE_START = re.compile(r"(?<=[，,；;：:])")


def find_commitments(next_steps: str | None, letter_date: date | None, body_text: str = "") -> list[ParsedCommitment]:
    """The letter's commitments in order, each with its deadline; [] when it promises nothing."""
    if next_steps and next_steps.strip():
        texts = _split_next_steps(_paragraphs(next_steps[:MAX_TEXT]))
    else:
        texts = _promises_in(_last_part(body_text[:MAX_TEXT * 3]), letter_date)
    found = []
    for text, needs_deadline in texts[:MAX_COMMITMENTS]:
        deadline = find_deadline(text, letter_date)
        if needs_deadline and deadline is None:
            continue
        found.append(ParsedCommitment(text, deadline.phrase if deadline else None, deadline.due if deadline else None))
    return found


def _paragraphs(text: str, title: re.Pattern | None = NEXT_STEPS_TITLE) -> list[str]:
    """The text's paragraphs, without the heading line it starts with when that heading's title fits ``title``.

    A heading that runs on into its text ("四、下一步工作安排：我局将…") keeps what follows the title.
    """
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    heading = heading_of(paragraphs[0]) if paragraphs else None
    if heading is not None and (title is None or title.search(title_of(heading.rest))):
        rest = after_title(heading.rest, title_of(heading.rest))
        paragraphs[0:1] = [rest] if rest else []
    return paragraphs


@dataclass
class _Unit:
    paragraphs: list[str]
    numbered: bool  # starts with an item number


def _is_bare_heading(paragraph: str) -> bool:
    """A heading standing alone on its line: no sentence end in it ("(一)开展公交线网整体优化")."""
    return not re.search(r"[。！？!?；;]", paragraph) and len(paragraph) <= 60


def _units(paragraphs: list[str]) -> list[_Unit]:
    """Numbered items with the paragraphs under a bare heading; every other paragraph a unit of its own."""
    units: list[_Unit] = []
    for paragraph in paragraphs:
        numbered = heading_of(paragraph) is not None or bool(_PARAGRAPH_ITEM.match(paragraph))
        if numbered:
            units.append(_Unit([paragraph], True))
        elif units and units[-1].numbered and len(units[-1].paragraphs) == 1 and _is_bare_heading(
            units[-1].paragraphs[0]
        ):
            units[-1].paragraphs.append(paragraph)  # the text under "(一)开展公交线网整体优化"
        else:
            units.append(_Unit([paragraph], False))
    # A heading with nothing under it names a group whose items follow ((一)… then 一是…二是…).
    return [unit for unit in units if not (len(unit.paragraphs) == 1 and unit.numbered
                                           and _is_bare_heading(unit.paragraphs[0]))]


def _split_next_steps(paragraphs: list[str]) -> list[tuple[str, bool]]:
    """(text, counts only with a deadline) for every commitment candidate of the 下一步 part."""
    units = _units(paragraphs)
    first_item = next((i for i, unit in enumerate(units) if unit.numbered), -1)
    found: list[tuple[str, bool]] = []
    for index, unit in enumerate(units):
        text = "\n".join(unit.paragraphs)
        lead, items = _enumeration(text)
        if items:
            found.extend(_lead(lead))
            found.extend((item, False) for item in items if _is_candidate(item, _MIN_ITEM_CHARACTERS))
        elif unit.numbered:
            item = _without_number(text)
            if _is_candidate(item, _MIN_ITEM_CHARACTERS):
                found.append((item, False))
        else:
            # Prose before the numbered items introduces them (never, when nothing is numbered).
            introduces = index < first_item
            found.extend((sentence, introduces or bool(_ANNOUNCES.search(sentence)))
                         for sentence in _sentences(text) if _is_candidate(sentence))
    return found


def _lead(lead: str) -> list[tuple[str, bool]]:
    """The words before an enumeration: its heading, a commitment only with a deadline of its own."""
    lead = _without_number(lead).rstrip("，,：:；; ")
    return [(sentence, True) for sentence in _sentences(lead) if _is_candidate(sentence)]


def _enumeration(text: str) -> tuple[str, list[str]]:
    """The words before an enumeration and its items (一是…二是…, ①②, （1）（2）); ("", []) when there is none."""
    for pattern in (_ORDINAL_ITEM, _OTHER_ORDINAL_ITEM, _CIRCLED_ITEM, _BRACKET_ITEM):
        starts = _running(pattern, text)
        if len(starts) >= 2:
            bounds = starts + [len(text)]
            items = [_without_number(text[bounds[i] : bounds[i + 1]]).rstrip("；;，, \n") for i in range(len(starts))]
            return text[: starts[0]], items
    return "", []


def _running(pattern: re.Pattern, text: str) -> list[int]:
    """Where the items numbered 1, 2, 3 … of one enumeration start (a number out of sequence is text)."""
    starts, expected = [], 1
    for match in pattern.finditer(text):
        value = _item_value(match.group("number"), expected)
        if value == expected:
            starts.append(match.start())
            expected += 1
    return starts


def _item_value(number: str, expected: int) -> int:
    if number in _CIRCLED:
        return _CIRCLED.index(number) + 1
    if number == "最后":
        return expected if expected > 2 else 0  # 首先…最后 is no list of two; 首先…其次…最后 is one of three
    return _SEQUENCE_WORDS.get(number) or to_int(number.removeprefix("其")) or 0


def _without_number(text: str) -> str:
    """The text without the item number it starts with: 一是, （一）, 1., 一、, ①, 第一，."""
    first, newline, rest = text.strip().partition("\n")
    heading = heading_of(first)
    if heading is not None:
        first = heading.rest
    first = re.sub(rf"^(?:[{_CIRCLED}]|[一二三四五六七八九十]{{1,2}}是|{_OTHER_ORDINALS})\s*[，,：:、]?\s*", "", first)
    return (first + newline + rest).strip()


def _sentences(text: str) -> list[str]:
    return [part.strip() for line in text.splitlines() for part in _SENTENCE_END.split(line) if part.strip()]


def _is_candidate(text: str, minimum: int = _MIN_CHARACTERS) -> bool:
    """Long enough to promise something, and not a courtesy line (感谢…, 欢迎…, 最后，再次感谢…)."""
    characters = len(re.findall(r"[\u4e00-\u9fff]", text))
    courtesy = is_courtesy(text) or (len(text) <= _COURTESY_LENGTH and bool(_THANKS.search(text)))
    return characters >= minimum and not courtesy


# ---- letters without a 下一步 part ------------------------------------------------------------


def _last_part(body_text: str) -> list[str]:
    """The paragraphs of the letter's last section (with its subsections); its whole body when it has no sections."""
    body = body_paragraphs(body_text, courtesies=True)
    sections = split_sections(body)
    last_top = max((i for i, section in enumerate(sections) if section.level == 1), default=None)
    if last_top is None:
        return [paragraph for paragraph in body if not is_courtesy(paragraph)]
    # "二、对建议的意见" names the section; what it says follows.
    return _paragraphs("\n".join(section.text for section in sections[last_top:]), title=None)


def _promises_in(paragraphs: list[str], letter_date: date | None) -> list[tuple[str, bool]]:
    """Sentences that promise, from the clause holding the promise word on."""
    found = []
    for paragraph in paragraphs:
        for sentence in _sentences(paragraph):
            promise = _promise_clause(sentence, letter_date)
            if promise is not None and _is_candidate(promise):
                found.append((promise, False))
    return found


def _promise_clause(sentence: str, letter_date: date | None) -> str | None:
    if _NOT_A_PROMISE.search(sentence):
        return None
    clauses = _CLAUSE_START.split(sentence)
    found = _from_clause(clauses, _PROMISE)
    if found is None and _PROMISE_OR_AIM.search(sentence) and find_deadline(sentence, letter_date) is not None:
        found = _from_clause(clauses, _PROMISE_OR_AIM)
    return found


def _from_clause(clauses: list[str], promise: re.Pattern) -> str | None:
    """The sentence from the first clause with a promise word not after 已 in it."""
    for index, clause in enumerate(clauses):
        word = promise.search(clause)
        if word is not None and not _DONE.search(clause[: word.start()]):
            return "".join(clauses[index:]).strip()
    return None
