"""A generated corpus of reply letters for the benchmarks and the load test, deterministic from a seed.

``make_letter(rng, serial)`` builds one letter the way agencies write them: heading with result
class and document number, salutation (one deputy, several, or a party's committee), the thanks
and 现答复如下, numbered sections with (一)(二) subsections of 一是…二是… paragraphs, the
difficulties, 下一步, thanks, signature, date and contact. Its text is what a clerk uploads; its
``parsed`` is what the parser should read from that text. Letters average about 5,400 characters
(the seeds run from 1,900 to 6,600), across ten policy fields, 27 cities, two bodies, 2016–2025.

``generate(n)`` writes n published replies straight into the database through the one writer, the
letters and their keywords made in BENCH_PROCESSES (default 2) other processes.
"""

import hashlib
import math
import os
import random
import shutil
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from benchmarks.vocabulary import DIFFICULTY, FIELDS, GIVEN, GROUPS, ORDINALS, PLACES, PLAN, REPORT, SURNAMES

CITIES = [(province, city) for province, cities in PLACES.items() for city in cities]
OFFICES = sorted({office for field in FIELDS for office in field["offices"]})
THEMES = [theme for field in FIELDS for theme in field["themes"]]
VERBS = ["加强", "推进", "完善", "进一步做好", "加快", "优化", "支持"]
SUBSECTION_HEADS = ["强化组织领导，坚持高位推动", "加强队伍建设，提升服务能力", "加大投入力度，完善设施条件",
                    "注重部门协同，形成工作合力", "创新工作方式，提升治理效能", "聚焦重点难点，推动问题解决",
                    "健全制度机制，巩固工作成果"]
TARGET_CHARACTERS = 5_400


def _cn(number: int) -> str:
    """1–99 in Chinese numerals, as session names write them (十七, 二十一)."""
    tens, ones = divmod(number, 10)
    return (f"{ORDINALS[tens - 1] if tens > 1 else ''}十" if tens else "") + (ORDINALS[ones - 1] if ones else "")


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


@dataclass
class Letter:
    text: str  # the whole letter as a clerk uploads it
    parsed: "object"  # archive.parsing.ParsedReply: what the parser should read from ``text``


class _Words:
    """Fills the genre's sentence templates with one field's vocabulary."""

    def __init__(self, rng: random.Random, field: dict, places: list[str], year: int):
        self.rng, self.field, self.places, self.year = rng, field, places, year

    def fill(self, template: str, thing: str | None = None) -> str:
        rng, field = self.rng, self.field
        return template.format(
            thing=thing or rng.choice(field["things"]), thing2=rng.choice(field["things"]),
            people=rng.choice(field["people"]), measure=rng.choice(field["measures"]),
            difficulty=rng.choice(field["difficulties"]),
            partner=rng.choice(field["partners"]), place=rng.choice(self.places), year=self.year - rng.randint(0, 3),
            later=self.year + rng.randint(1, 3), month=rng.randint(1, 12), amount=rng.randint(50, 9_000),
            count=rng.randint(3, 300), count2=rng.randint(10, 9_000), percent=rng.randint(60, 99),
        )

    def paragraph(self, templates: list[str], sentences: int, thing: str | None = None) -> str:
        return "".join(self.fill(self.rng.choice(templates), thing) for _ in range(sentences))


def _session(rng: random.Random, body: str, year: int, level: str) -> str:
    # Five-year terms from 2012, 2017 and 2022 (人大 15–17, 政协 9–11); the 1st meeting falls in the term's first year.
    term_start = 2012 if year < 2017 else 2017 if year < 2022 else 2022
    term = (15 if body == "人大" else 9) + (term_start - 2012) // 5
    meeting = min(5, year - term_start + 1)
    if body == "人大":
        return f"{level}{_cn(term)}届人大{_cn(meeting)}次会议"
    return f"{level}政协{_cn(term)}届{_cn(meeting)}次会议"


def _sections(words: _Words, theme: str, scale: float) -> list[tuple[int, str, str, str]]:
    """(level, number, title, text) of the answer: what was done, the difficulties, next steps."""
    rng = words.rng
    sections: list[tuple[int, str, str, str]] = []

    def with_subsections(title: str, templates: list[str], count: int) -> None:
        sections.append((1, ORDINALS[len([s for s in sections if s[0] == 1])], title, ""))
        for i, head in enumerate(rng.sample(SUBSECTION_HEADS, count)):
            thing = rng.choice(words.field["things"])
            points = [f"{ORDINALS[j]}是{rng.choice(words.field['measures'])}。"
                      + words.paragraph(templates, max(1, round(rng.randint(5, 8) * scale)), thing)
                      for j in range(rng.randint(2, 4))]
            sections.append((2, ORDINALS[i], head, "\n".join(points)))

    with_subsections("工作开展情况", REPORT, rng.randint(2, 4))
    sections.append((1, ORDINALS[1], "存在的困难和问题", words.paragraph(DIFFICULTY, rng.randint(3, 6), theme)))
    with_subsections("下一步工作打算", PLAN, rng.randint(1, 3))
    return sections


