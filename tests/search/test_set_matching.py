"""Matching reads terms' postings a block at a time and ANDs and ORs them as sets (``_segment_documents``): it must
find exactly the letters Whoosh's own matchers find, across segments and around deleted letters."""

import pytest
from whoosh import query as wq

from search import whoosh_executor
from search.mapped_storage import MappedFileStorage
from tests.search.corpus import write_spaced_index


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """Two segments of letters, with letters deleted from the first: Whoosh then wraps its postings in a filter."""
    folder = tmp_path_factory.mktemp("set-matching")
    write_spaced_index(folder, 2000)
    ix = MappedFileStorage(str(folder)).open_index()
    with ix.writer() as writer:
        for n in range(0, 2000, 7):
            writer.delete_by_term("id", str(n))
        for n in range(2000, 2300):
            writer.add_document(id=str(n), text=f"湖州 工作 第{n}号 {'河长制' if n % 3 else '停车 泊位'}")
    return ix


def term(word: str) -> wq.Term:
    return wq.Term("text", word)


QUERIES = {
    "one word": term("心理"),
    "a word in nearly every letter": term("工作"),
    "a rare word and a common one": wq.And([term("河长制"), term("工作")]),
    "three words": wq.And([term("停车"), term("泊位"), term("湖州")]),
    "either word": wq.Or([term("宜宾"), term("资阳")]),
    "words and a letter's id": wq.And([term("工作"), wq.Or([wq.Term("id", "2001"), wq.Term("id", "14")])]),
    "a word nowhere": wq.And([term("工作"), term("北京")]),
    "a letter's id and a common word, looked up": wq.And([wq.Term("id", "2001"), term("工作")]),
    "a deleted letter's id and a common word": wq.And([wq.Term("id", "14"), term("工作")]),
    "a prefix": wq.Prefix("text", "河"),
    "every letter": wq.Every(),
    "nested": wq.And([wq.Or([term("养老"), term("医疗")]), wq.And([term("慈溪"), term("教育")])]),
}


@pytest.mark.parametrize("name", QUERIES)
def test_matching_finds_what_whooshs_own_matcher_finds(index, name):
    with index.searcher() as searcher:
        expected = sorted(searcher.docs_for_query(QUERIES[name]))
        found, out_of_time = whoosh_executor._matching(searcher, QUERIES[name], None, deadline=float("inf"))
    assert found == expected and not out_of_time
    if name not in ("a word nowhere", "a deleted letter's id and a common word"):
        assert expected  # the comparison means something


def test_deleted_letters_are_never_matched(index):
    with index.searcher() as searcher:
        found, _ = whoosh_executor._matching(searcher, term("工作"), None, deadline=float("inf"))
        ids = {searcher.stored_fields(docnum)["id"] for docnum in found}
    assert "7" not in ids and "14" not in ids and "2001" in ids
