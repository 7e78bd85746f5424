"""Read the top of a reply letter: what was proposed, when, and who answers.

In: the heading lines above the salutation (letterhead, document number, title such as
"对市政协五届四次会议第0070号提案答复的函"), the salutation ("尊敬的罗大成委员:") and the
reference sentence after it ("您关于《…》(第00070号提案)收悉"). Out: the proposers as
``proposers`` reads them, with their role taken from the body (人大/政协) where no role word
gives it; the proposal's kind, number, session and title; the agency a title or letterhead
names, and the handling role and kind of reply.
"""

import re
from dataclasses import dataclass, field

from .footer import AGENCY_SUFFIX, agency_name
from .numbers import NumberMention, find_proposal_numbers, normalize_proposal_number
from .proposers import Salutation, read_proposers
from .result import ParseWarning
from .session import body_of, find_session
from .vocabulary import DELEGATIONS, PARTIES, ROLE_BODY, alternation

# The democratic parties, whose proposals are 党派提案; and delegations, whose are 代表团建议.
_PARTY = re.compile(alternation(PARTIES))
_DELEGATION = re.compile(alternation(DELEGATIONS))

# A title in 《》 or “” (seeds 001, 003: 《》; seeds 002, 004: “”), taken where it stands as the title:
# before 收悉/的提案/（第…号）, or ending in 建议/提案/议案.
# Single quotes and corner brackets (‘…’, 「…」) stand for “” in some letters.
_QUOTED = re.compile(
    r"《(?P<book>[^《》]{2,120})》|[“\"](?P<quote>[^“”\"]{2,120})[”\"]|‘(?P<single>[^‘’]{2,120})’|「(?P<corner>[^「」]{2,120})」"
)
_AFTER_TITLE = re.compile(
    r"^\s*(?:的)?\s*(?:提案|建议|议案|收悉|已收悉|已经收悉|收到|[（(]\s*第|[（(]\s*(?:编号|提案|建议)|一案)"
)
# A title in 《》 is one wherever it stands when it ends like one.
_TITLE_ENDING = re.compile(r"(?:建议|提案|议案)$")
# A form-style heading gives the title by a label: "建议标题：关于…的建议" (034), "案由：关于…的提案".
_TITLE_LABEL = re.compile(
    r"^(?:(?:建议|提案|议案)(?:标题|题目|名称)|案由)\s*(?:[:：]|\s)\s*[《“]?(?P<title>[^《》“”]{2,120}?)[》”]?$"
)
# Without quotes: the 关于…的建议 phrase as written.
# The phrase may hold a comma (关于加快老旧小区改造，提升居民生活品质的提案) and quotes
# (关于修订《某某市养老服务条例》的提案), but not the words of a sentence about the proposal.
_ABOUT = re.compile(r"关于(?:[^。；;：:！？!?\n]{2,100}?)的(?:建议|提案|议案)")
# A 关于 phrase holding these is the reply's own title or a sentence, not the proposal's title.
# (我市/我区 and 贵州 are words of titles; 我局/我们 and 您 are the letter speaking.)
_ABOUT_STOP = re.compile(r"收悉|答复|办理|您|你|我(?:局|委|厅|办|们)|提出的")

# The reply's title line names the agency before 对/关于: "资阳市教育和体育局对市政协…答复的函".
_TITLE_AGENCY = re.compile(rf"^(?P<name>[\u4e00-\u9fa5（）()]{{2,40}}?{AGENCY_SUFFIX})\s*(?:对|关于|就)")
# A field row naming a unit ("承办单位 某某市民政局" from a table) is no letterhead.
_UNIT_LABEL = re.compile(r"^(?:主办|承办|办理|答复|会办|协办|发文|发布|责任)(?:单位|机关|机构|部门)")
# A letterhead: "信阳市教育体育局" (seed 004), or "XX局文件".
_LETTERHEAD = re.compile(r"(?P<name>.+?)(?:文件|便函|函)?$")

