"""Drop the web page around a letter copied from a government website.

In: the cleaned lines of a text and where the letter proper starts (its salutation), if known.
Out: the letter's lines without the page's navigation, metadata rows, buttons and footer, plus
the page's metadata table read as fields (成文日期, 发文字号, 公开方式 …): on government
information-disclosure pages that table describes the letter itself and may be the only place
its date is given. Nothing after the letter's start is dropped unless it is chrome for sure.
"""

import re
from dataclasses import dataclass, field

from .normalize import compact
from .vocabulary import MARKER_FIELDS, alternation


def _spaced(*words: str) -> str:
    """An alternation of words that tolerates the spaces of justified table cells ("标　　题", "索 引 号")."""
    return "|".join(r"\s*".join(word) for word in words)


# Keys of the metadata table of government information-disclosure pages, read as fields.
_META_KEY = _spaced(
    "索引号", "主题分类", "主题词", "发文机关", "发布机构", "成文日期", "发文日期", "发布日期", "发文字号", "有效性",
    "生效日期", "废止日期", "公开方式", "公开范围", "公开时限", "信息分类", "体裁分类", "组配分类", "服务对象",
    "所属机构", "信息来源", "标题", "文号", "发布单位", "文章来源", "来源",
)
# "key：value" pairs, several to a line.
# A value ends where the next key starts, known or not ("来源：韶关市卫生健康局　发布时间：…").
_META_PAIR = re.compile(
    rf"(?P<key>{_META_KEY})\s*[:：]\s*(?P<value>.*?)\s*(?=(?:{_META_KEY})\s*[:：]|\s[\u4e00-\u9fa5]{{2,6}}\s*[:：]|$)"
)
# A row of a table without colons (027's box drawing; HTML tables come out as cells two spaces
# apart): a key and its value separated only by the cell border, several pairs to a row.
_META_ROW = re.compile(rf"(?:^|(?<=\s))(?P<key>{_META_KEY})\s+(?P<value>[^:：]+?)(?=\s+(?:{_META_KEY})\s|$)")
# A key that only a web page's table has; a line holding one is chrome, whatever else it holds.
_WEB_ONLY_KEY = re.compile(
    r"(?:^|\s)(?:"
    + _spaced("索引号", "主题分类", "主题词", "发文机关", "发布机构", "成文日期", "发布日期", "发文字号", "有效性",
              "生效日期",
              "废止日期", "体裁分类", "组配分类", "服务对象", "信息分类", "所属机构", "公开时限", "公开范围")
    + r")\s*[:：]|^(?:" + _spaced("索引号", "发布机构", "成文日期", "发文字号", "主题分类", "发布日期") + r")(?:\s|$)"
)
# A key alone on its line, its value in the next row.
_META_KEY_ALONE = re.compile(rf"(?P<key>{_META_KEY})\s*[:：]?")

