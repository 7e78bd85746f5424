"""Read who proposed: the salutation, the names (lead first), their role, and whether they are an organisation.

In: the letter's lines (to find the salutation: "朱蓉代表：", "尊敬的罗大成委员:", "王强同志：",
"提案人王强委员：", "致：王强委员", "民盟市委会："), then the salutation, the reference sentence
after it ("您与陈海光、袁晶晶代表一起提出的…") and the heading lines (a form's 领衔代表/联名代表).
Out: the names, the role (代表/委员) where a role word says it, whether the proposer is an
organisation (党派、团体、代表团、界别), and warnings where only some names are written.
"""

import re
from dataclasses import dataclass, field

from .footer import agency_name
from .result import ParseWarning
from .vocabulary import (
    BODY_ROLES,
    COURTESY_TITLES,
    DELEGATIONS,
    FEDERATIONS,
    GROUPS,
    OFFICE_TITLES,
    PARTIES,
    ROLE_WORDS,
    alternation,
)

# Role words after a person's name in a salutation or the text: 代表 (NPC deputy), 委员 (CPPCC member).
_ROLE = f"(?:{alternation(ROLE_WORDS)})"
_ROLE_SUFFIX = re.compile(rf"(?P<role>{_ROLE})$")
# Forms of address that are not part of a name: 同志/先生/女士/老师, and a party's or committee's
# office before the role word (王强副主委, 王强主任委员, 王强副主席).
_HONORIFIC = re.compile(rf"(?:{alternation(COURTESY_TITLES + OFFICE_TITLES)})$")
# Organisations that propose: the parties, the federations, delegations, sectors
# ("民盟市委会：", "九三学社资阳市委员会：", "市工商联：", "雁塔区代表团：", "农工党市委：", "经济界：").
_ORGANISATION = re.compile(rf"{alternation(PARTIES + FEDERATIONS + DELEGATIONS + GROUPS)}|[^\s]界$")
# A label before the addressee ("提案人张丽委员：", "致王强委员："): no part of the name; 致公党 is a party.
_ADDRESSEE_LABEL = re.compile(r"^(?:提案人|建议人|提出人|领衔人|致(?!公))\s*[:：]?\s*")
# The addressee after 致 and a colon, the colon of a salutation moved before it: "致：陈明委员".
_ADDRESSED_TO = re.compile(r"^致\s*[:：]\s*(?P<who>[^：:，,。；;！!？?]{2,40}?)\s*[:：]?$")
# Words that make a "…：" line a field, not a salutation.
_NOT_A_SALUTATION = re.compile(
    r"抄送|抄报|主送|联系|电话|签发|办理|结果|时间|日期|来源|文号|索引|附件|主题|标题|发布|位置|公开|类别|编号|地址|邮编"
    r"|主办|承办|会办|协办|录入|作者|字号|如下|答复|说明|意见|情况|内容|措施|问题|工作|目标|原则|要求|备注|关于|根据"
    # Labels of a page's or a ministry's summary lines ("摘要：关于进一步加强…", "事由：…").
    r"|摘要|提要|事由|案由|关键词|主题词|名称|分类"
)
# "尊敬的罗大成委员:", "朱蓉代表：您与…": the addressee before the colon, perhaps the first sentence after it.
_SALUTATION = re.compile(r"^(?P<greeting>尊敬的)?\s*(?P<who>[^：:，,。；;！!？?]{1,40}?)\s*[:：]\s*(?P<rest>.*)$")
# A salutation that lost its colon in extraction: "尊敬的罗大成委员" alone on its line.
_SALUTATION_WITHOUT_COLON = re.compile(
    rf"^(?:尊敬的)?\s*(?P<who>[\u4e00-\u9fa5·、，,]{{2,30}}?(?:{alternation(ROLE_WORDS + COURTESY_TITLES)}))$"
)
_SALUTATION_WITH_GREETING = re.compile(
    r"^(?:尊敬的)?\s*(?P<who>[\u4e00-\u9fa5·、，, ]{2,30}?)\s*[，,]?\s*(?:您|你)们?好\s*[！!：:，,。.]?\s*(?P<rest>.*)$"
)
# The body written out with the role, before or after the name: "市人大代表王强同志", "王强全国人大代表".
_BODY_ROLE = rf"(?:全国|[\u4e00-\u9fa5]{{0,8}}?(?:自治区|省|市|区|县|州|旗))?\s*(?P<role>{alternation(BODY_ROLES)})"
_BODY_ROLE_BEFORE = re.compile(rf"^{_BODY_ROLE}\s*(?P<name>[\u4e00-\u9fa5·]{{2,10}})$")
_BODY_ROLE_AFTER = re.compile(rf"^(?P<name>[\u4e00-\u9fa5·]{{2,5}}?)\s*{_BODY_ROLE}$")
_BRACKET_NOTE = re.compile(r"\s*[（(][^（）()]{1,20}[)）]\s*")
# A note that gives the role: "王强（市人大代表）" reads as 王强市人大代表, and so as 王强代表.
_ROLE_NOTE = re.compile(rf"[（(](?P<role>[^（）()]{{0,10}}?(?:{alternation(BODY_ROLES)}))[)）]")
# Names listed with commas before one role word: "王强，李明代表：" (a comma ends the addressee otherwise).
_SALUTATION_NAME_LIST = re.compile(
    rf"^(?P<greeting>尊敬的)?\s*(?P<who>(?:[\u4e00-\u9fa5·]{{2,4}}[，,])+[\u4e00-\u9fa5·]{{2,4}}?"
    rf"(?:{alternation(ROLE_WORDS + COURTESY_TITLES)}))\s*[:：]\s*(?P<rest>.*)$"
)
# How the reference sentence after a salutation starts: 您/你/你们/贵 …, or it holds 收悉.
_ADDRESSING = re.compile(r"^(?:您|你|贵|首先|非常感谢|感谢|现将|现就|关于|对于|由您|您们)")

