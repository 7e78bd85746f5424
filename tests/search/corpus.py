"""Seed-like replies for search tests: five letters modelled on fixtures/seed_letters, plus variants; and an index
of many generated letters for tests of how the index is read."""

import random

from whoosh.fields import ID, TEXT, Schema

from search.mapped_storage import MappedFileStorage

SEEDLIKE = [
    dict(title="关于加强中小学学生心理健康教育的建议", agency="慈溪市教育局", proposers=("朱蓉", "陈海光"), role="代表",
         session="慈溪市十七届人大三次会议", number="0070", date="2024-06-28", result_class="A",
         sections=[(1, "一", "加强心理辅导室建设"), (1, "二", "强化师资队伍")],
         body_text="朱蓉代表：\n您提出的《关于加强中小学学生心理健康教育的建议》收悉。\n一、加强心理辅导室建设\n全市学校均建成标准化心理辅导室。\n二、强化师资队伍\n配备专职心理教师。"),
    dict(title="降低中小学生学习负担，增强孩子心理健康", agency="信阳市教育体育局", proposers=("高海朋",), role="委员",
         session="信阳市政协五届四次会议", number="D022", date="2024-07-02", result_class="A",
         sections=[(1, "一", "落实双减政策"), (1, "二", "建设心理辅导室")],
         body_text="高海朋委员：\n一、落实双减政策\n严格控制作业总量，规范校外培训。\n二、建设心理辅导室\n推进学生心理健康工作，五育并举。"),
    dict(title="构建学生心理健康长效机制的建议", agency="资阳市教育和体育局", proposers=("罗大成",), role="代表",
         session="资阳市五届人大四次会议", number="0070", date="2024-06-20", result_class="B",
         sections=[(1, "一", "建立心理健康筛查机制")],
         body_text="罗大成代表：\n一、建立心理健康筛查机制\n每年开展心理测评，建立家校社协同机制。"),
    dict(title="关于加强青少年心理健康教育的提案", agency="长春市教育局", proposers=("李娜",), role="委员",
         session="长春市政协十四届二次会议", number="0257", date="2023-05-10", result_class="C",
         sections=[(1, "一", "加强工作指导"), (1, "二", "构建干预机制")],
         body_text="李娜委员：\n一、加强工作指导\n长春市各中小学开展心理健康教育。\n二、构建干预机制\n建立危机干预体系。"),
    dict(title="关于关注留守儿童心理的建议", agency="广州市南沙区教育局", proposers=("王强",), role="代表",
         session="南沙区三届人大二次会议", number="12", date="2022-03-01", result_class="A",
         sections=[(1, "一", "关爱留守儿童")],
         body_text="王强代表：\n一、关爱留守儿童\n为留守儿童提供心理关爱服务，教育部门定期家访。"),
]


# Words of letters from several places, space-separated so that Whoosh's own analyzer needs no dictionary: for tests
# of how the index is read, on more letters than a database fixture could hold quickly.
SPACED_WORDS = (
    "慈溪 湖州 宜宾 资阳 长春 南沙 心理 健康 教育 课后 服务 停车 泊位 垃圾 分类 乡村 振兴 养老 医疗 "
    "河长制 家庭 医生 校外 培训 教师 待遇 交通 道路 公交 农村 饮水 安全 食品 监管 工作"
).split()


def write_spaced_index(folder, count: int) -> None:
    """A one-segment compound Whoosh index in ``folder`` of ``count`` letters (fields ``id`` and ``text``), written
    as the indexer writes it."""
    rng = random.Random(18)
    storage = MappedFileStorage(str(folder))
    writer = storage.create_index(Schema(id=ID(stored=True, unique=True), text=TEXT(stored=True))).writer()
    for n in range(count):
        writer.add_document(id=str(n), text=" ".join(rng.choice(SPACED_WORDS) for _ in range(rng.randint(5, 60))))
    writer.commit()
