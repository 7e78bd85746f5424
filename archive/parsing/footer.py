"""Read the closing block of a reply letter: signature, date, signer, contact and copies.

In: the lines after the letter's last body paragraph (and, for what letters print above the
salutation, the heading lines). Out: the signing agency, the letter's date, the signer
(签发人), the contact person and phone, and the 抄送 list without copy counts.
A printed letter's closing block may end with its print record ("信阳市教育体育局办公室 /
2024年7月2日印发", seed 004): that office and date are the printer's, not the signature.
"""

import re
from dataclasses import dataclass

from .dates import DATE, DATE_REMAINS, LOST_DATE, DateReading, read_damaged_date, read_date, read_lost_date
from .markers import read_disclosure, read_result
from .numbers import find_doc_number
from .vocabulary import DISCLOSURE_FIELDS, DISCLOSURE_LABELS, MARKER_FIELDS, alternation

# The last word of an agency's name: 局, 委员会, 办公室, 人民政府, 中心 … (the offices that answer
# proposals, their companies and schools).
AGENCY_SUFFIX = (
    r"(?:局|厅|委员会|委|办公室|办公厅|办|人民政府|政府|中心|院|部|署|总队|支队|大队|队|处|所|馆|站|社|联合会|联"
    r"|公司|集团|管委会|管理委员会|学校|学院|大学|医院|银行|分行|中心校|科|检察院|法院|海关|工会|红十字会|协会|监狱)"
)
# A line that is only an agency's name ("慈溪市教育局", "资阳市教育和体育局"); names may carry
# a second name in brackets ("中共长春市委宣传部（长春市新闻出版局）") and a seal note.
# A seal note beside a signature or its date: （盖章）, （代章）, （印）.
_SEAL = r"(?:盖章|印章|公章|代章|签章|章|印)"
_AGENCY_LINE = re.compile(
    rf"(?P<name>[\u4e00-\u9fa5（）()·]{{2,40}}?{AGENCY_SUFFIX}(?:[（(][\u4e00-\u9fa5]{{2,20}}{AGENCY_SUFFIX}[)）])?)"
    rf"(?:[（(]\s*{_SEAL}\s*[)）])?"
)

# A date standing alone, maybe after the agency on the same line or before 印发/发布.
_DATE_LINE = re.compile(rf"(?P<before>.{{0,40}}?)\s*(?:{DATE})\s*(?P<after>.{{0,80}})")
# A field of the closing block on the date's line ("2021年6月1日（联系人：张三，电话：…）").
_FIELD_AFTER_DATE = re.compile(r"^[（(]?\s*(?:联\s*系\s*人|联系电话|经办人|签\s*发\s*人?|抄\s*送)\s*[:：]")
# What may follow a date on its own line: nothing, a seal note, or the print/publish record.
# ("2021年6月1日星期二"; "2021年6月1日（此件主动公开）" carries the disclosure note on the date's line.)
_DATE_AFTER_SIGNATURE = re.compile(
    rf"[（(]?\s*{_SEAL}?\s*[)）]?|(?:星期|周)[一二三四五六日天]"
    rf"|[（(]\s*(?:此件|本件)?\s*(?:(?:{alternation(DISCLOSURE_FIELDS)})\s*[:：]\s*)?"
    rf"(?:{alternation(DISCLOSURE_LABELS)}|公开发布)\s*[)）]"
)
_DATE_AFTER_PRINT = re.compile(r"[（(]?\s*(?:印发|印制|打印|发布|公布|发出|发)\s*[)）]?")
# A lost-character date alone on a line (seed 001's "2024628").
_LOST_DATE_LINE = re.compile(LOST_DATE)
# A line of nothing but a date's remains that the date forms do not read ("2024年628日", "2024年 月18日").
_DATE_REMAINS = re.compile(DATE_REMAINS)
# Labels of dates that are the letter's own.
_OWN_DATE_LABEL = re.compile(r"^(?:成文日期|落款日期|答复日期|签发日期|发文日期|日期)\s*[:：]")

_BARE_DATE_LABEL = re.compile(r"^日期\s*[:：]")

# Labels of the closing block's lines.
_CLOSING_LABEL = re.compile(
    r"^[（(]?\s*(?:抄\s*送|抄\s*报|主\s*送|联\s*系\s*人|联系电话|联系方式|电\s*话|手\s*机|签\s*发\s*人?|签\s*发|附\s*件|主办单位"
    r"|会办单位|协办单位|承办单位|承办人|经办人|办理人|审核|核稿|拟稿|校对|邮\s*编|邮政编码|地\s*址|传\s*真|电子邮箱|邮箱"
    rf"|{alternation(MARKER_FIELDS)}|共印|印\s*数"
    r"|联系单位|承办处室|承办科室|分管领导|领导签字|领导签发|审核人|审签|主要负责人)"
)
# A contact field may follow another field on its line ("联系单位：…  联系人：张三  联系电话：…").
_CONTACT_FIELD = re.compile(r"(?:^|\s)(?:联\s*系\s*人|联系电话|经办人)\s*[:：]")
_CLOSING_NOTE = re.compile(rf"^[（(]\s*(?:此件|本件|联系人|注|备注)|此页无正文|[（(]\s*{_SEAL}\s*[)）]$|印发$")

