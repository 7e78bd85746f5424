"""Put a reply letter's fields together: ``parse_reply`` runs the steps and settles what they disagree on.

In: the text of one letter. Out: a ParsedReply. Where the steps find a field in several places
(the agency above the letter, in its signature, in the page's metadata; the date of the
signature, 成文日期, a heading), the order of trust is decided here, and what is left empty is
said in a ParseWarning naming the field.
"""

import re
from collections import Counter

from archive.places import leading_places

from .chrome import drop_chrome
from .dates import read_date
from .footer import (
    agency_name,
    find_cc,
    find_contact,
    find_date_lines,
    find_signature_agency,
    find_signer,
    labelled_date,
)
from .header import read_handling, read_header
from .layout import reference_text, split_letter
from .markers import read_disclosure, read_result, unclear_disclosure, unclear_result
from .normalize import clean_lines
from .numbers import broken_doc_number, find_doc_number, repair_doc_number
from .proposers import find_salutation
from .result import ParsedReply, ParseWarning
from .sections import find_next_steps, split_sections
from .vocabulary import REPLY_VERBS, alternation

# "主办单位：信阳市教育体育局，联系人：…" inside a letter (seed 004) or a form-style heading's
# "答复单位：…" names the answering agency.
_LEAD_UNIT = re.compile(r"(?:主办单位|答复单位|办理单位|承办单位)\s*(?:[:：]|\s)\s*(?P<name>[^，,。；;\s]+)")
# Keys of a page's metadata table whose value is the agency that issued the letter.
_META_AGENCY_KEYS = ("发文机关", "发布机构", "发布单位", "所属机构", "信息来源", "文章来源", "来源")
# The place a signature left out ("苏州" + "市民政局"): place characters before the level the signature starts with.
_WITH_ITS_PLACE = re.compile(r"[\u4e00-\u9fa5]{1,12}[省市区县州旗盟]")
# The letter refers to its own agency only as 我局/我委 … (seed 002).
_SELF_REFERENCE = re.compile(r"我(?:局|委|厅|办|中心|院|部|署|公司|单位)")
# The endings of the names of offices that call themselves so.
_SELF_REFERENCE_ENDINGS = {
    "局": ("局",), "委": ("委", "委员会"), "厅": ("厅",), "办": ("办", "办公室", "办公厅"),
    "中心": ("中心",), "院": ("院",), "部": ("部",), "署": ("署",),
}
# A line that gives another document's number: the 交办 notice that assigned the proposal, a
# document the letter cites ("交办文号：…〔2021〕3号", "根据《…》（…〔2019〕12号）").
_OTHER_DOCUMENT = re.compile(r"交办|转办|来文|根据|依据|按照|参照|》\s*[（(][^）)]*〔")
# A class letter with 类 ("B类", "A类（已解决）"): below the signature a bare letter is not enough.
_CLASS_WORD = re.compile(r"^[A-D]\s*类")
# Words by which a text shows it is a reply; a text without them is not one (a news report, 011).
# The weak ones count only in a text that also addresses someone in a salutation.
_REPLY_SIGNS = re.compile(
    rf"收悉|现答复|函复|复函|答复函|会办意见|协办意见|办理意见|(?:{alternation(REPLY_VERBS)})如下"
)
_WEAK_REPLY_SIGNS = re.compile(r"答复|回复|如下|意见")
# A date alone on a heading line, written with 年月日 as a letter writes it (2024年6月28日 or
# 二〇二四年六月二十八日 under the title); a web page's dates (2024-06-28) are never the letter's.
_HEADING_DATE = re.compile(r".*年.*月.*日")


_NOT_A_REPLY = "这段文字不像答复函：没有称呼，也没有“收悉”“答复如下”等字样，未识别任何字段，请核对。"


