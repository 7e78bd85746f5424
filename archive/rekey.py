"""Re-key an archive made before places were part of identity (migration 0005), and say what changed.

Before, a session was keyed by the word for its place ("市"), so every city's 市政协五届四次会议
was one session, their 第70号 one proposal and every 王强委员 one person. This gives each agency,
proposal, session and person its place (read from the agency's name and the session's words, as
new letters are read), splits what holds several places, merges what is now one, and returns a
line per split or merge. Works on the migration's historical models (``apps``), so it keeps
working as the models change.
"""

from collections import defaultdict

from archive.identity import add_proposers, person_role
from archive.merging import move_links
from archive.parsing import parse_reply, read_session
from archive.places import Division, leading_places, read_place


class _Rekey:
    def __init__(self, apps):
        get = lambda name: apps.get_model("archive", name)  # noqa: E731
        self.Place, self.Agency, self.Session = get("Place"), get("Agency"), get("Session")
        self.Proposal, self.Person, self.Proposer, self.Reply = (
            get("Proposal"), get("Person"), get("Proposer"), get("Reply")
        )
        self.lines: list[str] = []
        self._places: dict[str, object] = {}

    def place(self, division: Division | None):
        if division is None:
            return None
        if division.code not in self._places:
            parent = self.place(division.parent)
            self._places[division.code], _ = self.Place.objects.get_or_create(
                code=division.code, defaults={"name": division.name, "level": division.level, "parent": parent}
            )
        return self._places[division.code]

    def reply_place(self, reply, session):
        region = read_session(session.name).region if session is not None else None
        agency = reply.agency.name if reply.agency_id else None
        return self.place(read_place(agency=agency, session_region=region).division)

    def run(self) -> list[str]:
        for agency in self.Agency.objects.all():
            own = leading_places(agency.name)
            if len(own) == 1:
                agency.place = self.place(own[0])
                agency.save(update_fields=["place"])
        for proposal in self.Proposal.objects.select_related("session").order_by("pk"):
            self.place_proposal(proposal)
        for session in self.Session.objects.order_by("pk"):
            self.place_session(session)
        for person in self.Person.objects.order_by("pk"):
            self.place_person(person)
        self.merge_sessions()
        self.merge_proposals()
        self.merge_people()
        orphans = self.Person.objects.filter(proposer_links=None)
        count = orphans.count()
        if count:
            self.lines.append(f"删除 {count} 位已无建议提案的提出人（其建议提案已按地区拆给同名的另一人）。")
            orphans.delete()
        drafts = self.Proposal.objects.exclude(replies__status="published")
        hidden = drafts.update(is_draft=True)
        if hidden:
            self.lines.append(f"{hidden} 件建议提案只有草稿答复，标为待发布（发布前不公开）。")
        return self.lines

    # ---- giving places, splitting what holds several ----------------------------------------

    def place_proposal(self, proposal) -> None:
        replies = list(self.Reply.objects.filter(proposal=proposal).select_related("agency").order_by("pk"))
        groups: dict[object, list] = defaultdict(list)
        for reply in replies:
            groups[self.reply_place(reply, proposal.session)].append(reply)
        places = list(groups) or [None]
        proposal.place = places[0]
        dated = [reply.date.year for reply in groups.get(places[0], []) if reply.date]
        proposal.year = (proposal.session.year if proposal.session_id else None) or (min(dated) if dated else None)
        proposal.save(update_fields=["place", "year"])
        if len(places) == 1:
            return
        names = {place: self.names_in(groups[place]) for place in places}
        self.keep_proposers(proposal, names[places[0]], others=[n for p in places[1:] for n in names[p]])
        for place in places[1:]:
            new = self.split_off(proposal, place, groups[place], names[place])
            self.lines.append(
                f"拆分建议提案 #{proposal.pk}《{proposal.title}》：{len(groups[place])} 件"
                f"{place.name if place else '地区未定'}的答复改属新建议提案 #{new.pk}《{new.title}》"
            )

    def names_in(self, replies) -> list[str]:
        names: list[str] = []
        for reply in replies:
            names += [name for name in parse_reply(reply.raw_text).proposer_names if name not in names]
        return names

    def keep_proposers(self, proposal, names: list[str], others: list[str]) -> None:
        # A name only another place's letters give was added by those letters: it leaves with them.
        for link in self.Proposer.objects.filter(proposal=proposal).select_related("person"):
            if link.person.name in others and link.person.name not in names:
                link.delete()

    def split_off(self, proposal, place, replies, names: list[str]):
        parsed = parse_reply(replies[0].raw_text)
        new = self.Proposal.objects.create(
            session=proposal.session, body=proposal.body, number=proposal.number,
            number_normalized=proposal.number_normalized, kind=proposal.kind,
            title=parsed.proposal_title or proposal.title, place=place, year=proposal.year,
        )
        roles = {
            link.person.name: link.person.role
            for link in self.Proposer.objects.filter(proposal=proposal).select_related("person")
        }
        for position, name in enumerate(names):
            person, _ = self.Person.objects.get_or_create(
                name=name, role=roles.get(name, person_role(parsed)), place=place
            )
            self.Proposer.objects.create(proposal=new, person=person, position=position)
        self.Reply.objects.filter(pk__in=[reply.pk for reply in replies]).update(proposal=new)
        return new

    def place_session(self, session) -> None:
        proposals = list(self.Proposal.objects.filter(session=session).order_by("pk"))
        places = list(dict.fromkeys(proposal.place for proposal in proposals)) or [None]
        session.place = places[0]
        session.save(update_fields=["place"])
        for place in places[1:]:
            new = self.Session.objects.create(
                name=session.name, body=session.body, region=session.region, term=session.term,
                meeting=session.meeting, year=session.year, place=place,
            )
            moved = self.Proposal.objects.filter(session=session, place=place).update(session=new)
            self.lines.append(
                f"拆分会议 #{session.pk}“{session.name}”：{moved} 件{place.name if place else '地区未定'}"
                f"的建议提案改属新会议 #{new.pk}"
            )

    def place_person(self, person) -> None:
        links = list(self.Proposer.objects.filter(person=person).select_related("proposal__place").order_by("pk"))
        places = list(dict.fromkeys(link.proposal.place for link in links)) or [None]
        person.place = places[0]
        person.save(update_fields=["place"])
        for place in places[1:]:
            new, _ = self.Person.objects.get_or_create(name=person.name, role=person.role, place=place)
            moved = self.Proposer.objects.filter(person=person, proposal__place=place).update(person=new)
            self.lines.append(
                f"拆分提出人 #{person.pk}“{person.name}”：{moved} 件{place.name if place else '地区未定'}"
                f"的建议提案改属 #{new.pk}"
            )

    # ---- merging what is now one ------------------------------------------------------------

    def merge_sessions(self) -> None:
        groups = defaultdict(list)
        for session in self.Session.objects.exclude(place=None).exclude(term=None).exclude(meeting=None).order_by("pk"):
            groups[(session.body, session.place_id, session.term, session.meeting)].append(session)
        for kept, *others in (group for group in groups.values() if len(group) > 1):
            for other in others:
                self.Proposal.objects.filter(session=other).update(session=kept)
                self.lines.append(
                    f"合并会议：#{other.pk}“{other.name}”并入 #{kept.pk}“{kept.name}”（同一地区的同一届次）"
                )
                other.delete()

    def merge_proposals(self) -> None:
        groups = defaultdict(list)
        published = set(self.Reply.objects.filter(status="published").values_list("proposal_id", flat=True))
        for proposal in self.Proposal.objects.exclude(session=None).exclude(number_normalized="").order_by("pk"):
            groups[(proposal.session_id, proposal.number_normalized)].append(proposal)
        for group in (group for group in groups.values() if len(group) > 1):
            # The one the public already sees keeps its title and address; a draft's joins it.
            kept, *others = sorted(group, key=lambda proposal: (proposal.pk not in published, proposal.pk))
            for other in others:
                add_proposers(kept, [link.person for link in other.proposer_links.order_by("position")])
                self.Reply.objects.filter(proposal=other).update(proposal=kept)
                self.lines.append(f"合并建议提案：#{other.pk}并入 #{kept.pk}《{kept.title}》（同一会议的同一编号）")
                other.delete()

    def merge_people(self) -> None:
        groups = defaultdict(list)
        for person in self.Person.objects.order_by("pk"):
            groups[(person.name, person.role, person.place_id)].append(person)
        for kept, *others in (group for group in groups.values() if len(group) > 1):
            for other in others:
                move_links(self.Proposer.objects.filter(person=other), kept)
                self.lines.append(f"合并提出人：#{other.pk}并入 #{kept.pk}“{kept.name}”")
                other.delete()


def rekey(apps) -> list[str]:
    """Give every record its place, split and merge by the new keys; a line per change, in Chinese."""
    return _Rekey(apps).run()
