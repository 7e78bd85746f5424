"""Whoosh's file storage, reading the parts of a compound segment through the page cache instead of the heap.

Whoosh 2.7.4 maps a compound segment file (``*.seg``: postings, terms, stored fields and columns in one file),
then hands out each part as a ``BufferFile``, whose ``BytesIO`` copies the whole part into the process. At
100,000 replies that was 1.2 GB of postings copied into every gunicorn worker when it opened the index.

Here each large part is its own read-only mapping of the file: its pages stay in the page cache, where the
workers, the indexer and the operating system share them, and only what a query reads is ever paged in.
"""

import io
import mmap

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile, StructFile

# A part smaller than this is read into memory as Whoosh did: a mapping costs a system call and an entry in the
# process's map, and the small parts (a segment's field lengths, its terms' index) are read often.
MAPPED_FROM_BYTES = 1 << 20


class MappedPart(StructFile):
    """One part of a compound file, ``length`` bytes at ``offset``, read through a mapping of just that range.

    A mapping must start on a page boundary, so it starts up to a page before the part: ``seek`` and ``tell``
    shift by that much, and reading stops at the part's end as a file's would. Seeking past the end raises
    (a ``BytesIO`` allows it); Whoosh's readers never do.
    """

    def __init__(self, fileno: int, offset: int, length: int, name: str | None = None):
        start = offset - offset % mmap.ALLOCATIONGRANULARITY
        self._shift = offset - start
        mapping = mmap.mmap(fileno, self._shift + length, access=mmap.ACCESS_READ, offset=start)
        super().__init__(mapping, name=name)
        mapping.seek(self._shift)

    def seek(self, position, whence=io.SEEK_SET):
        return self.file.seek(position + self._shift if whence == io.SEEK_SET else position, whence)

    def tell(self):
        return self.file.tell() - self._shift


class SegmentFile(StructFile):
    """An index file opened for reading, whose parts (when it is a compound segment) are not copied."""

    def subset(self, offset, length, name=None):
        name = name or self._name
        if length < MAPPED_FROM_BYTES:
            return BufferFile(self.get(offset, length), name=name)  # bytes: BytesIO shares them, no second copy
        return MappedPart(self.file.fileno(), offset, length, name=name)


class MappedFileStorage(FileStorage):
    """A folder of index files. ``supports_mmap`` is off only so that Whoosh asks ``subset`` for a compound
    file's parts instead of copying them out of its own mapping."""

    def __init__(self, path: str):
        super().__init__(path, supports_mmap=False)

    def open_file(self, name, **kwargs):
        return SegmentFile(open(self._fpath(name), "rb"), name=name, **kwargs)
