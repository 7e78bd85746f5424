"""Migration 0005 re-keys an archive made when every city's 市政协五届四次会议 was one session."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("archive", "0003_reply_published_newest_index")]
AFTER = [("archive", "0006_place_constraints")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def old_letter(agency, name, title):
    return f"{agency}关于市政协五届四次会议第0070号提案的答复\n{name}委员：\n您提出的《{title}》收悉。现答复如下：\n" \
           f"一、工作情况\n我局高度重视。\n{agency}\n2024年6月28日"


@pytest.fixture
def latest_schema_afterwards():
    """Going back to 0003 also unapplied every later migration, of this app and of the apps that build on it:
    the tests after this one need them all again."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_afterwards")
def test_the_migration_splits_sessions_proposals_and_people_that_held_several_cities(settings, tmp_path):
    settings.DATA_DIR = tmp_path  # the migration writes its report under the data dir
    apps = migrate(BEFORE)
    Session, Agency, Person = (apps.get_model("archive", name) for name in ("Session", "Agency", "Person"))
    Proposal, Proposer, Reply = (apps.get_model("archive", name) for name in ("Proposal", "Proposer", "Reply"))
    session = Session.objects.create(name="市政协五届四次会议", body="政协", region="市", term=5, meeting=4)
    proposal = Proposal.objects.create(session=session, body="政协", number="0070", number_normalized="70",
                                       title="关于资阳的建议")
    cities = [("资阳市教育和体育局", "罗大成", "关于资阳的建议"), ("眉山市教育局", "王强", "关于眉山的建议"),
              ("潍坊市教育局", "王强", "关于潍坊的建议")]
    wang = Person.objects.create(name="王强", role="委员")
    for position, (agency_name, name, title) in enumerate(cities):
        agency = Agency.objects.create(name=agency_name)
        person = wang if name == "王强" else Person.objects.create(name=name, role="委员")
        Proposer.objects.get_or_create(proposal=proposal, person=person, defaults={"position": position})
        Reply.objects.create(proposal=proposal, agency=agency, raw_text=old_letter(agency_name, name, title),
                             content_hash=str(position), status="published")

    apps = migrate(AFTER)
    Reply, Person = apps.get_model("archive", "Reply"), apps.get_model("archive", "Person")
    seen = {}
    for reply in Reply.objects.select_related("proposal__place", "proposal__session__place", "agency"):
        names = [link.person.name for link in reply.proposal.proposer_links.select_related("person")]
        seen[reply.agency.name] = (
            reply.proposal.place.name, reply.proposal.session.place.name, reply.proposal.title, names
        )
    assert seen == {
        "资阳市教育和体育局": ("资阳市", "资阳市", "关于资阳的建议", ["罗大成"]),
        "眉山市教育局": ("眉山市", "眉山市", "关于眉山的建议", ["王强"]),
        "潍坊市教育局": ("潍坊市", "潍坊市", "关于潍坊的建议", ["王强"]),
    }
    assert sorted(person.place.name for person in Person.objects.filter(name="王强")) == ["潍坊市", "眉山市"]
    (report,) = (tmp_path / "reports").iterdir()
    assert "拆分建议提案" in report.read_text("utf-8")


@pytest.mark.django_db
def test_re_keying_keeps_the_proposal_the_public_sees_when_a_drafts_shares_its_key(make_reply):
    from django.apps import apps as current_apps

    from archive.models import Proposal
    from archive.rekey import rekey

    draft = make_reply(title="草稿的标题", number="70", publish=False)
    public = make_reply(title="公开的标题", number="70")
    assert draft.proposal_id < public.proposal_id

    rekey(current_apps)

    public.refresh_from_db()
    assert public.proposal.title == "公开的标题"
    assert not Proposal.objects.filter(pk=draft.proposal_id).exists()