def _section_text(level: int, number: str, title: str, text: str) -> str:
    heading = f"{number}、{title}" if level == 1 else f"（{number}）{title}"
    return f"{heading}\n{text}" if text else heading


def make_letter(rng: random.Random, serial: int) -> Letter:
    """One reply letter: its uploadable text and what the parser should read from it."""
    from archive.parsing import ParsedReply, ParsedSection

    field = rng.choice(FIELDS)
    province, city = rng.choice(CITIES)
    districts = PLACES[province][city]
    district = rng.choice(districts) if districts and rng.random() < 0.35 else ""
    level = "区" if district.endswith("区") else "县" if district.endswith("县") else "市"
    agency = f"{city}{district}{rng.choice(field['offices'])}"
    year = rng.randint(2016, 2025)
    body = rng.choice(["人大", "政协"])
    kind = "建议" if body == "人大" else "提案"
    session = _session(rng, body, year, level)
    number = f"{rng.randint(1, 450):04d}" if body == "政协" else str(rng.randint(1, 600))
    theme = rng.choice(field["themes"])
    title = f"关于{rng.choice(VERBS)}{theme}的{kind}"
    role = "代表" if body == "人大" else "委员"
    if body == "政协" and rng.random() < 0.12:
        proposers, role_value, salutation = [rng.choice(GROUPS)], None, None
    else:
        signers = 1 if rng.random() < 0.75 else rng.randint(2, 4)
        proposers = list(dict.fromkeys(person_name(rng) for _ in range(signers)))
        role_value, salutation = role, f"{'、'.join(proposers)}{role}："
    salutation = salutation or f"{proposers[0]}："
    result_class = rng.choice("AAABBBCCD")
    month, day = rng.randint(4, 9), rng.randint(1, 28)
    words = _Words(rng, field, districts or [city], year)
    # Scale the paragraphs so letters average TARGET_CHARACTERS, some half and some twice as long.
    sections = _sections(words, theme, scale=rng.lognormvariate(0, 0.35))
    contact = person_name(rng)
    phone = f"{rng.randint(2_000_000, 8_999_999)}"
    opening = (f"您提出的《{title}》收悉。{words.fill(rng.choice(REPORT), theme)}"
               f"我们高度重视，认真研究办理，现答复如下：")
    closing = "再次感谢您对我们工作的关心和支持，欢迎继续提出宝贵意见。"
    body_text = "\n".join([salutation, opening, *(_section_text(*section) for section in sections), closing])
    date_text = f"{year}年{month}月{day}日"
    # The serial as the document number's own number: every letter is unique and can be traced back.
    doc_number = f"{city[0]}{agency[len(city) + len(district)]}{'建' if body == '人大' else '提'}〔{year}〕{serial}号"
    text = "\n".join([
        f"{agency}对{session}第{number}号{kind}的答复", f"{doc_number}", f"办理结果：{result_class}",
        "公开方式：主动公开", "",
        body_text, "", agency, date_text, f"（联系人：{contact}，联系电话：{phone}）", "",
    ])
    parsed = ParsedReply(
        proposer_names=proposers, proposer_role=role_value, body=body, proposal_number=number,
        proposal_kind=kind if role_value else "党派提案",
        session=session, proposal_title=title, agency=agency, date=f"{year}-{month:02d}-{day:02d}",
        doc_number=doc_number, result_class=result_class, result_label=f"办理结果：{result_class}",
        disclosure="主动公开", contact_name=contact, contact_phone=phone,
        sections=[ParsedSection(level=lvl, number=num, title=t, text=_section_text(lvl, num, t, txt))
                  for lvl, num, t, txt in sections],
        body_text=body_text,
    )
    return Letter(text=text, parsed=parsed)


def letter_text(rng: random.Random, serial: int) -> str:
    """A whole letter as uploaded: heading, salutation, numbered sections, signature and date."""
    return make_letter(rng, serial).text


# Letters are made in chunks, each from its own RNG seeded with the seed and the chunk's number (a str seed is hashed
# with SHA-512, the same in every process): the corpus is the same whichever process makes which chunk, and however
# many there are.
CHUNK = 100
# At most this many letters a transaction. Each commit links the follow-ups of every agency it touched again, reading
# all of that agency's replies (commitments.followups): the fewer commits, the fewer such reads. 5,000 letters touch
# nearly all of the generator's 1,464 agencies, so larger transactions would save little but grow the WAL.
COMMIT_EVERY = 5_000