# The signer: "签发人：林长" (seed 004), "签发领导：…". A name is 2–4 characters; a following field may touch it.
# A name may be spaced out to the width of a longer one ("刘 强").
NAME = r"[\u4e00-\u9fa5·](?:\s?[\u4e00-\u9fa5·]){1,3}?"
_SIGNER = re.compile(
    rf"签\s*发\s*(?:人|领导)?\s*[:：]\s*(?P<name>{NAME})(?=$|\s|[，,。；;（(]|办理|联系|签发|抄送|电话|日期|[A-Za-z\d])"
)

# A phone number as letters write it: a mobile, or a landline with or without its area code
# ("6225005", seed 004; "0391-1234567"; "（0391）1234567"; extension "转8001").
PHONE = (
    r"(?<!\d)(?:1[3-9]\d{9}"
    r"|(?:[（(]\s*0\d{2,3}\s*[)）]\s*|0\d{2,3}\s*[-－—–]?\s*)?\d{7,8}(?:\s*(?:[-－]|转)\s*\d{1,5})?)(?!\d)"
)
_PHONE = re.compile(PHONE)
# The contact: "联系人：孟辉，电话：6225005" (seed 004), "联系人姓名及电话：裴莹 13174465558" (seed 003),
# "联系人：张三  联系电话：0391-1234567", "联 系 人：张三"; 经办人 where the letter names its clerk (010, 017).
_CONTACT = re.compile(
    r"(?:联\s*系\s*人|经\s*办\s*人|承\s*办\s*人|联\s*络\s*人)\s*(?:姓\s*名)?\s*(?:及|和|与|、)?"
    r"\s*(?:联\s*系)?\s*(?:电\s*话|方\s*式|手\s*机)?\s*[:：]?\s*"
    rf"(?P<name>{NAME})(?=$|\s|[，,。；;、（(:：/]|电话|联系|手机|座机|办公|\d)"
)
_PHONE_LABEL = re.compile(r"(?:联系电话|联系方式|电\s*话|手\s*机|座\s*机|办公电话|Tel)", re.IGNORECASE)

# The copy list: "抄送：市政协提案委（2份），市政府督查室（1份）。" (seeds 000, 004); "抄　　送" spaced.
_CC = re.compile(r"^抄\s*送\s*(?:单位)?\s*[:：]\s*(?P<rest>.*)$")
_COPY_COUNT = re.compile(
    r"[（(]\s*(?:各)?\s*[\d一二三四五六七八九十]+\s*份\s*[)）]|各\s*[\d一二三四五六七八九十]+\s*份"
)
_CC_SPLIT = re.compile(r"[，,、；;]|\s+")


@dataclass(frozen=True)
class DateLine:
    index: int
    reading: DateReading
    printed: bool  # the print record's date (…印发), not the signature's
    before: str  # what stands before the date on its line (an agency, sometimes)


def agency_name(line: str) -> str | None:
    """The agency a line names when it is nothing but that name (the first, where two sign together)."""
    tokens = line.split()
    if len(tokens) > 1 and any(len(token) > 1 for token in tokens):
        # "市教育局 市财政局": a joint signature, whose first agency leads; a name spaced out
        # character by character ("慈 溪 市 教 育 局") is one name.
        match = _AGENCY_LINE.fullmatch(tokens[0])
        if match and all(_AGENCY_LINE.fullmatch(token) for token in tokens):
            return match["name"]
    match = _AGENCY_LINE.fullmatch("".join(tokens))
    return match["name"] if match else None


def date_line(line: str, index: int = -1) -> DateLine | None:
    """The date of a line that is only a date (perhaps with the agency before it or 印发 after it)."""
    stripped = line.strip()
    if _LOST_DATE_LINE.fullmatch(stripped):
        return DateLine(index, read_lost_date(stripped), printed=False, before="")
    match = _DATE_LINE.fullmatch(stripped)
    if match is None:
        if _DATE_REMAINS.fullmatch(stripped):
            return DateLine(index, read_damaged_date(stripped), printed=False, before="")
        return None
    before, after = match["before"].strip(), match["after"].strip()
    printed = bool(after) and bool(_DATE_AFTER_PRINT.fullmatch(after))
    if after and not printed and not _DATE_AFTER_SIGNATURE.fullmatch(after) and not _FIELD_AFTER_DATE.match(after):
        return None
    if before and not agency_name(before) and not _OWN_DATE_LABEL.match(before + "："):
        return None
    reading = read_date(stripped)
    return DateLine(index, reading, printed=printed, before=before) if reading else None