# Co-proposers in the reference sentence: "您与陈海光、袁晶晶代表一起提出的" (seed 000),
# "您和张三等3位委员联名提出的", "由您领衔，李四、王五代表联名提出的".
_NAME_LIST = r"[\u4e00-\u9fa5·、，,和及\s]{2,80}?"
_OTHERS = r"(?:等\s*[\d一二三四五六七八九十]+\s*[位名人])?"
_JOINT = re.compile(
    rf"(?:您|你)(?:领衔)?\s*(?:与|和|同|及|偕)\s*(?P<names>{_NAME_LIST})\s*{_OTHERS}"
    rf"\s*{_ROLE}?\s*(?:一起|一同|共同|联名|联合)?\s*(?:提出|领衔|所提|提交|联名)"
    rf"|由?您领衔[，,]?\s*(?P<names2>{_NAME_LIST})\s*{_OTHERS}\s*{_ROLE}\s*(?:联名|附议|共同)"
)
# A proposer named in a sentence: "由你局主办的赵敏委员提出的" (008), "梁振华代表领衔提出的" (033),
# "王强同志在市政协五届四次会议上提出的", "市政协委员王强提出的" (not 老师: "学校老师提出的" names no one).
_PROPOSES = r"(?=(?:在[^，,。；;]{2,30}?(?:上|期间))?(?:领衔|提出|所提|联名)|[)）])"
_NAMED_PROPOSER = re.compile(
    rf"(?P<before>[\u4e00-\u9fa5]{{2,8}})(?:(?P<role>{_ROLE})|同志|先生|女士){_PROPOSES}"
)
_NAMED_AFTER_BODY = re.compile(
    rf"(?P<body>{alternation(BODY_ROLES)})(?P<name>[\u4e00-\u9fa5·]{{2,4}}?)(?:同志)?{_PROPOSES}"
)
# An organisation named as the proposer in a sentence: the words before 提出的/所提 in one clause.
_NAMED_ORGANISATION = re.compile(r"(?P<before>[\u4e00-\u9fa5]{3,30}?)(?:领衔|联名|集体)?(?:提出|所提|提交)的")
# What a clause before 提出的 holds when it names no proposing organisation ("您在会上", "各位委员").
_NOT_AN_ORGANISATION = re.compile(r"您|你|我|贵|各位|会议|届")
# Words that end right before a name in such a sentence.
_BEFORE_NAME = re.compile(r".*(?:的|是|由|为|将|对|经|了|在|及|和|与|、|，|,|关于|我局|你局|贵局|协办|主办|会办)")
# The lead of a joint proposal named in the letter sent to a co-signer: "由吴晓梅代表领衔、您参与联名提出的" (023).
_LEAD_NAMED = re.compile(rf"由\s*(?P<name>[\u4e00-\u9fa5·]{{2,10}}?)\s*{_ROLE}?\s*领衔")
# A form-style heading lists the proposers: "领衔代表：周雅琴", "联名代表：吴涛、郑红" (034).
_LEAD_LABEL = re.compile(
    rf"^(?:领衔(?:{_ROLE}|人)|第一(?:提出|提案)人|提案人|提出人|建议人)\s*(?:[:：]|\s)\s*(?P<names>.+)$"
)
# The co-signers' line of such a heading.
_CO_LABEL = re.compile(rf"^(?:联名|附议)(?:{_ROLE}|人)?\s*(?:[:：]|\s)\s*(?P<names>.+)$")
# "李明等5位代表" names only the first of several (019); so do "张华、李明等代表", "赵刚代表等：" and
# "李红梅代表及联名代表：".
_AND_OTHERS = re.compile(
    rf"等(?:\s*[\d一二三四五六七八九十]+\s*[位名人]|(?=\s*(?:{_ROLE}|同志))|$)"
    rf"|[及和与暨](?:其他|其余)?(?:联名|附议)(?:{_ROLE}|人)$"  # "李红梅代表及联名代表："
)
# Co-signers counted but not named: "您与其他5位代表联名提出的".
_UNNAMED_CO_SIGNERS = re.compile(
    rf"(?:您|你)(?:领衔)?\s*(?:与|和|同|及)\s*(?:其他|其余|另外)\s*[\d一二三四五六七八九十]+\s*[位名]\s*{_ROLE}"
)
# A committee or group of the CPPCC or the NPC itself, and how a letter addresses a group proposer.
_BODYS_OWN_COMMITTEE = re.compile(r"政协|人大(?!.*(?:政府|局|厅)$)")
_ADDRESSED_AS_GROUP = re.compile(r"^(?:贵(?:委|会|组|单位)|你们|您们)")
# What separates names in a list.
_NAME_SPLIT = re.compile(r"[、，,；;\s]+")
# A person's name: two to four characters, or a name with the middle dot of minority names.
_PERSON_NAME = re.compile(r"[\u4e00-\u9fa5]{2,4}|[\u4e00-\u9fa5]{1,10}·[\u4e00-\u9fa5·]{1,20}")
# Words a person's name never holds: what "各位代表", "市人大代表" and sentence fragments leave.
_NOT_A_NAME = re.compile(
    r"人大|政协|市|县|区|省|全体|各位|广大|大家|您|你|我|贵|的|们|本|该|此|届|次|会议|联名|附议|领衔|其他|其余|领导|有关|相关|部分"
)


