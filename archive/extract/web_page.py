"""Web pages saved from government sites (.html, .htm): the letter without the site around it.

The article container of the CMS, the 政务公开 metadata table and the letter's title above it; menus,
footers, scripts and forms left out; text laid out as a browser shows it. Budgets: tags and nesting.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from archive.extract.budgets import ExtractError
from archive.extract.decoding import declared_charset, decode

_HTML_NOISE = "script style noscript template iframe object embed svg select button head".split()
_CHROME_TAGS = {"nav", "header", "footer"}
# Class and id words of site chrome; "bottom" and "top" only as a whole name, since
# "content-bottom" may still hold the signature.
_CHROME_PARTS = {"nav", "navbar", "menu", "footer", "copyright", "breadcrumb", "crumb", "crumbs", "sidebar", "share"}
_CHROME_NAMES = {"bottom", "foot", "top", "head", "header"}
# Body containers of the CMSes behind Chinese government sites (TRS WCM, 政务公开 templates …).
_ARTICLE_NAMES = re.compile(
    r"zoom|content|article|trs_editor|custom_unionstyle|xxgk|view|detail|main-?text|zhengwen", re.I
)
# The 政务公开 metadata table; the parser reads 成文日期 and 发文字号 from it.
_METADATA_LABELS = ("成文日期", "发文字号", "索引号")
# Titles of this genre; a site's logo in <h1> has none of these words.
_TITLE_WORDS = re.compile(r"答复|函|建议|提案|议案")
_HAN = re.compile(r"[\u3400-\u9fff]")
_PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCK_TAGS = set(
    "address article aside blockquote body caption center dd div dl dt figcaption figure footer form header hr"
    " html li main nav ol pre section table tbody tfoot thead ul".split()
)
# Placeholders stand for layout until whitespace has been collapsed: the two spaces
# between table cells, and the edges of blocks and paragraphs, which merge when they meet.
# Unicode noncharacters, not private-use ones: sites map their self-made characters (造字) to U+E000….
_CELL_GAP, _BLOCK_BREAK, _PARAGRAPH_BREAK = "\ufdd0", "\ufdd1", "\ufdd2"
_BREAKS = re.compile(r"[^\S\n]*(?:[\n\ufdd1\ufdd2][^\S\n]*)+")


# A government page has a few thousand elements, nested a few dozen deep. Every element costs
# BeautifulSoup about a kilobyte, and the renderer below recurses once per level.
HTML_MAX_TAGS = 100_000
HTML_MAX_DEPTH = 200
_HTML_TOO_BIG = (
    f"网页的标签超过 {HTML_MAX_TAGS // 10000} 万个，不像一封答复函，为安全起见不予处理。请只上传答复函本身。"
)
_HTML_TOO_DEEP = (
    f"网页的标签嵌套超过 {HTML_MAX_DEPTH} 层，无法读取，为安全起见不予处理。请把答复函另存为 Word 或文本文件后再上传。"
)


def read(data: bytes) -> str:
    if data.count(b"<") > HTML_MAX_TAGS:  # before parsing: an upper bound on the elements
        raise ExtractError(_HTML_TOO_BIG)
    soup = BeautifulSoup(decode(data, declared=declared_charset(data)), "lxml")
    if _depth(soup) > HTML_MAX_DEPTH:
        raise ExtractError(_HTML_TOO_DEEP)
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_HTML_NOISE):
        if not tag.decomposed:
            tag.decompose()
    for form in soup.find_all("form"):
        # ASP.NET sites wrap the whole page in one <form>: only a small form is a search box.
        if form.decomposed:
            continue
        if _han_count(form) >= 200:
            form.unwrap()
        else:
            form.decompose()
    for tag in soup.find_all(_is_chrome):
        if not tag.decomposed and _own_han_count(tag) < 200 and not _has_metadata(tag):
            tag.decompose()
    body = soup.body or soup
    root = _article(body)
    text = _render(root)
    if root is not body:
        text = "\n\n".join(_context_above(soup, root, page_title, text) + [text])
    if not text.strip():
        raise ExtractError("网页里没有找到文字。")
    return text


def _depth(root: Tag) -> int:
    """How deep elements nest below ``root``, counted without recursion."""
    deepest, stack = 0, [(root, 0)]
    while stack:
        tag, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in tag.contents if isinstance(child, Tag))
    return deepest



def _is_chrome(tag: Tag) -> bool:
    if tag.name in _CHROME_TAGS:
        return True
    names = [name.lower() for name in tag.get_attribute_list("class") + tag.get_attribute_list("id") if name]
    return any(name in _CHROME_NAMES or _CHROME_PARTS.intersection(re.split(r"[-_]", name)) for name in names)


def _han_count(tag: Tag) -> int:
    return len(_HAN.findall(tag.get_text()))


def _own_han_count(tag: Tag) -> int:
    """Chinese characters outside links: link lists are menus, related articles, 上一篇/下一篇."""
    return _han_count(tag) - sum(_han_count(link) for link in tag.find_all("a"))


def _has_metadata(tag: Tag) -> bool:
    text = tag.get_text()
    return any(label in text for label in _METADATA_LABELS)


def _article(body: Tag) -> Tag:
    """The CMS container holding the most Chinese text outside links, else the whole body."""
    candidates = [
        tag
        for tag in body.find_all(True)
        if _ARTICLE_NAMES.search(" ".join(filter(None, tag.get_attribute_list("class") + tag.get_attribute_list("id"))))
    ]
    if not candidates:
        return body
    best = max(candidates, key=lambda tag: (_own_han_count(tag), len(list(tag.parents))))
    # A small "content" box beside a letter that sits in no named container is not the article.
    return best if _own_han_count(best) >= _own_han_count(body) / 2 else body


def _context_above(soup: BeautifulSoup, root: Tag, page_title: str, text: str) -> list[str]:
    """The metadata table and the letter's title when the article container leaves them out."""
    context: list[str] = []
    tables = [
        tag
        for tag in soup.find_all(["table", "ul", "dl", "div"])
        if _has_metadata(tag) and root not in tag.parents and tag not in root.parents and len(tag.get_text()) < 1500
    ]
    if tables:
        best = max(
            tables, key=lambda tag: (sum(label in tag.get_text() for label in _METADATA_LABELS), -len(tag.get_text()))
        )
        context.append(_render(best))
    heading = root.find_previous("h1")
    title = heading.get_text(" ", strip=True) if heading is not None and _TITLE_WORDS.search(heading.get_text()) else ""
    if not title:
        # "<letter title>_<site name>": keep the part that names a letter.
        parts = [part.strip() for part in re.split(r"[_|｜]|\s[-—－]+\s|——", page_title)]
        title = max((part for part in parts if _TITLE_WORDS.search(part)), key=len, default="")
    seen = re.sub(r"\s", "", "".join(context) + text)
    if title and re.sub(r"\s", "", title) not in seen:
        context.append(title)
    return context