def is_closing_label(line: str) -> bool:
    """Whether a line is a field of the closing block (抄送：…, 联系人：…), which may wrap onto the next line."""
    return bool(_CLOSING_LABEL.match(line))


def is_closing_line(line: str) -> bool:
    """Whether a line belongs to a letter's closing block rather than its body."""
    return bool(
        date_line(line)
        or agency_name(line)
        or _CLOSING_LABEL.match(line)
        or (len(line) <= 80 and _CONTACT_FIELD.search(line))
        or _CLOSING_NOTE.search(line)
        or _OWN_DATE_LABEL.match(line)
        or read_disclosure(line)
        or read_result(line, alone_allowed=True)
        or (len(line) <= 30 and find_doc_number(line))
    )


def find_date_lines(lines: list[str]) -> list[DateLine]:
    """Every date line among the lines, in order."""
    return [found for index, line in enumerate(lines) if (found := date_line(line, index))]


def labelled_date(lines: list[str], *, bare_label: bool = True) -> DateReading | None:
    """A date given by its label, as "成文日期：2024-06-28" at the top of a letter.

    A bare "日期：" is the letter's only where bare_label allows it (below the signature);
    above the letter it is how web pages label their publication date.
    """
    for line in lines:
        if _OWN_DATE_LABEL.match(line) and (bare_label or not _BARE_DATE_LABEL.match(line)):
            reading = read_date(line)
            if reading:
                return reading
    return None


def find_signature_agency(lines: list[str], dates: list[DateLine]) -> str | None:
    """The agency that signs: on the signature date's line or just above it, else alone in the block.

    Agencies that sign together stand one above the other; the first of them leads (a joint reply).
    """
    printers = set()
    for found in dates:
        if found.printed:
            # The office above a print record, within two lines, is the printer.
            printers.update(range(max(found.index - 2, 0), found.index + 1))
    for found in dates:
        if found.printed:
            continue
        if found.before and agency_name(found.before):
            return agency_name(found.before)
        for index in range(found.index - 1, max(found.index - 3, -1), -1):
            name = agency_name(lines[index])
            if name and index not in printers:
                while index > 0 and index - 1 not in printers and agency_name(lines[index - 1]):
                    index -= 1
                return agency_name(lines[index])
    for index, line in enumerate(lines):
        name = agency_name(line)
        if name and index not in printers:
            return name
    return None


def find_signer(lines: list[str]) -> str | None:
    """The 签发人 named in the lines, spaces inside the name removed."""
    for line in lines:
        match = _SIGNER.search(line)
        if match:
            return re.sub(r"\s+", "", match["name"])
    return None


def find_contact(lines: list[str]) -> tuple[str | None, str | None]:
    """The contact person and phone; the phone may stand on the next line ("联系电话：…")."""
    for index, line in enumerate(lines):
        match = _CONTACT.search(line)
        if match is None:
            continue
        phone = _PHONE.search(line, match.end())
        if phone is None:
            for following in lines[index + 1 : index + 3]:
                if _PHONE_LABEL.search(following):
                    phone = _PHONE.search(following)
                    if phone:
                        break
        return re.sub(r"\s+", "", match["name"]), (_phone_number(phone.group(0)) if phone else None)
    for line in lines:
        if _PHONE_LABEL.match(line.strip("（( ")):
            phone = _PHONE.search(line)
            if phone:
                return None, _phone_number(phone.group(0))
    return None, None


def _phone_number(written: str) -> str:
    """A phone number with the dash after its area code half-width (0551－68836025 → 0551-68836025)."""
    return re.sub(r"\s*[－—–]\s*", "-", written.strip())


def find_cc(lines: list[str]) -> list[str]:
    """The 抄送 list, each recipient once, without copy counts and final punctuation."""
    for index, line in enumerate(lines):
        match = _CC.match(line)
        if match is None:
            continue
        text = match["rest"]
        # A long list wraps onto the next line when the line ends in the middle of the list.
        following = index + 1
        while text.rstrip().endswith(("，", ",", "、", "；", ";")) and following < len(lines):
            text += lines[following]
            following += 1
        text = _COPY_COUNT.sub("", text)
        names = []
        for part in _CC_SPLIT.split(text):
            part = part.strip().rstrip("。.；;，,")
            if part and part not in names:
                names.append(part)
        return names
    return []
