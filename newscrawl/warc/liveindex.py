"""CDXJ lines of a WARC file made as its records are written, so closing it only sorts them.

Indexing a closed file reads it all again (gunzip and parse every record): about
0.6 ms per exchange, all of it after the crawl's last page, where the crawl waits for
it. ``LiveIndex`` runs cdxj_indexer's own indexer over the bytes of each run of exchanges
once they are written (when the writer waits for input, or every ``BATCH`` bytes),
shifting offsets by where the run starts in the file; at close the lines are sorted and
written. The index is the one ``write_cdxj`` makes of the
closed file, byte for byte (tests/test_warc_files.py compares them).
"""

from __future__ import annotations

import heapq
import io
import os
import tempfile
from typing import Any, BinaryIO

from newscrawl.warc.cdxjlib import CDXJIndexer, SortingWriter
from newscrawl.warc.index import cdxj_path

__all__ = ["LiveIndex"]


class _ShiftedIndexer(CDXJIndexer):
    """cdxj_indexer's indexer, for a part of a file that starts at ``base``."""

    base = 0

    def get_field(self, record: Any, name: str, it: Any, filename: str) -> Any:
        value = super().get_field(record, name, it, filename)
        if name == "offset" and value is not None:
            value = str(int(value) + self.base)
        return value


class _SortedRuns(SortingWriter):
    """cdxj_indexer's sorting writer, its sorted runs kept in files without a name.

    cdxj_indexer names each run in the system's temporary folder and removes it once the
    runs are merged: a writer process killed before that, or an index given up, left them
    there for good. These runs are unlinked from the start (beside the WARC file, on the
    disk the operator gave the archive): they go with the file object, or the process.
    """

    def __init__(self, max_size: int, directory: str) -> None:
        super().__init__(None, max_size)
        self.directory = directory

    def write_to_temp(self) -> Any:
        self.sortedlist.sort()
        # open until the runs are merged or discarded
        run = tempfile.TemporaryFile("w+t", encoding="utf-8", dir=self.directory)  # noqa: SIM115
        self.write_to_file(self.sortedlist, run)
        run.seek(0)
        return run

    def flush(self) -> None:
        if not self.tmp_files:
            super().flush()  # sorted in memory
            return
        if self.sortedlist:
            self.tmp_files.append(self.write_to_temp())
            self.sortedlist = []
            self.count = 0
        try:
            self.write_to_file(heapq.merge(*self.tmp_files), self.out)
        finally:
            self.discard()

    def discard(self) -> None:
        """Let go of the runs written so far."""
        runs, self.tmp_files = self.tmp_files, []
        for run in runs:
            run.close()


class LiveIndex:
    """The CDXJ index of one WARC file (``warc_path``: its final path), run by run.

    Not thread-safe: the writer thread adds and catches up until the file is closed,
    then hands it over to be written. An exchange it could not index marks it
    ``failed``: the closed file is then indexed whole, as before.
    """

    BATCH = 1024 * 1024  # bytes of exchanges indexed at the latest in one pass
    # bytes of index lines kept in memory: past it they go sorted to temporary files,
    # merged at close (cdxj_indexer's own spill). A 1 GB WARC file of news pages has
    # about 15 MB of lines, which would otherwise stay in the writer's memory until it
    # closes: 20,000 articles made the tree's peak 15% larger than 2,000 did
    SORT_BUFFER = 2 * 1024 * 1024

    def __init__(self, warc_path: str, read_path: str) -> None:
        self.path = warc_path
        self.read_path = read_path  # the file as it is being written (its .open name)
        self._fd: int | None = None
        self._start: int | None = None  # the exchanges added and not indexed yet
        self._end = 0
        # keeps the lines in memory up to cdxj_indexer's limit, then in sorted temp files
        self.lines = _SortedRuns(self.SORT_BUFFER, os.path.dirname(warc_path) or ".")
        self.indexer = _ShiftedIndexer(None, [])
        self.failed: BaseException | None = None

    def add(self, fileobj: BinaryIO, start: int) -> None:
        """An exchange was written from ``start`` to ``fileobj``'s position: index it soon.

        Exchanges are indexed in runs by :meth:`catch_up` (when the writer waits for
        input, or past ``BATCH`` bytes): one read and one pass for many, and none of it
        between an exchange and the answer the crawl waits for.
        """
        if self.failed is not None:
            return
        try:
            fileobj.flush()
            self._end = fileobj.tell()
            if self._fd is None:  # opened now: at close the file is renamed before the last pass
                self._fd = os.open(self.read_path, os.O_RDONLY)  # (the writer's is write-only)
        except Exception as exc:  # the whole file is indexed at close instead
            self._fail(exc)
            return
        if self._start is None:
            self._start = start
        if self._end - self._start >= self.BATCH:
            self.catch_up()

    def catch_up(self) -> None:
        """Index the exchanges added since the last call."""
        start, end = self._start, self._end
        if self.failed is not None or start is None or end <= start:
            return
        self._start = None
        try:
            assert self._fd is not None
            data = os.pread(self._fd, end - start, start)
            if len(data) != end - start:
                raise OSError(f"read {len(data)} of {end - start} bytes at {start}")
            self.indexer.base = start
            self.indexer.process_one(io.BytesIO(data), self.lines, self.path)
        except Exception as exc:  # the whole file is indexed at close instead
            self._fail(exc)

    def _fail(self, exc: BaseException) -> None:
        self.failed = exc
        self.close()
        self.lines.discard()

    def close(self) -> None:
        """Let go of the file (the lines stay)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def write(self) -> str | None:
        """Write the sorted index beside the closed WARC file; returns the index path.

        None if it failed on the way: the caller indexes the closed file instead.
        """
        self.catch_up()
        self.close()
        if self.failed is not None:
            self.lines.discard()
            return None
        out = cdxj_path(self.path)
        tmp = out + ".tmp"
        with open(tmp, "w") as fh:  # as cdxj_indexer opens its output
            self.lines.out = fh
            self.lines.flush()
        os.replace(tmp, out)
        return out
