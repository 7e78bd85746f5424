"""A generated corpus of reply letters for the benchmarks and the load test, deterministic from a seed.

``generate(n)`` writes n published replies straight into the database through the one writer;
``letter_text`` gives the same kind of letter as text a clerk would upload, for the parser.
"""

import random
import time

CITIES = ["慈溪", "信阳", "资阳", "长春", "广州", "成都", "杭州", "郑州", "南宁", "昆明", "西安", "太原"]
OFFICES = ["教育局", "教育和体育局", "卫生健康委员会", "交通运输局", "民政局", "人力资源和社会保障局", "住房和城乡建设局",
           "农业农村局", "生态环境局", "公安局", "财政局", "文化广电旅游局"]
TOPICS = ["学生心理健康", "心理辅导室建设", "双减政策落实", "课后服务", "校外培训治理", "乡村教师待遇", "交通拥堵治理",
          "停车难", "医疗保障", "社区养老", "垃圾分类", "乡村振兴", "五育并举", "家校社协同育人", "食品安全"]
SENTENCES = ["我们高度重视您提出的建议，认真研究并积极推进相关工作。", "近年来，全市持续加大投入，不断完善{t}工作机制。",
             "一是强化组织领导，将{t}纳入年度重点工作。", "二是加强部门协同，建立联席会议制度，定期研究解决{t}中的突出问题。",
             "三是加大经费保障力度，统筹各类资金支持{t}。", "下一步，我们将继续深化{t}，加强督导检查，确保各项措施落地见效。",
             "感谢您对{t}工作的关心和支持，欢迎继续提出宝贵意见。", "截至目前，全市已建成相关设施{n}处，覆盖学生{n}万人。"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["大成", "海朋", "蓉", "海光", "晶晶", "强", "娜", "建国", "丽", "伟", "敏", "静", "磊", "洋", "艳"]


def letter(rng: random.Random) -> tuple[dict, str]:
    topic = rng.choice(TOPICS)
    city = rng.choice(CITIES)
    sections = []
    for number in "一二三四五"[: rng.randint(3, 5)]:
        body = "".join(rng.choice(SENTENCES).format(t=rng.choice([topic, rng.choice(TOPICS)]), n=rng.randint(10, 900))
                       for _ in range(rng.randint(12, 22)))
        sections.append((1, number, f"{rng.choice(['强化', '完善', '推进', '加强'])}{rng.choice(TOPICS)}", body))
    fields = dict(
        title=f"关于{rng.choice(['加强', '推进', '完善'])}{topic}的建议", agency=f"{city}市{rng.choice(OFFICES)}",
        proposers=tuple({rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(rng.randint(1, 3))}),
        role=rng.choice(["代表", "委员"]), session=rng.choice(["市十七届人大一次会议", "市政协五届四次会议", "市五届人大三次会议"]),
        number=f"{rng.randint(1, 400):04d}", date=f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        result_class=rng.choice("ABCD"),
    )
    return fields, sections


def _body(fields, sections, serial: int) -> str:
    body = "\n".join(f"{num}、{title}\n{text}" for _, num, title, text in sections)
    return f"{fields['proposers'][0]}{fields['role']}：\n您提出的《{fields['title']}》收悉，现答复如下：\n{body}\n（{serial}）"


def letter_text(rng: random.Random, serial: int) -> str:
    """A whole letter as uploaded: salutation, numbered sections, signature and date."""
    fields, sections = letter(rng)
    year, month, day = fields["date"].split("-")
    return f"{_body(fields, sections, serial)}\n{fields['agency']}\n{int(year)}年{int(month)}月{int(day)}日\n"


def generate(n: int, seed: int = 2024) -> tuple[float, int]:
    """Save n published replies in one transaction; returns (seconds, characters per letter)."""
    from django.db import transaction

    from archive.ingest import save_parsed_reply
    from archive.parsing import ParsedReply, ParsedSection

    rng = random.Random(seed)
    started = time.perf_counter()
    characters = 0
    with transaction.atomic():
        for i in range(n):
            fields, sections = letter(rng)
            body = _body(fields, sections, i)
            characters += len(body)
            parsed = ParsedReply(
                proposer_names=list(fields["proposers"]), proposer_role=fields["role"],
                body="人大" if fields["role"] == "代表" else "政协", proposal_number=fields["number"],
                session=fields["session"], proposal_title=fields["title"], agency=fields["agency"], date=fields["date"],
                result_class=fields["result_class"], disclosure="主动公开",
                sections=[ParsedSection(level=lvl, number=num, title=title, text=text) for lvl, num, title, text in sections],
                body_text=body,
            )
            save_parsed_reply(parsed, raw_text=body, publish=True)
    return time.perf_counter() - started, characters // max(n, 1)
