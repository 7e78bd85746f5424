"""Public replies and their sections as rows of plain values: what the bulk dataset writes.

One row per public reply, read in chunks (``iterator``), so a 100,000-reply archive is never in
memory at once. Every text cell is masked as the pages mask it (personal mobile and ID numbers),
names and section headings included. Each column is described in Chinese and English: the
dataset's data dictionary is written from these descriptions.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from archive.models import Person, Proposer, Reply, Section
from archive.privacy import mask_personal_numbers

OFFICES = (Person.Role.DEPUTY, Person.Role.MEMBER)
CHUNK = 500  # replies a query, and their proposers in one more: a few MB however large the archive


@dataclass(frozen=True)
class Column:
    name: str
    zh: str
    en: str
    in_csv: bool = True  # a letter's whole text can exceed a spreadsheet cell: JSON Lines only


REPLY_COLUMNS = (
    Column("id", "答复在本档案中的编号", "The reply's id in this archive"),
    Column("url", "答复页面的站内路径，加上本站网址即可打开", "Path of the reply's page on this site"),
    Column("body", "人大（代表建议）或政协（委员提案）",
           "人大 (a deputy's suggestion) or 政协 (a CPPCC member's proposal)"),
    Column("place_code", "地区的行政区划代码（GB/T 2260）", "Code of the place (GB/T 2260 administrative division)"),
    Column("place", "地区：省 › 市 › 区县", "The place: province › city › county"),
    Column("session", "会议，按原文，如“市政协五届四次会议”",
           "The session as the letter names it, e.g. 市政协五届四次会议"),
    Column("year", "会议或答复的年份", "Year of the session or of the reply"),
    Column("proposal_number", "建议提案编号，按原文，如“0070”", "The proposal's number as written, e.g. 0070"),
    Column("proposal_kind", "类别：建议、提案、党派提案、集体提案、代表团建议",
           "Kind: suggestion, proposal, party, group or delegation proposal"),
    Column("proposal_title", "建议提案标题", "Title of the suggestion or proposal"),
    Column("proposers", "提出人，按原文顺序，第一位为领衔人；CSV 中以“、”分隔，括号内为身份（代表、委员）",
           "Proposers in the letter's order, the lead first; in CSV separated by “、”, a deputy's or member's "
           "role (代表, 委员) in brackets; in JSON Lines a list of {name, role}, role 组织 for an organisation"),
    Column("agency", "答复单位", "The replying agency"),
    Column("handling_role", "办理方式：主办、会办、协办、分办", "Handling: lead, joint, assisting or separate"),
    Column("kind", "答复类型：答复、会办意见、二次答复、跟踪答复",
           "Kind of letter: reply, opinion, second reply, follow-up"),
    Column("date", "答复日期（年-月-日）", "Date of the letter (YYYY-MM-DD)"),
    Column("doc_number", "文号，如“资教体函〔2024〕70号”", "Document number, e.g. 资教体函〔2024〕70号"),
    Column("result_class", "办理结果分类：已解决、正在解决、列入计划、留作参考",
           "Result class: solved, in progress, planned, kept for reference"),
    Column("result_label", "办理结果，按原文，如“【B】”", "The result as the letter writes it, e.g. 【B】"),
    Column("disclosure", "公开属性：主动公开、同意公开，答复未写明时为空",
           "Disclosure label: 主动公开 or 同意公开; empty when the letter gives none"),
    Column("keywords", "主题词（自动提取）；CSV 中以“、”分隔",
           "Topic keywords (extracted automatically); in CSV separated by “、”"),
    Column("next_steps", "答复承诺的下一步工作", "The next steps the reply promises"),
    Column("text", "答复正文全文（只在 JSON Lines 中：表格软件一格最多 32,767 字）",
           "The letter's full text (JSON Lines only: a spreadsheet cell holds at most 32,767 characters)",
           in_csv=False),
)

SECTION_COLUMNS = (
    Column("reply_id", "所属答复的编号（replies 中的 id）", "The reply's id (id in replies)"),
    Column("position", "段落在答复中的顺序，从 0 起", "Order of the section in the reply, from 0"),
    Column("level", "层级：1 为“一、”，2 为“（一）”", "Level: 1 for 一、 headings, 2 for （一） headings"),
    Column("number", "序号，如“一”“（二）”", "Number as written, e.g. 一, （二）"),
    Column("title", "段落标题", "Heading of the section"),
    Column("text", "段落内容", "Text of the section"),
    Column("url", "段落的站内路径（答复页面加锚点）",
           "Path of the section on this site (the reply's page and an anchor)"),
)


def _masked(value):
    if isinstance(value, str):
        return mask_personal_numbers(value)
    if isinstance(value, list):
        return [_masked(item) for item in value]
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    return value


def reply_row(reply: Reply, proposers: list[dict], *, text: bool = True) -> dict:
    """A reply fetched by ``public_reply_rows``' query and its proposers (``proposers_of``), as the values of
    REPLY_COLUMNS; without ``text``, the letter's text is left out (the search exports read replies without it)."""
    proposal, place = reply.proposal, reply.proposal.place
    row = {
        "id": reply.pk,
        "url": reply.get_absolute_url(),
        "body": proposal.body or (proposal.session.body if proposal.session_id else ""),
        "place_code": place.code if place else "",
        "place": place.path if place else "",
        "session": proposal.session.name if proposal.session_id else "",
        "year": proposal.year,
        "proposal_number": proposal.number,
        "proposal_kind": proposal.kind,
        "proposal_title": proposal.title,
        "proposers": proposers,
        "agency": reply.agency.name if reply.agency_id else "",
        "handling_role": reply.handling_role,
        "kind": reply.kind,
        "date": reply.date.isoformat() if reply.date else None,
        "doc_number": reply.doc_number,
        "result_class": reply.result_class,
        "result_label": reply.result_label,
        "disclosure": reply.disclosure,
        "keywords": list(reply.keywords),
        "next_steps": reply.next_steps,
    }
    if text:
        row["text"] = reply.body_text
    return _masked(row)


