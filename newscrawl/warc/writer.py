"""The rotating WARC writer: warcinfo first, rotation by size and age, dedup.

It runs in the writer process (:mod:`newscrawl.warc.writerproc`), off the
crawl's reactor. Each exchange carries its record ID from the start; the
writer returns the final file name and offset of that record once written.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from newscrawl.warc.dedup import Capture, DedupIndex
from newscrawl.warc.exchange import (
    PROFILE_IDENTICAL,
    PROFILE_NOT_MODIFIED,
    Exchange,
    build_request,
    build_response,
    build_revisit,
)
from newscrawl.warc.files import WarcFile, WarcFileManager
from newscrawl.warc.members import GzipMembers

logger = logging.getLogger(__name__)

WARC_FORMAT = "WARC File Format 1.0"
WARC_CONFORMS_TO = "http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf"


class DigestWARCWriter(WARCWriter):
    """warcio's writer with a chosen digest algorithm and gzip level and engine."""

    def __init__(
        self,
        fileobj: BinaryIO,
        digest: str = "sha1",
        gzip: bool = True,
        gzip_level: int = 6,
        gzip_engine: str = "auto",
    ) -> None:
        out = GzipMembers(fileobj, gzip_level, gzip_engine) if gzip else fileobj
        super().__init__(out, gzip=False)  # compression is done by GzipMembers
        self.digest_algorithm = digest

    def _create_digester(self) -> Digester:  # type: ignore[override]
        return Digester(self.digest_algorithm)


@dataclass(frozen=True)
class WarcLocation:
    """Where a response (or revisit) record was written."""

    file: str  # final file name (no directory, no .open)
    offset: int  # byte offset of the record in that file
    record_id: str
    record_type: str
    payload_digest: str | None = None  # the record's WARC-Payload-Digest (e.g. "sha1:...")