# Page furniture above a letter: breadcrumbs ("当前位置:首页 > …", seed 001), publishing data
# ("发布时间:2024-06-28 录入:…", seed 001), font-size and print buttons, share widgets.
_HEAD_CHROME = re.compile(
    r"^.{0,6}位置\s*[:：]|^所在栏目\s*[:：]"
    r"|^首页\s*[>＞»›/|｜]|[>＞»›]\s*[^>＞»›]{1,20}\s*[>＞»›]"
    r"|^[【\[]?\s*(?:发布时间|发布日期|发布机构|发布单位|发布者|发布人|信息来源|文章来源|稿件来源|来源|录入|录入人|作者|编辑"
    r"|责任编辑|浏览次数|点击数|点击量|阅读次数|阅读量|访问次数|浏览量|浏览|阅读|字号|字体|更新时间)\s*[:：]"
    r"|(?:^|\s|[【\[])(?:浏览次数|点击数|阅读次数|录入|来源|字号|发布时间)\s*[:：]"
    r"|^[【\[]?\s*(?:字号|字体)\s*[:：]?\s*(?:[大中小默认打印本页关闭窗口收藏分享\s【】\[\]])*$"
    r"|^(?:[【\[]?\s*(?:打印|打印本页|关闭|关闭窗口|收藏|分享|返回|返回顶部|默认|大|中|小)\s*[】\]]?\s*){1,8}$"
    r"|^分享到\s*[:：]?|^(?:政府信息公开|信息公开|政务公开|网站首页|首页|无障碍|无障碍阅读|繁體|繁体|简体|English|登录|注册|搜索)$"
)
# The unmistakable part of it, trusted to mark a page head where no salutation shows the letter's start.
_STRONG_HEAD_CHROME = re.compile(
    r"^.{0,6}位置\s*[:：]|^首页\s*[>＞»›]"
    r"|(?:^|\s)(?:发布时间|发布日期|浏览次数|点击数|阅读次数|访问次数|浏览量|字号)\s*[:：]"
)
# The page's footer below a letter: where it starts, everything after it goes (seed 001:
# "主办:资阳市人民政府 承办:…", the site's phone numbers, "蜀ICP备…", "网站标识码…"). Each pattern
# is one a letter's own words cannot match: a false match would cut the letter short.
_FOOT_CHROME = re.compile(
    r"ICP\s*备|ICP\s*证|公网安备|网站标识码|网站识别码|^版权所有|版权所有\s*[:：©]|Copyright|©|^技术支持\s*[:：]"
    r"|^(?:网站地图|联系我们|关于我们)\s*(?:$|[|｜])|[|｜]\s*(?:网站地图|联系我们)"
    r"|^(?:主办|主办单位)\s*[:：].*(?:承办|技术支持|ICP)"
    r"|^[【\[]?\s*(?:相关链接|相关文章|相关阅读|相关文件|相关新闻|相关信息|相关稿件|友情链接|上一篇|下一篇|上一条|下一条)"
    r"\s*(?:[:：】\]]|$)"
    r"|网站.{0,6}联系电话|联系电话.{0,6}网站"
    # A satisfaction survey under the letter: "您对该信息是否满意？ ○非常满意 ○满意 …【提交】".
    r"|^您对.{0,10}是否满意|[○◯]\s*(?:非常|比较)?满意|^(?:我要|网站)?(?:纠错|找错)|[【\[]\s*提交\s*[】\]]"
    # Content-management systems sign the page ("Produced By 大汉网络 大汉版通发布系统"); visitor counters.
    r"|Produced\s+By|版通发布系统|^您是第\s*\d+\s*位访问者",
    re.IGNORECASE,
)
# Footer lines that name the site's owner or address ("主办：柳州市人民政府办公室 地址：…",
# "承办单位：…"); they start the footer only when an unmistakable footer line follows soon,
# since a letter's own 主办单位/承办单位 lines are followed by none.
_FOOT_OWNER = re.compile(r"^(?:主办|主办单位|承办|承办单位|地址|通讯地址|联系电话)\s*[:：](?!.*联系人)")
# Buttons and widgets that can sit anywhere below a letter; only the line itself goes.
_LINE_CHROME = re.compile(
    r"^(?:[【\[]?\s*(?:打印|打印本页|打印此页|关闭|关闭窗口|收藏|分享|返回|返回顶部|返回列表|保存|下载)\s*[】\]]?\s*){1,6}$"
    r"|^分享到\s*[:：]?\s*(?:微信|微博|QQ|朋友圈|空间|$)|^(?:扫一扫|微信扫一扫|手机扫描|扫描二维码).{0,20}$"
    r"|^[【\[]?\s*(?:字号|字体)\s*[:：]?\s*[大中小\s【】\[\]]*$"
    # Font-size buttons drawn as letters: "A+ A A-", "【A】【A】【A】", "[ A+ ] [ A ] [ A- ]".
    r"|^(?:[【\[［(（]?\s*A\s*[+＋\-－]?\s*[】\]］)）]?\s*){2,}$"
)