def public_reply_rows() -> Iterator[dict]:
    """Every public reply, oldest id first."""
    replies = (
        Reply.objects.public().select_related("agency", "proposal__session", "proposal__place")
        .defer("raw_text").order_by("pk").iterator(chunk_size=CHUNK)
    )
    # Proposers as values, a query a chunk: prefetched links point back at their proposal, and those
    # cycles waited for the garbage collector, so memory grew with the archive (8 MB at 1,000 replies).
    while chunk := list(islice(replies, CHUNK)):
        proposers = proposers_of({reply.proposal_id for reply in chunk})
        for reply in chunk:
            yield reply_row(reply, proposers.get(reply.proposal_id, []))


def proposers_of(proposal_ids) -> dict[int, list[dict]]:
    """Each proposal's proposers as {name, role}, in the letter's order: one query for a chunk of replies."""
    links = Proposer.objects.filter(proposal__in=proposal_ids).order_by("proposal", "position")
    proposers: dict[int, list[dict]] = {}
    for proposal, name, role in links.values_list("proposal", "person__name", "person__role"):
        proposers.setdefault(proposal, []).append({"name": name, "role": role})
    return proposers


def in_one_cell(value):
    """A value in one spreadsheet cell: a list joined by 、, a proposer with an office: 朱蓉（代表）、民盟慈溪市委."""
    if isinstance(value, list):
        return "、".join(in_one_cell(item) for item in value)
    if isinstance(value, dict):  # a proposer: an organisation's role goes without saying
        return f"{value['name']}（{value['role']}）" if value["role"] in OFFICES else value["name"]
    return value


def public_section_rows() -> Iterator[dict]:
    """Every section of every public reply, in the replies' order and then their own."""
    fields = ("reply_id", "position", "level", "number", "title", "text", "anchor")
    sections = Section.objects.filter(reply__in=Reply.objects.public()).order_by("reply_id", "position")
    for reply_id, position, level, number, title, text, anchor in sections.values_list(*fields).iterator(
        chunk_size=CHUNK * 10
    ):
        yield _masked({
            "reply_id": reply_id, "position": position, "level": level, "number": number, "title": title,
            "text": text, "url": f"{Reply(pk=reply_id).get_absolute_url()}#{anchor}",
        })