# The handling role as the agency states its own: "我局作为会办单位", "你局主办、我局协办的" (033).
_HANDLING = re.compile(
    r"我(?:局|委|厅|办|单位|中心|院|部|们)(?:作为|是|为)?\s*(?P<role>主办|会办|协办|分办)(?:单位|的|、|，|,)"
)
# The handling role given by a label naming the agency itself: "主办单位：杭州市医疗保障局" (034).
_HANDLING_LABEL = re.compile(r"(?P<role>主办|会办|协办|分办)单位\s*[:：]\s*(?P<name>[^，,。；;\s]+)")
# The kind of reply as the title states it; a plain 答复 last.
_REPLY_KIND = (
    (re.compile(r"会办意见|协办意见|会办答复"), "会办意见"),
    (re.compile(r"二次答复|再次答复|重新答复|补充答复"), "二次答复"),
    (re.compile(r"跟踪答复|跟踪办理"), "跟踪答复"),
    (re.compile(r"答复|复函|的函"), "答复"),
)


@dataclass
class Header:
    proposer_names: list[str] = field(default_factory=list)
    proposer_role: str | None = None
    body: str | None = None
    proposer_kind: str | None = None  # "person" / "organisation"
    proposal_kind: str | None = None
    proposal_number: str | None = None
    session: str | None = None
    proposal_title: str | None = None
    agency: str | None = None
    handling_role: str | None = None
    reply_kind: str | None = None
    warnings: list[ParseWarning] = field(default_factory=list)



def _enclosing_about(text: str, quoted: re.Match) -> str | None:
    """The 关于…的提案 phrase a quoted name is only part of: 关于修订《某某条例》的提案, 关于《某某条例》修订的建议.

    Where the quote is the whole of what 关于 governs (关于“…”的提案), the quote is the title.
    """
    for about in (_ABOUT.match(text, found.start()) for found in re.finditer("关于", text[: quoted.start()])):
        if about is None or about.end() < quoted.end():
            continue
        before = text[about.start() + 2 : quoted.start()]
        after = text[quoted.end() : about.end()]
        whole = before.strip() or not re.fullmatch(r"\s*的?(?:建议|提案|议案)", after)
        if whole and not _ABOUT_STOP.search(about.group(0)):
            return about.group(0)
    return None


def read_title(reference: str, heading: str, heading_lines: list[str] = ()) -> str | None:
    """The proposal's title: a form's title field, what stands in 《》 or “” where a title stands, else 关于…的建议."""
    for line in heading_lines:
        match = _TITLE_LABEL.match(line)
        if match:
            return match["title"].strip()
    # The title comes before 收悉; quotes after it are the proposal's points or the reply's words (006).
    received = reference.find("收悉")
    reference = reference[: received + 2] if received >= 0 else reference
    for text in (reference, heading):
        for match in _QUOTED.finditer(text):
            title = (match["book"] or match["quote"] or match["single"] or match["corner"]).strip()
            if _AFTER_TITLE.match(text[match.end() :]) or (match["book"] and _TITLE_ENDING.search(title)):
                return _enclosing_about(text, match) or title
    for text in (reference, heading):
        # Every 关于 is a possible start: 关于王强委员提出的关于加强养老服务的提案 holds the title at its second.
        for start in (found.start() for found in re.finditer("关于", text)):
            match = _ABOUT.match(text, start)
            if match and not _ABOUT_STOP.search(match.group(0)) and "会议" not in match.group(0):
                return match.group(0)
    return None


def read_number(heading: str, reference: str) -> tuple[NumberMention | None, list[ParseWarning]]:
    """The proposal number, preferring the title's way of writing it when the letter has two."""
    in_heading = find_proposal_numbers(heading)
    in_reference = find_proposal_numbers(reference)
    mentions = in_heading + in_reference
    if not mentions:
        return None, []
    chosen = mentions[0]
    warnings = []
    forms = []
    for mention in mentions:
        if mention.number not in forms:
            forms.append(mention.number)
    if len(forms) > 1:
        same = len({normalize_proposal_number(form) for form in forms}) == 1
        if same:
            message = f"编号有几种写法（{'、'.join(forms)}），已取标题中的“{chosen.number}”，请核对。"
            warnings.append(ParseWarning("proposal_number", message))
        else:
            message = f"编号前后不一致（{'、'.join(forms)}），已取“{chosen.number}”，请核对。"
            warnings.append(ParseWarning("proposal_number", message))
    if chosen.kind is None:
        chosen = NumberMention(chosen.number, next((m.kind for m in mentions if m.kind), None))
    return chosen, warnings


