"""How a reply is cited: agency, what it answers, document number, date, permalink."""


def cite_reply(reply, permalink: str) -> str:
    """One line a journalist can paste; parts the letter does not give are left out."""
    proposal = reply.proposal
    answered = f"《{proposal.title}》"
    if proposal.number:
        answered = (
            f"{proposal.session.name if proposal.session_id else ''}第{proposal.number}号{proposal.kind}{answered}"
        )
    parts = [f"{reply.agency.name if reply.agency_id else '答复单位未注明'}关于{answered}的{reply.get_kind_display()}"]
    if reply.doc_number:
        parts.append(reply.doc_number)
    if reply.date:
        parts.append(f"{reply.date.year}年{reply.date.month}月{reply.date.day}日")
    return "，".join(parts) + f"。{permalink}"
