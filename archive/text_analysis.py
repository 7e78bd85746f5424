"""Chinese text analysis shared by the record and its search: jieba, loaded once per process, with our
dictionary; the words a search index stores and a query asks for; a reply's topic keywords.

Documents are cut in jieba's accurate mode without HMM (deterministic, so a name cuts the same
way in a letter and in a query) and every word's dictionary sub-words are added at the *same*
position, as jieba's search mode would (but up to ``MAX_SUB_WORD`` characters, not 3), so 心理 and
心理健康 find 心理健康教育 while a quoted phrase still matches consecutive words. Queries are cut in
accurate mode only (``query_words``).

Changing ``userdict.txt`` changes what is indexed: rebuild the index afterwards
(``manage.py rebuild_search_index``), and every process must load the same dictionary. An Elasticsearch
cluster loads it as an IK extension dictionary (docs/deployment.md).
"""

import logging
import re
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import jieba
from django.conf import settings

from archive.parsing.stored_text import subject_paragraphs
from archive.topic_words import can_be_topic, without_office_names

USER_DICT = Path(__file__).with_name("userdict.txt")

# jieba's own analyzer drops these; we keep the Chinese ones out of queries too (的 了 和 carry nothing).
STOP_WORDS = frozenset(
    "a an and are as at be by can for from have if in is it may not of on or tbd that the this to us we when will "
    "with yet you your 的 了 和 之 与 及".split()
)
# A token worth indexing has a letter, digit or Chinese character in it (not punctuation or spaces).
_WORDLIKE = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]")

# The longest dictionary word indexed inside a longer one: 心理健康 (4) inside 心理健康教育, which jieba's own search
# mode (2 and 3 only) missed, so a search for 心理健康 did not find a letter on 心理健康教育.
MAX_SUB_WORD = 6

_lock = threading.Lock()
_loaded = False


def load_jieba() -> None:
    """Initialise jieba and the project dictionary once per process; the cache lives under the data dir."""
    global _loaded
    if _loaded:
        return
    with _lock:
        if _loaded:
            return
        jieba.setLogLevel(logging.WARNING)
        cache_dir = Path(settings.DATA_DIR) / "search"
        cache_dir.mkdir(parents=True, exist_ok=True)
        # Not the shared system temp dir: another user's cache there could be stale or unwritable.
        jieba.dt.tmp_dir = str(cache_dir)
        jieba.dt.cache_file = "jieba.cache"
        jieba.initialize()
        jieba.load_userdict(str(USER_DICT))
        _loaded = True


def _keep(word: str) -> bool:
    return bool(_WORDLIKE.search(word)) and word.lower() not in STOP_WORDS


def index_tokens(text: str) -> Iterator[tuple[str, int, int, int]]:
    """(token, position, start char, end char) for indexing: words and their sub-words, lowercased."""
    load_jieba()
    freq = jieba.dt.FREQ
    position = 0
    for word, start, end in jieba.tokenize(text, mode="default", HMM=False):
        if not _keep(word):
            continue
        length = len(word)
        for size in range(2, min(length, MAX_SUB_WORD + 1)):
            for i in range(length - size + 1):
                gram = word[i : i + size]
                if freq.get(gram) and _keep(gram):
                    yield gram.lower(), position, start + i, start + i + size
        yield word.lower(), position, start, end
        position += 1


def query_words(text: str) -> list[str]:
    """The words of a piece of a query, as the index stores them (accurate mode, lowercased, no stop words)."""
    load_jieba()
    return [word.lower() for word in jieba.cut(text, HMM=False) if _keep(word)]


# ---- topic keywords ---------------------------------------------------------------------------
# They feed the home page's topic entry points, the statistics page's rising and falling topics and the reply
# page's related replies. Only nouns and noun-like verbs of the letter proper are counted, without the words
# every reply letter uses (archive/topic_words.py).

KEYWORD_COUNT = 8
MIN_USES = 2  # the title's words count three times, so they always qualify
# Parts of speech worth a topic: nouns, other proper nouns, verbal nouns, idioms (jieba's tags), and words its
# dictionary tags as names (养老, 井盖 are "nr"; a person's name the dictionary lacks is cut into characters).
_TOPIC_POS = ("n", "nz", "vn", "l", "nr")


def extract_keywords(title: str, body_text: str) -> list[str]:
    """Up to eight topic words of a reply, the most characteristic first (TF-IDF with jieba's IDF table)."""
    import jieba.analyse
    import jieba.posseg

    load_jieba()  # the project dictionary: 心理健康教育 is one word
    tfidf = jieba.analyse.default_tfidf
    # The title is the proposal's own summary of its topic: weigh it as much as the letter. Of the letter, only
    # its body: the heading's session and number and the closing block's fields are no topic.
    text = without_office_names(f"{title}\n" * 3 + "\n".join(subject_paragraphs(body_text)))
    # jieba.analyse.extract_tags would tag with the HMM on, which finds few topic words the dictionary
    # lacks and costs four fifths of a bulk import's time; dictionary words only, as the index does.
    counts = Counter(
        word for word, tag in jieba.posseg.dt.cut(text, HMM=False)
        if tag in _TOPIC_POS and len(word) > 1 and word.lower() not in tfidf.stop_words and can_be_topic(word)
    )
    # A topic is something the letter comes back to: a word it uses once is an example or an aside (荷载, 花鼓).
    weights = {word: n * tfidf.idf_freq.get(word, tfidf.median_idf) for word, n in counts.items() if n >= MIN_USES}
    return sorted(weights, key=lambda word: (-weights[word], word))[:KEYWORD_COUNT]
