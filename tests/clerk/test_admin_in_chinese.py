"""The admin a clerk (and whoever manages the clerks) works in reads in Chinese, the login throttling included.

Each page is read as a person sees it: its text and the attributes a screen shows or reads out
(title, placeholder, aria-label, alt, a button's value), not its markup, URLs, scripts or commands
(``<code>``). What people typed (a browser's name) is theirs, so the logins below come from a Chinese browser.
"""

import ast
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from archive.models import Reply
from tests.conftest import SEED_LETTERS
from tests.uploads.worker import upload_and_read

# English words of Django's, axes' and our own UI that a Chinese admin never shows.
ENGLISH_UI_WORDS = [
    "Save", "Delete", "Add", "Change", "Log in", "Log out", "Locked", "Account", "Search", "Filter", "History",
    "Home", "Welcome", "View site", "Password", "Username", "Access", "Attempt", "Attempts", "Failures",
    "Login", "Logout", "Select", "Action", "Go", "Clear", "Show", "Hide", "Today", "Yes", "No", "Unknown",
    "Required", "Upload", "Publish", "Draft", "Published", "Proposal", "Reply", "Replies", "Agency", "Session",
    "Person", "People", "Place", "Status", "Axes", "User Agent", "IP Address", "Path", "Data", "Time",
]
_ENGLISH = re.compile(r"(?<![A-Za-z])(" + "|".join(map(re.escape, ENGLISH_UI_WORDS)) + r")(?![A-Za-z])", re.I)
BROWSER = "360安全浏览器 15.3"
_NOT_SHOWN = {"script", "style", "code"}
_SHOWN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
# Data, not labels: a path (the login throttling's /admin/login/), a login form's fields as axes keeps them.
_DATA = re.compile(r"(?:https?:/)?/\S*|\b\w+=\*+")


class _ShownText(HTMLParser):
    """What a page shows and reads out: text outside scripts and styles, labels in attributes."""

    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in _NOT_SHOWN:
            self._hidden += 1
        attributes = dict(attrs)
        self.parts += [value for name, value in attrs if name in _SHOWN_ATTRIBUTES and value]
        if tag in ("input", "button") and attributes.get("type") in ("submit", "button", "reset"):
            self.parts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in _NOT_SHOWN:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def english_words(html: str) -> list[str]:
    reader = _ShownText()
    reader.feed(html)
    return sorted({match.group(0) for part in reader.parts for match in _ENGLISH.finditer(_DATA.sub(" ", part))})


def test_the_reader_finds_english_words_in_text_and_shown_attributes_only():
    html = ('<a href="/admin/add/" class="addlink" title="Add">增加</a><script>var Search;</script>'
            '<code>manage.py axes_reset</code><input type="submit" value="Save"><input name="Delete" value="删除">'
            'Log in 登录 /admin/login/ password=****')
    assert english_words(html) == ["Add", "Log in", "Save"]


@pytest.fixture
def archive_with_every_kind_of_reply(make_reply, search_index):
    make_reply(title="关于完善城区停车设施的建议", agency="眉山市住房和城乡建设局", proposers=("王强",),
               session="市政协五届四次会议", role="委员")
    make_reply(title="关于加强乡村教师队伍建设的建议", agency="潍坊市教育局", proposers=("李红", "张敏"),
               disclosure="依申请公开")
    return make_reply(title="关于规范校外培训机构的建议", agency="赣州市教育局", publish=False)


def clerk_pages(draft):
    published = Reply.objects.filter(status=Reply.Status.PUBLISHED).first()
    return [
        "/admin/",
        "/admin/archive/",
        "/admin/archive/reply/",
        "/admin/archive/reply/?status__exact=published&disclosure__exact=依申请公开",
        "/admin/archive/reply/?q=没有这个词",
        f"/admin/archive/reply/{draft.pk}/change/",
        f"/admin/archive/reply/{published.pk}/change/",
        f"/admin/archive/reply/{published.pk}/history/",
        "/admin/archive/reply/upload/",
        "/admin/uploads/",
        "/admin/archive/reply/add/",
        "/admin/archive/proposal/",
        f"/admin/archive/proposal/{draft.proposal_id}/change/",
        "/admin/archive/agency/",
        "/admin/archive/person/",
        "/admin/archive/session/",
        
        "/admin/password_change/",
    ]


def test_every_page_a_clerk_uses_is_in_chinese(clerk_client, archive_with_every_kind_of_reply):
    for url in clerk_pages(archive_with_every_kind_of_reply):
        response = clerk_client.get(url)
        assert response.status_code == 200, url
        assert english_words(response.content.decode()) == [], url


def test_the_upload_outcomes_are_in_chinese(clerk_client, search_index):
    letter = SimpleUploadedFile("zy.txt", (SEED_LETTERS / "001_d56d4c687b8b565e.txt").read_bytes())
    response = upload_and_read(clerk_client, letter, SimpleUploadedFile("empty.txt", b""))
    assert "待核对" in response.content.decode() and "未能读取" in response.content.decode()
    assert english_words(response.content.decode()) == []


def log_in(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password},
                       HTTP_USER_AGENT=BROWSER, HTTP_ACCEPT="text/html")


def test_the_login_and_locked_out_pages_are_in_chinese(client, clerk):
    assert english_words(client.get("/admin/login/").content.decode()) == []
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = log_in(client, "clerk", "wrong")

    assert locked.status_code == 429
    page = locked.content.decode()
    assert "登录已暂停" in page and "15 分钟后自动解除" in page
    assert "答复档案" in page  # the admin's own header, not Django's
    assert english_words(page) == []


def test_the_login_throttling_pages_of_the_admin_are_in_chinese(admin_user, clerk, client, settings):
    settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), "clerk", "wrong")
    log_in(client, admin_user.username, "password")
    attempt, failure, log = AccessAttempt.objects.get(), AccessFailureLog.objects.first(), AccessLog.objects.get()
    pages = ["/admin/", "/admin/axes/", "/admin/axes/accessattempt/", f"/admin/axes/accessattempt/{attempt.pk}/change/",
             "/admin/axes/accessfailurelog/", f"/admin/axes/accessfailurelog/{failure.pk}/change/",
             "/admin/axes/accesslog/", f"/admin/axes/accesslog/{log.pk}/change/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_words(response.content.decode()) == [], url


def po_translations(po: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file written one string a line, as ours are."""
    pairs = re.findall(r'^msgid (".*")\nmsgstr (".*")$', po.read_text("utf-8"), re.M)
    return {ast.literal_eval(msgid): ast.literal_eval(msgstr) for msgid, msgstr in pairs if msgid != '""'}


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogue_is_the_translations_as_written(domain):
    folder = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES"
    written = po_translations(folder / f"{domain}.po")
    with open(folder / f"{domain}.mo", "rb") as compiled:
        catalogue = {key: value for key, value in gettext.GNUTranslations(compiled)._catalog.items() if key}
    assert written and catalogue == written