class RotatingWarcWriter:
    """Writes exchanges into a series of files: warcinfo first, rotation by size and age.

    Not thread-safe: one thread of the writer process owns it
    (see :mod:`newscrawl.warc.writerproc`).
    """

    def __init__(
        self,
        files: WarcFileManager,
        warcinfo: dict[str, str],
        digest: str = "sha1",
        gzip: bool = True,
        gzip_level: int = 6,
        gzip_engine: str = "auto",
        max_size: int = 1024**3,
        max_age: float = 0.0,
        dedup: DedupIndex | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        on_written: Callable[[WarcFile, int], None] | None = None,
    ) -> None:
        self.files = files
        self.warcinfo = warcinfo
        self.digest = digest
        self.gzip = gzip
        self.gzip_level = gzip_level
        self.gzip_engine = gzip_engine
        self.max_size = max_size
        self.max_age = max_age
        self.dedup = dedup
        self._monotonic = monotonic
        # called with the file and the offset where an exchange starts, once it is written
        self.on_written = on_written
        self.current: WarcFile | None = None
        self._warc: DigestWARCWriter | None = None
        self.counts: Counter[str] = Counter()

    # -- files -------------------------------------------------------------

    def _open(self) -> WarcFile:
        wf = self.files.open_new()
        warc = DigestWARCWriter(
            wf.fileobj,
            digest=self.digest,
            gzip=self.gzip,
            gzip_level=self.gzip_level,
            gzip_engine=self.gzip_engine,
        )
        record = warc.create_warcinfo_record(wf.name, self.warcinfo)
        wf.warcinfo_id = record.rec_headers.get_header("WARC-Record-ID")
        warc.write_record(record)
        self.files.sync(wf)
        self.current, self._warc = wf, warc
        self.counts["records/warcinfo"] += 1
        self.counts["files_opened"] += 1
        return wf

    def close_current(self) -> None:
        wf, self.current, self._warc = self.current, None, None
        if wf is None:
            return
        self.counts["bytes"] += wf.size()
        self.files.close(wf)
        self.counts["files"] += 1
        logger.info("Closed WARC file %s (%d records)", wf.path, wf.records + 1)

    def rotate_if_old(self) -> None:
        if (
            self.current is not None
            and self.max_age
            and self._monotonic() - self.current.opened_at >= self.max_age
        ):
            self.close_current()

    def close(self) -> None:
        self.close_current()
        if self.dedup is not None:
            self.dedup.close()
            self.dedup = None

    # -- records -----------------------------------------------------------

    def write(self, exchange: Exchange) -> WarcLocation:
        """Write the exchange's response (or revisit) and request records."""
        self.rotate_if_old()
        wf = self.current or self._open()
        warc = self._warc
        assert warc is not None
        response = build_response(warc, exchange, wf.warcinfo_id)
        digest = response.rec_headers.get_header("WARC-Payload-Digest")
        record, earlier = self._maybe_revisit(warc, exchange, response, digest, wf)
        request = build_request(warc, exchange, wf.warcinfo_id)

        offset = wf.fileobj.tell()
        try:
            warc.write_record(record)  # warcio flushes after every record
            warc.write_record(request)
        except Exception:
            self._cut_back(wf, offset)
            raise
        self.files.sync(wf)
        wf.records += 2
        if self.on_written is not None:
            self.on_written(wf, offset)
        self.counts[f"records/{record.rec_type}"] += 1
        self.counts["records/request"] += 1

        if (
            self.dedup is not None
            and record.rec_type == "response"
            and earlier is None
            and self._dedupable(exchange)
        ):
            date = record.rec_headers.get_header("WARC-Date")
            self.dedup.add(Capture(exchange.url, digest, exchange.record_id, date, wf.name))

        location = WarcLocation(
            wf.name,
            offset,
            exchange.record_id,
            record.rec_type,
            record.rec_headers.get_header("WARC-Payload-Digest"),
        )
        if wf.size() >= self.max_size:
            self.close_current()
        return location

    @staticmethod
    def _cut_back(wf: WarcFile, offset: int) -> None:
        """Drop a half-written record, so the file stays a valid WARC."""
        try:
            wf.fileobj.seek(offset)
            wf.fileobj.truncate()
            return
        except OSError:
            pass  # the seek could not flush the buffer (disk full): drop the buffer
        try:
            wf.cut_unflushed(offset)
        except OSError as exc:
            # left for recovery at the next start, which cuts it the same way
            logger.error("Could not cut %s back to offset %d: %s", wf.open_path, offset, exc)

    @staticmethod
    def _dedupable(exchange: Exchange) -> bool:
        return (
            exchange.method == "GET"
            and 200 <= exchange.status < 300
            and bool(exchange.response_body)
            and not exchange.truncated
        )

    def _maybe_revisit(
        self, warc: DigestWARCWriter, exchange: Exchange, response: Any, digest: str, wf: WarcFile
    ) -> tuple[Any, Capture | None]:
        if exchange.status == 304 and exchange.method == "GET":
            earlier = self.dedup.latest(exchange.url) if self.dedup is not None else None
            self.counts["dedup/not_modified"] += 1
            revisit = build_revisit(
                warc,
                exchange,
                PROFILE_NOT_MODIFIED,
                payload_digest=earlier.digest if earlier else None,
                refers_to_uri=earlier.url if earlier else None,
                refers_to_date=earlier.date if earlier else None,
                refers_to_id=earlier.record_id if earlier else None,
                warcinfo_id=wf.warcinfo_id,
            )
            return revisit, earlier
        if self.dedup is None or not self._dedupable(exchange):
            return response, None
        earlier = self.dedup.lookup(exchange.url, digest)
        if self.dedup.missing:  # files the index pointed into were gone
            self.counts["dedup/missing_files"] = len(self.dedup.missing)
        if earlier is None:
            return response, None
        self.counts["dedup/hits"] += 1
        self.counts["dedup/bytes_saved"] += len(exchange.response_body)
        revisit = build_revisit(
            warc,
            exchange,
            PROFILE_IDENTICAL,
            payload_digest=digest,
            refers_to_uri=earlier.url,
            refers_to_date=earlier.date,
            refers_to_id=earlier.record_id,
            warcinfo_id=wf.warcinfo_id,
        )
        return revisit, earlier