def read_kind(
    number: NumberMention | None, reference: str, heading: str, title: str | None, body: str | None
) -> str | None:
    """建议 / 提案 / 议案 as the letter calls the proposal."""
    if number and number.kind:
        return number.kind
    for text in (reference, heading):
        match = re.search(r"(?:》|”|\"|号|[)）])\s*(?:的)?\s*(?:委员|代表)?(?P<kind>提案|建议|议案)", text)
        if match:
            return match["kind"]
    for text in (heading, reference):
        match = re.search(r"(?P<kind>提案|建议|议案)(?:的)?(?:答复|办理|收悉|已收悉)", text)
        if match:
            return match["kind"]
    if title:
        match = re.search(r"(?P<kind>建议|提案|议案)$", title)
        if match:
            return match["kind"]
    return {"政协": "提案", "人大": "建议"}.get(body or "")


def read_heading_agency(heading_lines: list[str]) -> str | None:
    """The agency a title line ("XX局对…的答复") or a letterhead line ("信阳市教育体育局") names."""
    for line in heading_lines:
        compacted = re.sub(r"\s+", "", line)
        match = _TITLE_AGENCY.match(compacted)
        if match and agency_name(match["name"]):
            return match["name"]
        letterhead = _LETTERHEAD.fullmatch(compacted)
        if letterhead and not _UNIT_LABEL.match(compacted):
            name = agency_name(letterhead["name"])
            if name:
                return name
    return None


def read_handling(heading: str, reference: str, tail: str, agency: str | None) -> tuple[str | None, str | None]:
    """The handling role (主办/会办/协办/分办) and the kind of reply, where the letter states them."""
    role = None
    for text in (heading, reference):
        match = _HANDLING.search(text)
        if match:
            role = match["role"]
            break
    if role is None:
        for match in _HANDLING_LABEL.finditer(tail + "\n" + heading):
            if agency and match["name"] == agency:
                role = match["role"]
                break
    if role is None and re.search(r"会办意见|会办答复", heading):
        role = "会办"
    elif role is None and re.search(r"协办意见", heading):
        role = "协办"
    kind = None
    for pattern, name in _REPLY_KIND:
        if pattern.search(heading):
            kind = name
            break
    return role, kind


def read_header(heading_lines: list[str], salutation: Salutation | None, reference: str) -> Header:
    """Everything the top of the letter says about the proposal and the reply."""
    heading = "".join(heading_lines)  # a title broken over two lines reads as one (seed 002)
    header = Header()
    proposers = read_proposers(salutation, reference, heading_lines)
    names, role, organisation = proposers.names, proposers.role, proposers.organisation
    header.proposer_names = names
    header.warnings.extend(proposers.warnings)
    header.session = find_session(heading) or find_session(reference)
    session_body = body_of(header.session) if header.session else None
    if session_body is None and header.session and "委员会" in header.session:
        session_body = "政协"
    number, warnings = read_number(heading, reference)
    header.warnings.extend(warnings)
    header.proposal_number = number.number if number else None
    header.proposal_title = read_title(reference, heading, heading_lines)

    role_body = ROLE_BODY.get(role or "")
    header.body = session_body or role_body
    if header.body is None:
        text = heading + reference
        if re.search(r"人大代表|代表建议|议案", text):
            header.body = "人大"
        elif re.search(r"政协委员|委员提案|提案", text):
            header.body = "政协"
    if role is None and names and not organisation:
        role = next((word for word, body in ROLE_BODY.items() if body == header.body), None)
    header.proposer_role = role
    header.proposer_kind = "organisation" if organisation else "person" if names else None

    kind = read_kind(number, reference, heading, header.proposal_title, header.body)
    if organisation and names:
        if _DELEGATION.search(names[0]):
            kind = "代表团建议"
        elif _PARTY.search(names[0]):
            kind = "党派提案"
        elif kind == "提案":
            kind = "集体提案"
    header.proposal_kind = kind
    header.agency = read_heading_agency(heading_lines)
    return header