def _read_date(parsed: ParsedReply, heading: list[str], closing: list[str], meta: dict[str, str]) -> None:
    dates = find_date_lines(closing)
    signature = next((found.reading for found in dates if not found.printed), None)
    if signature is not None and signature.problem:
        parsed.warn("date", signature.problem)
    if signature is not None and signature.iso:
        parsed.date = signature.iso
        return
    # The letter's own date given elsewhere: 成文日期 in its heading or the page's metadata table.
    own = labelled_date(heading, bare_label=False) or labelled_date(closing)
    if own is None and meta.get("成文日期"):
        own = read_date(meta["成文日期"])
    if own is None:
        for line in heading:
            heading_date = find_date_lines([line])
            if heading_date and _HEADING_DATE.fullmatch(line) and not heading_date[0].printed:
                own = heading_date[0].reading
                break
    if own is not None and own.iso:
        parsed.date = own.iso
        return
    if signature is None:
        printed = next((found.reading for found in dates if found.printed), None)
        published = labelled_date(heading)
        if printed is not None and printed.iso:
            parsed.warn("date", f"只找到印发日期{printed.iso}，没有落款日期，请核对后手工填写。")
        elif published is not None and published.iso:
            parsed.warn(
                "date", f"只在信函上方找到“日期”{published.iso}，可能是网页发布日期，未作为落款日期，请核对后手工填写。"
            )
        else:
            parsed.warn("date", "未找到落款日期，请手工填写。")


def _speaks_as_another_office(name: str, body: list[str]) -> str | None:
    """The body's name for itself (我局) when the named office cannot call itself so (a 人民政府 says 我区)."""
    spoken = Counter(match.group(0) for match in _SELF_REFERENCE.finditer("\n".join(body)))
    if not spoken:
        return None
    word = spoken.most_common(1)[0][0]
    endings = _SELF_REFERENCE_ENDINGS.get(word[1:])
    return word if endings and not name.endswith(endings) else None


def _read_agency(parsed: ParsedReply, header_agency: str | None, heading: list[str], closing: list[str],
                 body: list[str], meta: dict[str, str]) -> None:
    agency = find_signature_agency(closing, find_date_lines(closing))
    if (
        agency and header_agency and header_agency.endswith(agency)
        and _WITH_ITS_PLACE.fullmatch(header_agency[: -len(agency)] + agency[:1])
    ):
        agency = header_agency  # a signature without its place (市民政局) under a title with it (某某市民政局关于…)
    if agency is None and header_agency is not None:
        # A name above the letter may be the website's (宜昌市西陵区人民政府 over a 城管局 letter):
        # taken only when the letter's own name for itself fits it.
        other = _speaks_as_another_office(header_agency, body)
        if other:
            parsed.warn(
                "agency",
                f"信函上方的“{header_agency}”与正文自称的“{other}”不符，可能是网站名称，未作为答复单位，请手工填写。",
            )
        else:
            agency = header_agency
    if agency is None:
        for line in closing + heading:
            match = _LEAD_UNIT.search(line)
            if match and agency_name(match["name"]):
                agency = agency_name(match["name"])
                break
    if agency is None:
        # The page's metadata table (发布机构, 来源 …) names the office that published the letter; only a
        # full name is taken, one that starts with a place the gazetteer knows ("鞍山市住房和城乡建设局"):
        # a short one (区城市管理局, 城市管理局) names no agency the archive can file under.
        agency = next((name for key in _META_AGENCY_KEYS if (name := agency_name(meta.get(key, "")))
                       and leading_places(name)), None)
    parsed.agency = agency
    if agency is None and not any(warning.field == "agency" for warning in parsed.warnings):
        self_reference = _SELF_REFERENCE.search("\n".join(body))
        if self_reference:
            parsed.warn("agency", f"未能识别答复单位：正文只写了“{self_reference.group(0)}”，请手工填写。")
        else:
            parsed.warn("agency", "未能识别答复单位，请手工填写。")