# A line that reads as the letter's title: kept when the page shows it only once, above its metadata.
_TITLE_LIKE = re.compile(r"答复|复函|提案|建议|议案|办理|意见的函")
# A line of the letter's own heading that a page may show between its bars (a 字号 bar under the
# document number): signer, result and disclosure markers, a document number.
_LETTER_FIELD = re.compile(
    rf"签\s*发|(?:{alternation(MARKER_FIELDS)})\s*[:：]|^【[^】]{{1,6}}】$"
    r"|\d{4}\s*[〕\]］)）]\s*第?\s*\d+\s*号"
)


@dataclass
class Page:
    lines: list[str]  # the letter's lines
    meta: dict[str, str] = field(default_factory=dict)  # the page's metadata table: key → value


def _read_meta(lines: list[str], indexes: list[int]) -> tuple[dict[str, str], set[int]]:
    """The metadata table's fields, and the indexes of value rows read with their key."""
    meta: dict[str, str] = {}
    value_rows: set[int] = set()
    for index in indexes:
        line = lines[index]
        pairs = (
            list(_META_PAIR.finditer(line))
            or (list(_META_ROW.finditer(line)) if _META_ROW.match(line) else [])
            or ([alone] if (alone := _META_KEY_ALONE.fullmatch(line)) else [])
        )
        for match in pairs:
            key, value = compact(match["key"]), (match.groupdict().get("value") or "").strip()
            if not value and index + 1 < len(lines) and not _META_PAIR.search(lines[index + 1]):
                value = lines[index + 1].strip()  # a table cell with its value in the next row
                value_rows.add(index + 1)
            meta.setdefault(key, value)
    return meta, value_rows


def is_head_chrome(line: str) -> bool:
    """Whether a line above the letter is the web page's, not the letter's."""
    return bool(_HEAD_CHROME.search(line) or _WEB_ONLY_KEY.search(line) or _LINE_CHROME.search(line))


def drop_chrome(lines: list[str], letter_start: int | None) -> Page:
    """The letter's lines without the page around them; letter_start is the salutation's index."""
    if letter_start is None:
        # Without a salutation, the page's head can only be the lines up to its last chrome line.
        candidates = [
            i for i, line in enumerate(lines[:30]) if _STRONG_HEAD_CHROME.search(line) or _WEB_ONLY_KEY.search(line)
        ]
        letter_start = candidates[-1] + 1 if candidates else 0
    head, rest = lines[:letter_start], lines[letter_start:]

    chrome = [i for i, line in enumerate(head) if is_head_chrome(line)]
    meta, value_rows = _read_meta(head, chrome)
    chrome = sorted(set(chrome) | value_rows)
    if chrome:
        last = chrome[-1]
        # Above the last chrome line only the page's title can be the letter's, and only when the
        # letter has no title of its own below the page's header (seed 001 has: the page title goes).
        # A marker line such as "办理结果：A" holds 办理 but is no title (a page's 办理结果 under its bar).
        own_title = any(
            _TITLE_LIKE.search(line) and not _LETTER_FIELD.search(line) for line in head[last + 1 :]
        )
        kept = [
            line for i, line in enumerate(head[:last])
            if i not in chrome
            and ((not own_title and _TITLE_LIKE.search(line)) or (i > chrome[0] and _LETTER_FIELD.search(line)))
        ]
        head = kept + head[last + 1 :]

    body: list[str] = []
    for index, line in enumerate(rest):
        if body and _FOOT_CHROME.search(line):
            break
        footer_follows = any(_FOOT_CHROME.search(later) for later in rest[index + 1 : index + 5])
        if body and _FOOT_OWNER.search(line) and footer_follows:
            break
        if not _LINE_CHROME.search(line):
            body.append(line)
    return Page(lines=head + body, meta=meta)