def _render(root: Tag) -> str:
    parts: list[str] = []
    _render_into(root, parts)
    text = _BREAKS.sub(_line_break, "".join(parts))
    lines = (re.sub(r"\s+", " ", line).strip(" " + _CELL_GAP) for line in text.split("\n"))
    return "\n".join(re.sub(f" ?{_CELL_GAP}+ ?", "  ", line) for line in lines)


def _line_break(run: re.Match[str]) -> str:
    # Nested blocks give one line break, as in a browser; a <p> or two <br> in a row give a blank line.
    return "\n\n" if _PARAGRAPH_BREAK in run[0] or run[0].count("\n") > 1 else "\n"


def _render_into(node: Tag, parts: list[str]) -> None:
    """Text as a browser lays it out: blocks on their own lines, paragraphs apart, rows on one line."""
    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):  # comments, doctype, CDATA
                parts.append(re.sub(r"[ \t\r\n\f]+", " ", str(child)))
        elif child.name == "br":
            parts.append("\n")
        elif child.name == "tr":
            parts.append(f"{_BLOCK_BREAK}{_render_row(child)}{_BLOCK_BREAK}")
        elif child.name in _PARAGRAPH_TAGS:
            parts.append(_PARAGRAPH_BREAK)
            _render_into(child, parts)
            parts.append(_PARAGRAPH_BREAK)
        elif child.name in _BLOCK_TAGS:
            parts.append(_BLOCK_BREAK)
            _render_into(child, parts)
            parts.append(_BLOCK_BREAK)
        else:
            _render_into(child, parts)


def _render_row(row: Tag) -> str:
    cells = [
        text for text in (_render(cell).strip("\n") for cell in row.find_all(["td", "th"], recursive=False)) if text
    ]
    if all("\n" not in text for text in cells):
        return _CELL_GAP.join(cells)
    # A layout table with the whole article in one cell: keep the cell's lines and paragraphs.
    return "\n\n".join(cells)
