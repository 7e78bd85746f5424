"""The Whoosh analyzer of the document field: the words of ``archive.text_analysis.index_tokens``."""

from whoosh.analysis import Token, Tokenizer

from archive.text_analysis import index_tokens


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
