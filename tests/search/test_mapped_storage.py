"""The index's parts are read through the page cache, not copied into each process: the same answers as Whoosh's
own reading, from parts that are mappings of the file (at 100,000 replies the copies were 1.2 GB a worker)."""

import io
import os

import pytest
from whoosh import index
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile
from whoosh.qparser import QueryParser

from search import mapped_storage
from search.mapped_storage import MappedFileStorage, MappedPart
from tests.search.corpus import write_spaced_index


@pytest.fixture
def folder(tmp_path):
    write_spaced_index(tmp_path, 3000)
    assert any(name.endswith(".seg") for name in os.listdir(tmp_path))  # compound: the case that copied
    return tmp_path


def answers(storage, query: str) -> list[tuple[str, float]]:
    ix = storage.open_index()
    with ix.searcher() as searcher:
        hits = searcher.search(QueryParser("text", ix.schema).parse(query), limit=None)
        return [(hit["id"], round(hit.score, 6)) for hit in hits]


@pytest.mark.parametrize("query", ["心理", "河长制 OR 停车", "慈溪 AND NOT 宜宾", '"课后 服务"', "家庭 医生 资阳"])
def test_mapped_parts_answer_as_whooshs_own_copies_do(folder, monkeypatch, query):
    monkeypatch.setattr(mapped_storage, "MAPPED_FROM_BYTES", 1)  # every part mapped, however small
    assert answers(MappedFileStorage(str(folder)), query) == answers(FileStorage(str(folder)), query)
    assert answers(FileStorage(str(folder)), query)  # the query finds letters: the comparison means something


def test_the_postings_are_a_mapping_of_the_file_not_a_copy_in_the_process(folder, monkeypatch):
    monkeypatch.setattr(mapped_storage, "MAPPED_FROM_BYTES", 1)
    with index.open_dir(str(folder)).reader() as reader:
        assert not isinstance(reader._terms._postfile, MappedPart)  # Whoosh's own storage: a BytesIO copy
    with MappedFileStorage(str(folder)).open_index().reader() as reader:
        assert isinstance(reader._terms._postfile, MappedPart)


@pytest.mark.parametrize("offset", [0, 1, 4095, 4096, 4097, 10_000])
@pytest.mark.parametrize("length", [1, 4096, 9_999])
def test_a_part_reads_seeks_and_ends_as_the_copy_it_replaces(tmp_path, offset, length):
    content = bytes(range(256)) * 100  # 25,600 bytes, no two neighbours alike
    path = tmp_path / "compound"
    path.write_bytes(content)
    with open(path, "rb") as file:
        mapped = MappedPart(file.fileno(), offset, length)
    copied = BufferFile(content[offset : offset + length])
    for part in (mapped, copied):
        part.seen = [part.tell(), part.read(3), part.tell(), part.get(length // 2, 5)]
        part.seek(length // 2)
        part.seen += [part.read_byte() if length > length // 2 else None, part.tell()]
        part.seek(min(2, length - part.tell()), io.SEEK_CUR)  # Whoosh never seeks past a part's end
        part.seen += [part.tell(), part.read(), part.read(10), part.tell()]
        part.seek(-1, io.SEEK_END)
        part.seen += [part.tell(), part.read()]
    assert mapped.seen == copied.seen
    mapped.close()
