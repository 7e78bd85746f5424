"""The parser's result: plain dataclasses, no Django.

``ParsedReply.as_dict()`` is exactly what ``manage.py parse_reply --json`` prints; its keys
follow docs/design.md's parser contract and ``fixtures/seed_letters/expected.json``.
"""

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class ParseWarning:
    """What could not be read, for the clerk: the contract field it concerns (None: the whole letter) and why."""

    field: str | None  # agency, date, doc_number, disclosure, result_class, signer, contact, cc, proposer_names,
    # proposal_title, proposal_number, session, sections
    message: str  # in Chinese

    def __str__(self) -> str:
        return self.message


@dataclass
class ParsedSection:
    """A numbered section of the letter: level 1 for 一、, level 2 for （一）."""

    level: int
    number: str  # as written, without the punctuation after it: "一", "2", "（一）" → "一"
    title: str  # the text after the number up to the first 。！？： or the end of the line
    text: str  # the section's own paragraphs, heading line included, joined by "\n"


@dataclass
class ParsedReply:
    """Every field read from one reply letter; None or [] where the letter does not say."""

    proposer_names: list[str] = field(default_factory=list)  # ordered, the lead first
    proposer_role: str | None = None  # 代表 / 委员 (None for an organisation)
    proposer_kind: str | None = None  # "person" / "organisation" (党派、团体、代表团、界别、委员会 …)
    body: str | None = None  # 人大 / 政协
    proposal_kind: str | None = None  # 建议 / 提案 / 党派提案 / 代表团建议 …
    proposal_number: str | None = None  # as written without 第/号: "0070", "D022"
    session: str | None = None  # as written: "市政协五届四次会议"
    proposal_title: str | None = None  # without 《》 or “”
    agency: str | None = None  # the replying agency; None when the letter only says 我局
    date: str | None = None  # YYYY-MM-DD, the letter's own date
    doc_number: str | None = None  # 资教体函〔2024〕70号
    result_label: str | None = None  # the raw marker: "【B】", "办理结果：A", "A类"
    result_class: str | None = None  # the class letter: as written, or the four-class letter of a result in words
    disclosure: str | None = None  # 主动公开 / 同意公开 / 依申请公开 / 不予公开 / 不同意公开
    handling_role: str | None = None  # 主办 / 会办 / 协办 / 分办, when the letter says
    reply_kind: str | None = None  # 答复 / 会办意见 / 二次答复 / 跟踪答复, when the letter says
    signer: str | None = None  # 签发人
    contact_name: str | None = None
    contact_phone: str | None = None
    cc: list[str] = field(default_factory=list)  # 抄送, without the copy counts
    sections: list[ParsedSection] = field(default_factory=list)
    next_steps: str | None = None  # the 下一步 part, as text
    body_text: str = ""  # the whole letter, cleaned: page chrome dropped, broken lines re-joined
    warnings: list[ParseWarning] = field(default_factory=list)

    def warn(self, field: str | None, message: str) -> None:
        self.warnings.append(ParseWarning(field, message))

    def as_dict(self) -> dict:
        """The contract's JSON object: warnings are printed as their Chinese messages."""
        return asdict(self) | {"warnings": [warning.message for warning in self.warnings]}