@dataclass(frozen=True)
class Salutation:
    index: int
    who: str  # the addressee as written, without 尊敬的
    rest: str  # text on the same line after the colon


def _is_addressee(who: str) -> bool:
    who = _AND_OTHERS.sub("", who.strip())
    if not who or re.search(r"\d|[A-Za-z]", who) or _NOT_A_SALUTATION.search(who):
        return False
    return bool(
        _ROLE_SUFFIX.search(who) or _HONORIFIC.search(who) or _ORGANISATION.search(who) or agency_name(who)
        or re.fullmatch(r"[\u4e00-\u9fa5·]{2,4}(?:[、，,][\u4e00-\u9fa5·]{2,4})*", who)
    )


def _plain_addressee(who: str) -> str:
    """The addressee with the body written out moved to the plain role: 市人大代表王强 → 王强代表."""
    match = _BODY_ROLE_BEFORE.match(who) or _BODY_ROLE_AFTER.match(who)
    if match is None:
        return who
    name = _HONORIFIC.sub("", match["name"].strip())
    if not _is_person_name(name):
        return who
    return name + match["role"][-2:]  # 人大代表 → 代表, 政协委员 → 委员


def find_salutation(lines: list[str], limit: int = 120) -> Salutation | None:
    """The salutation ("朱蓉代表：", "尊敬的罗大成委员:", "民盟市委会："), the letter's start."""
    for index, line in enumerate(lines[:limit]):
        addressed_to = _ADDRESSED_TO.match(line)
        match = _SALUTATION_NAME_LIST.match(line) or _SALUTATION.match(
            f"{addressed_to['who']}：" if addressed_to else line
        )
        if match is None:
            continue
        # A note in brackets is no part of the addressee: "王强委员（第35号提案）：", "王强委员：（领衔）".
        who = _BRACKET_NOTE.sub("", _ROLE_NOTE.sub(r"\g<role>", match["who"])).strip()
        who = _plain_addressee(_ADDRESSEE_LABEL.sub("", who))
        if not who or not _is_addressee(who):
            continue
        rest = "" if _BRACKET_NOTE.fullmatch(match["rest"]) else match["rest"].strip()
        following = rest or (lines[index + 1] if index + 1 < len(lines) else "")
        addressed = _ADDRESSING.search(following) or "收悉" in following or "提出的" in following
        strong = match["greeting"] or _ROLE_SUFFIX.search(who) or _ORGANISATION.search(who)
        if addressed or (strong and not rest):
            return Salutation(index, who, rest)
    # A greeting in place of the colon: "王强委员，您好！", "尊敬的王强委员您好：", "民盟市委会，你们好！".
    for index, line in enumerate(lines[:limit]):
        match = _SALUTATION_WITH_GREETING.match(line)
        if match and _is_addressee(match["who"]):
            return Salutation(index, match["who"].strip(), match["rest"].strip())
    # A salutation whose colon was lost: "尊敬的罗大成委员" alone above "您提出的…".
    for index, line in enumerate(lines[:limit]):
        match = _SALUTATION_WITHOUT_COLON.match(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if match and (_ADDRESSING.search(following) or "收悉" in following):
            return Salutation(index, match["who"], "")
    return None


def _split_names(text: str) -> list[str]:
    """Names in a list: "陈海光、袁晶晶", "张三和李四"; 和/及/与 split only between two whole names (刘庆和 is one)."""
    pieces = []
    for piece in _NAME_SPLIT.split(text):
        piece = _HONORIFIC.sub("", _ROLE_SUFFIX.sub("", piece))
        parts = re.split(r"[和及与]", piece)
        if len(parts) > 1 and all(len(part) >= 2 for part in parts):
            pieces.extend(parts)
        else:
            pieces.append(piece)
    return pieces


def _names(text: str) -> list[str]:
    names = []
    for part in _split_names(_AND_OTHERS.sub("", text)):
        part = _HONORIFIC.sub("", _ROLE_SUFFIX.sub("", part.strip()))
        if part and part not in names:
            names.append(part)
    return names


def _is_person_name(name: str) -> bool:
    return bool(_PERSON_NAME.fullmatch(name)) and not _NOT_A_NAME.search(name)


def _organisations(who: str) -> list[str]:
    """The organisations an addressee lists ("民盟市委、民进市委" → two); one name where a part is none."""
    parts = [part for part in _NAME_SPLIT.split(who) if part]
    return parts if all(_ORGANISATION.search(part) for part in parts) else [who]


def _named_in_sentence(text: str) -> tuple[str, str | None] | None:
    """The first proposer a sentence names, with the role its words give (None after 同志 and the like)."""
    for match in _NAMED_AFTER_BODY.finditer(text):
        if _is_person_name(match["name"]):
            return match["name"], match["body"][-2:]
    for match in _NAMED_PROPOSER.finditer(text):
        before = _BEFORE_NAME.sub("", match["before"])
        if _is_person_name(before):
            return before, match["role"]
    return None


def _organisation_in_sentence(text: str) -> str | None:
    """The organisation a sentence names as the proposer ("九三学社宁波市委会提出的", "鼓楼区代表团所提")."""
    for match in _NAMED_ORGANISATION.finditer(text):
        name = _BEFORE_NAME.sub("", match["before"])
        if _ORGANISATION.search(name) and not agency_name(name) and not _NOT_AN_ORGANISATION.search(name):
            return name
    return None


def _from_form(heading_lines: list[str]) -> list[str]:
    lead, others = [], []
    for line in heading_lines:
        match = _LEAD_LABEL.match(line)
        if match:
            lead = [name for name in _names(match["names"]) if _is_person_name(name)]
        match = _CO_LABEL.match(line)
        if match:
            others = [name for name in _names(match["names"]) if _is_person_name(name)]
    return lead + [name for name in others if name not in lead] if lead else []


@dataclass
class Proposers:
    names: list[str] = field(default_factory=list)
    role: str | None = None
    organisation: bool = False
    warnings: list[ParseWarning] = field(default_factory=list)


def read_proposers(salutation: Salutation | None, reference: str, heading_lines: list[str]) -> Proposers:
    """Proposer names (lead first), their role, and whether the proposer is an organisation."""
    found = Proposers()
    if salutation is not None:
        who = salutation.who
        tokens = who.split()
        if any(len(token) == 1 for token in tokens):
            who = "".join(tokens)  # a name spaced out to the width of a longer one: "王 芳 代表", "王 强委员"
        roles = {m["role"] for piece in _NAME_SPLIT.split(who) if (m := _ROLE_SUFFIX.search(piece))}
        found.role = roles.pop() if len(roles) == 1 else None
        if _ORGANISATION.search(who) and not (found.role and all(_is_person_name(n) for n in _names(who))):
            found.names, found.role, found.organisation = _organisations(who), None, True
        elif _BODYS_OWN_COMMITTEE.search(who) and _ADDRESSED_AS_GROUP.search(reference):
            # A committee of the CPPCC or NPC itself ("市政协经济委员会：贵委提出的…") proposes; a
            # government agency addressed so would be the lead agency of an opinion instead.
            found.names, found.role, found.organisation = [who], None, True
        elif agency_name(who) and not _ROLE_SUFFIX.search(who) and not _HONORIFIC.search(who):
            found.role = None  # an opinion sent to the lead agency (会办意见 to 市教育局：, 008)
        else:
            found.names = [name for name in _names(who) if _is_person_name(name)]
            if _AND_OTHERS.search(who):
                message = f"称呼“{who}”只写出了部分提出人，其余联名人请手工补全。"
                found.warnings.append(ParseWarning("proposer_names", message))
    form = _from_form(heading_lines)
    if form:
        found.names = form + [name for name in found.names if name not in form]
    if not found.names and not found.organisation:
        # No usable salutation: the sentence or title may name the proposer ("赵敏委员提出的").
        named = _named_in_sentence(reference) or _named_in_sentence("".join(heading_lines))
        if named:
            found.names, found.role = [named[0]], named[1]
        else:
            # An opinion to the lead agency about a party's or group's proposal: "九三学社宁波市委会提出的《…》".
            organisation = _organisation_in_sentence(reference)
            if organisation:
                found.names, found.role, found.organisation = [organisation], None, True
    if found.organisation or not found.names:
        return found
    unnamed = _UNNAMED_CO_SIGNERS.search(reference)
    if unnamed:
        found.warnings.append(ParseWarning("proposer_names", f"“{unnamed.group(0)}”没有写出联名人的姓名，请手工补全。"))
    lead = _LEAD_NAMED.search(reference)
    if lead and _is_person_name(lead["name"]) and lead["name"] not in found.names:
        found.names.insert(0, lead["name"])
    joint = _JOINT.search(reference)
    if joint:
        if _AND_OTHERS.search(joint.group(0)):
            message = f"“{joint.group(0)}”只写出了部分联名人，其余联名人请手工补全。"
            found.warnings.append(ParseWarning("proposer_names", message))
        for name in _names(joint["names"] or joint["names2"] or ""):
            if _is_person_name(name) and name not in found.names:
                found.names.append(name)
        if found.role is None:
            role_match = re.search(_ROLE, joint.group(0))
            found.role = role_match.group(0) if role_match else None
    return found
