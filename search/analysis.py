"""Chinese text analysis for the search index: jieba, loaded once per process, with our dictionary.

Documents are cut in jieba's accurate mode without HMM (deterministic, so a name cuts the same
way in a letter and in a query) and every word's dictionary sub-words are added at the *same*
position, as jieba's search mode would, so 心理 finds 心理健康教育 while a quoted phrase still
matches consecutive words. Queries are cut in accurate mode only (``query_words``).

Changing ``userdict.txt`` changes what is indexed: rebuild the index afterwards
(``manage.py rebuild_search_index``), and every process must load the same dictionary.
"""

import logging
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import jieba
from django.conf import settings
from whoosh.analysis import Token, Tokenizer

USER_DICT = Path(__file__).with_name("userdict.txt")

# jieba's own analyzer drops these; we keep the Chinese ones out of queries too (的 了 和 carry nothing).
STOP_WORDS = frozenset(
    "a an and are as at be by can for from have if in is it may not of on or tbd that the this to us we when will "
    "with yet you your 的 了 和 之 与 及".split()
)
# A token worth indexing has a letter, digit or Chinese character in it (not punctuation or spaces).
_WORDLIKE = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]")

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
        for size in (2, 3):
            if length > size:
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


class ChineseTokenizer(Tokenizer):
    """Whoosh tokenizer over ``index_tokens``: word-ordinal positions, so phrase queries work."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for word, position, start, end in index_tokens(value):
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = start_pos + position
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def chinese_analyzer() -> ChineseTokenizer:
    """The analyzer of the document field (a tokenizer is a complete Whoosh analyzer)."""
    return ChineseTokenizer()