def make_chunk(seed: int, chunk: int, n: int) -> list[tuple[Letter, list[str]]]:
    """Letters ``chunk * CHUNK`` onwards (at most CHUNK, none from n on), each with its keywords."""
    from archive.text_analysis import extract_keywords

    rng = random.Random(f"{seed}:{chunk}")
    letters = [make_letter(rng, serial) for serial in range(chunk * CHUNK, min(n, (chunk + 1) * CHUNK))]
    return [(letter, extract_keywords(letter.parsed.proposal_title or "", letter.parsed.body_text))
            for letter in letters]


def _in_order(submit: Callable[[int], Future], chunks: Iterable[int], ahead: int) -> Iterator:
    """The chunks' results in order, at most ``ahead`` of them made or being made before the writer takes them:
    the writer is the slower side, and 100,000 finished letters would pile up in memory (GBs)."""
    pending: deque[Future] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _commit_sizes(chunks: int) -> list[int]:
    """Chunks per transaction: each as many as were saved before it (1, 1, 2, 4 …), up to COMMIT_EVERY letters.

    The planner's statistics are refreshed after each commit (``generate``): without them SQLite reads an agency's
    public replies by scanning every published one (85 ms at 10,000 replies, against 0.4 ms), which the follow-ups
    of every agency a commit touched do, and generating 100,000 would take hours. Doubling, the first commits come
    while the tables are small, and the statistics keep up with their shape.
    """
    sizes: list[int] = []
    while (done := sum(sizes)) < chunks:
        sizes.append(min(max(done, 1), COMMIT_EVERY // CHUNK, chunks - done))
    return sizes


def generate(n: int, seed: int = 2024) -> tuple[float, int, int]:
    """Save n published replies in serial order; returns (seconds, characters per letter, processes making letters).

    BENCH_PROCESSES processes (default 2) make the letters and their keywords, a few chunks ahead of this one,
    which saves them through the one writer, as an import does.
    """
    from django.db import transaction

    from archive.db_statistics import refresh_planner_statistics
    from archive.ingest import save_parsed_reply

    processes = int(os.environ.get("BENCH_PROCESSES", "2"))
    started = time.perf_counter()
    characters = 0
    count = math.ceil(n / CHUNK)
    with ProcessPoolExecutor(processes) as pool:
        chunks = _in_order(lambda chunk: pool.submit(make_chunk, seed, chunk, n), range(count), ahead=2 * processes)
        for size in _commit_sizes(count):
            with transaction.atomic():
                # The keywords come from the process that made the letter: extracting them is half of what saving
                # a letter costs, and there they run beside the writer.
                for letter, keywords in chain.from_iterable(islice(chunks, size)):
                    characters += len(letter.text)
                    save_parsed_reply(letter.parsed, raw_text=letter.text, publish=True, keywords=keywords)
            refresh_planner_statistics()
    return time.perf_counter() - started, characters // max(n, 1), processes


# What a generated database depends on: a change to any of these generates it afresh.
_CORPUS_SOURCES = ["benchmarks/corpus.py", "benchmarks/vocabulary.py", "archive/ingest.py", "archive/keywords.py",
                   "archive/migrations", "search/migrations", "archive/userdict.txt"]
CACHE_DIR = Path(__file__).resolve().parent / ".cache"


def _corpus_key(n: int, seed: int) -> str:
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"{n}:{seed}".encode())
    for source in _CORPUS_SOURCES:
        path = root / source
        for file in sorted(path.rglob("*.py") if path.is_dir() else [path]):
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def prepare_database(n: int, data_dir: Path, seed: int = 2024) -> str:
    """Put an n-reply SQLite archive in ``data_dir``, migrated and with its static files, ready to serve
    (not yet indexed); returns what was done.

    Generating 10,000 letters takes minutes, so the database is kept under benchmarks/.cache and
    copied when nothing it depends on has changed. Call before ``django.setup()``, with
    ARCHIVE_DATA_DIR pointing at ``data_dir``.
    """
    import django
    from django.core.management import call_command

    cached = CACHE_DIR / f"corpus-{n}-{_corpus_key(n, seed)}.sqlite3"
    target = data_dir / "archive.sqlite3"
    copied = cached.exists()
    if copied:
        shutil.copyfile(cached, target)
    django.setup()
    call_command("migrate", verbosity=0)  # the installed apps' migrations are not part of the cache key
    call_command("collectstatic", interactive=False, verbosity=0)  # gunicorn serves the manifest's files
    if copied:
        return f"copied from {cached.name}"
    from django.db import connection

    seconds, per_letter, processes = generate(n, seed)
    connection.close()
    CACHE_DIR.mkdir(exist_ok=True)
    for old in CACHE_DIR.glob(f"corpus-{n}-*.sqlite3"):
        old.unlink()
    with sqlite3.connect(target) as source, sqlite3.connect(cached) as copy:
        source.backup(copy)  # a consistent copy, WAL included
    rate = n / seconds
    return (f"generated in {seconds:.0f} s ({rate:.0f} letters/s straight to the database, made by {processes} "
            f"processes; {per_letter} characters each)")
