"""A reply's topic keywords, extracted once with jieba's TF-IDF and kept on the reply.

They feed the home page's topic entry points and the reply page's related replies. Only
nouns and noun-like verbs are kept, without the words every reply letter uses and without
place and office names.
"""

import re
from collections import Counter

KEYWORD_COUNT = 8
# Parts of speech worth a topic: nouns, other proper nouns, verbal nouns, idioms (jieba's tags).
_TOPIC_POS = ("n", "nz", "vn", "l")
# Words of the genre itself: every letter answers a 建议 with 工作 of 我局.
_GENRE_WORDS = frozenset(
    "建议 提案 答复 代表 委员 工作 我局 本局 我委 单位 部门 问题 情况 意见 全市 全区 全县 全省 印发 通知 方面 "
    "措施 力度 机制 体系 水平 能力 联系人 电话 抄送".split()
)
# Place names and office names (资阳市, 教体局) say who answered, not what about.
_PLACE_OR_OFFICE = re.compile(r"^(.{2,}[省市县区镇]|.+局)$")


def extract_keywords(title: str, body_text: str) -> list[str]:
    """Up to eight topic words of a reply, the most characteristic first (TF-IDF with jieba's IDF table)."""
    import jieba.analyse
    import jieba.posseg

    # The project dictionary (心理健康教育 as one word) and jieba's cache under the data dir.
    from search.analysis import load_jieba

    load_jieba()
    tfidf = jieba.analyse.default_tfidf
    # The title is the proposal's own summary of its topic: weigh it as much as the letter.
    text = f"{title}\n" * 3 + body_text
    # jieba.analyse.extract_tags would tag with the HMM on, which finds few topic words the dictionary
    # lacks and costs four fifths of a bulk import's time; dictionary words only, as the index does.
    counts = Counter(
        word for word, tag in jieba.posseg.dt.cut(text, HMM=False)
        if tag in _TOPIC_POS and len(word) > 1 and word not in _GENRE_WORDS and word.lower() not in tfidf.stop_words
        and not _PLACE_OR_OFFICE.match(word)
    )
    weights = {word: n * tfidf.idf_freq.get(word, tfidf.median_idf) for word, n in counts.items()}
    return sorted(weights, key=lambda word: (-weights[word], word))[:KEYWORD_COUNT]


def refresh_keywords(replies, *, dry_run: bool = False) -> int:
    """Extract the keywords of these replies again and store those that changed; returns how many changed."""
    changed = 0
    for reply in replies.select_related("proposal").only("pk", "keywords", "body_text", "proposal__title").iterator():
        words = extract_keywords(reply.proposal.title, reply.body_text)
        if words != reply.keywords:
            changed += 1
            if not dry_run:
                # save() queues the reply for the index, whose keywords field finds related replies.
                reply.keywords = words
                reply.save(update_fields=["keywords"])
    return changed
