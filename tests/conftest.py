"""Fixtures shared by the whole suite: an isolated media dir, ``make_reply``, a temporary search index."""

import itertools
from pathlib import Path

import pytest

from archive.parsing import ParsedReply, ParsedSection

# The five real seed letters and their expected.json, kept in the repository.
SEED_LETTERS = Path(__file__).resolve().parents[1] / "fixtures" / "seed_letters"
_unique = itertools.count(1)


def _django_configured() -> bool:
    # The parser and place tests are pure Python: ``pytest -p no:django tests/parsing tests/places`` runs them.
    from django.conf import settings

    return settings.configured


@pytest.fixture(scope="session", autouse=True)
def _test_cache(tmp_path_factory):
    # The cache in a folder of this run's own: the default one, var/cache, is the development server's, and
    # another test run's. Once for the session, before any other fixture changes a setting: opening diskcache's
    # eight files costs a tenth of a second.
    if not _django_configured():
        yield
        return
    from django.test import override_settings

    cache = {"BACKEND": "config.cache.SharedDiskCache", "LOCATION": str(tmp_path_factory.mktemp("cache"))}
    with override_settings(CACHES={"default": cache}):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The rate limits count in the cache: every test starts with a clean count.
    if _django_configured():
        from django.core.cache import cache

        cache.clear()


@pytest.fixture(autouse=True)
def _isolated_files(request, tmp_path):
    # Uploaded originals go to a temporary folder, and static files need no collectstatic run.
    if not _django_configured():
        return
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = tmp_path / "originals"
    static_files = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": static_files}
    # A test machine busy with other work must not cut a search short (0.3 s in production); the tests of the
    # budget itself set theirs (tests/search/test_hostile_queries.py).
    settings.SEARCH_TIME_BUDGET_SECONDS = 5


@pytest.fixture
def make_reply(db):
    """Save a reply through the one writer, defaulting whatever the test does not care about."""
    from archive.ingest import save_parsed_reply

    def make(*, title="关于加强中小学心理健康教育的建议", agency="慈溪市教育局", proposers=("朱蓉",), role="代表",
             session="市十七届人大一次会议", number=None, date="2024-06-28", disclosure=None, result_class=None,
             sections=(), body_text=None, publish=True, **fields):
        n = next(_unique)
        body_text = body_text or f"{proposers[0]}{role}：\n您提出的《{title}》收悉。现答复如下：\n（第{n}件测试答复）"
        parsed = ParsedReply(
            proposer_names=list(proposers), proposer_role=role, body="人大" if role == "代表" else "政协",
            proposal_number=number or str(n), session=session, proposal_title=title, agency=agency, date=date,
            disclosure=disclosure, result_class=result_class,
            sections=[ParsedSection(level=level, number=num, title=t, text=f"{num}、{t}\n{t}的具体内容。")
                      for level, num, t in sections],
            body_text=body_text, **fields,
        )
        return save_parsed_reply(parsed, raw_text=body_text, publish=publish)

    return make


@pytest.fixture
def seed_replies(db):
    from django.core.management import call_command

    call_command("loaddata", "seed_replies", verbosity=0)


@pytest.fixture
def search_index(settings, tmp_path):
    """An empty Whoosh index in a temporary folder; the queue drains in-process on commit."""
    from haystack import connections

    settings.HAYSTACK_CONNECTIONS = {
        "default": {"ENGINE": "search.backend.ChineseWhooshEngine", "PATH": str(tmp_path / "search" / "index")}
    }
    settings.SEARCH_DRAIN_ON_COMMIT = True
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.reload("default")
    yield tmp_path / "search" / "index"
    connections.reload("default")


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Use as ``with indexed(): make_reply(...)``: the replies are searchable when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


CLERK_PASSWORD = "clerk-pass-2024"


@pytest.fixture
def clerk(db):
    """A staff account in the clerks' group, as `make run` sets it up."""
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from archive.management.commands.create_clerk_group import CLERK_GROUP

    call_command("create_clerk_group", verbosity=0)
    user = User.objects.create_user("clerk", password=CLERK_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=CLERK_GROUP))
    return user
