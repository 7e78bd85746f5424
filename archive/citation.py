"""How a reply is cited: agency, what it answers, document number, date, permalink; and the same for reference
managers, as Highwire Press ``citation_*`` meta tags (what Zotero's and Google Scholar's readers take)."""


def reply_title(reply) -> str:
    """The letter as it would be titled: 关于市政协五届四次会议第0070号提案《…》的答复."""
    proposal = reply.proposal
    answered = f"《{proposal.title}》"
    if proposal.number:
        answered = (
            f"{proposal.session.name if proposal.session_id else ''}第{proposal.number}号{proposal.kind}{answered}"
        )
    return f"关于{answered}的{reply.get_kind_display()}"


def cite_reply(reply, permalink: str) -> str:
    """One line a journalist can paste; parts the letter does not give are left out."""
    parts = [f"{reply.agency.name if reply.agency_id else '答复单位未注明'}{reply_title(reply)}"]
    if reply.doc_number:
        parts.append(reply.doc_number)
    if reply.date:
        parts.append(f"{reply.date.year}年{reply.date.month}月{reply.date.day}日")
    return "，".join(parts) + f"。{permalink}"


def citation_meta(reply, permalink: str) -> list[tuple[str, str]]:
    """(name, content) of the reply page's ``citation_*`` meta tags; what the letter does not give is left out.

    The replying agency is the author, and the publisher of the letter: a reply is the agency's document;
    the proposers wrote the proposal it answers, not the reply. Zotero makes a report of it
    (``citation_technical_report_institution``), whose number is the letter's 文号.
    """
    agency = reply.agency.name if reply.agency_id else ""
    tags = [
        ("citation_title", reply_title(reply)),
        ("citation_author", agency),
        ("citation_publication_date", reply.date.strftime("%Y/%m/%d") if reply.date else ""),
        ("citation_publisher", agency),
        ("citation_technical_report_institution", agency),
        ("citation_technical_report_number", reply.doc_number),
        ("citation_keywords", "; ".join(reply.keywords)),
        ("citation_language", "zh"),
        ("citation_public_url", permalink),
        ("citation_abstract_html_url", permalink),
    ]
    return [(name, content) for name, content in tags if content]