def _read_markers(parsed: ParsedReply, heading: list[str], closing: list[str], meta: dict[str, str]) -> None:
    # Near the top a bare "B" can only be the class; below the signature it must say "B类".
    readings = [read_result(line, alone_allowed=True) for line in heading]
    readings += [read_result(line, alone_allowed=bool(_CLASS_WORD.match(line))) for line in closing]
    result = next((reading for reading in readings if reading is not None), None)
    if result is not None:
        parsed.result_label, parsed.result_class = result.label, result.code
    elif unclear := next((field for line in heading + closing if (field := unclear_result(line))), None):
        parsed.warn("result_class", f"“{unclear}”不是已知的办理结果分类，未予识别，请手工选择。")
    above = {label for line in heading if (label := read_disclosure(line))}
    if len(above) > 1:
        # Several labels above the letter list a website's columns (主动公开 / 依申请公开), not this letter's.
        listed = "、".join(sorted(above))
        parsed.warn("disclosure", f"信函上方列出了几种公开属性（{listed}），像是网站栏目，未作为公开属性，请核对。")
        heading = [line for line in heading if not read_disclosure(line)]
    lines = heading + closing + [f"公开方式：{meta['公开方式']}" if meta.get("公开方式") else ""]
    parsed.disclosure = next((label for line in lines if (label := read_disclosure(line))), None)
    unclear = next((value for line in lines if (value := unclear_disclosure(line))), None)
    if parsed.disclosure is None and unclear:
        parsed.warn("disclosure", f"“{unclear}”没有说明是哪一种公开，未予识别公开属性，请手工选择。")


def _read_doc_number(parsed: ParsedReply, heading: list[str], closing: list[str], meta: dict[str, str]) -> None:
    lines = heading + closing + [meta[key] for key in ("发文字号", "文号") if meta.get(key)]
    lines = [line for line in lines if not _OTHER_DOCUMENT.search(line)]
    for line in lines:
        doc_number = find_doc_number(line)
        if doc_number:
            parsed.doc_number = doc_number
            return
    for line in heading + closing:
        broken = broken_doc_number(line)
        if broken:
            repaired = repair_doc_number(broken)
            if repaired:
                parsed.doc_number = repaired
                parsed.warn("doc_number", f"文号“{broken}”有缺字，已按唯一可能的读法识别为“{repaired}”，请核对。")
            else:
                parsed.warn("doc_number", f"文号“{broken}”不完整，未予采用，请核对。")
            return


def parse_reply(text: str) -> ParsedReply:
    """Read every field of a reply letter from its text; what it cannot read comes back empty with a warning."""
    lines = clean_lines(text)
    first = find_salutation(lines)
    page = drop_chrome(lines, first.index if first else None)
    salutation = find_salutation(page.lines)
    joined = "".join(page.lines)
    if not (_REPLY_SIGNS.search(joined) or (salutation and _WEAK_REPLY_SIGNS.search(joined))):
        return ParsedReply(
            body_text="\n".join(page.lines),
            warnings=[ParseWarning(None, _NOT_A_REPLY)],
        )
    layout = split_letter(page.lines, salutation.index if salutation else None)
    reference = reference_text(layout, salutation.rest if salutation else "")
    heading = layout.heading + ([page.meta["标题"]] if page.meta.get("标题") else [])
    header = read_header(heading, salutation, reference)

    parsed = ParsedReply(
        proposer_names=header.proposer_names,
        proposer_role=header.proposer_role,
        proposer_kind=header.proposer_kind,
        body=header.body,
        proposal_kind=header.proposal_kind,
        proposal_number=header.proposal_number,
        session=header.session,
        proposal_title=header.proposal_title,
        warnings=list(header.warnings),
    )
    _read_agency(parsed, header.agency, layout.heading, layout.closing, layout.body, page.meta)
    _read_date(parsed, layout.heading, layout.closing, page.meta)
    _read_doc_number(parsed, layout.heading, layout.closing, page.meta)
    _read_markers(parsed, layout.heading, layout.closing, page.meta)
    parsed.signer = find_signer(layout.heading + layout.closing)
    parsed.contact_name, parsed.contact_phone = find_contact(layout.closing + layout.heading)
    parsed.cc = find_cc(layout.closing)
    parsed.handling_role, parsed.reply_kind = read_handling(
        "".join(heading), reference, "\n".join(layout.closing), parsed.agency
    )
    parsed.sections = split_sections(layout.body)
    parsed.next_steps = find_next_steps(layout.body, parsed.sections)
    parsed.body_text = "\n".join(
        layout.heading + ([layout.salutation] if layout.salutation else []) + layout.body + layout.closing
    )

    if not parsed.proposer_names:
        parsed.warn("proposer_names", "未能识别提出人，请手工填写。")
    if not parsed.proposal_title:
        parsed.warn("proposal_title", "未能识别建议或提案的标题，请手工填写。")
    if not parsed.session:
        parsed.warn("session", "未找到会议届次，请核对。")
    return parsed
