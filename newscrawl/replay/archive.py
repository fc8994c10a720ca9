"""The archive a replay reads: its sources, their captures, and revisits resolved."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newscrawl.replay.index import load_lines, parse_lines
from newscrawl.replay.lookup import Capture, CaptureIndex
from newscrawl.replay.reader import RecordError, StoredRecord, read_record
from newscrawl.replay.sources import ArchiveSource, discover, localise

logger = logging.getLogger(__name__)


@dataclass
class Replayed:
    """The answer to one request: the HTTP response and the record it came from."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    url: str  # the archived target URI
    date: datetime  # WARC-Date of the capture (of the revisit, for a revisit)
    record_id: str
    file: str
    offset: int
    ip_address: str | None = None
    revisit_of: str | None = None  # record ID of the original, for a revisit


@dataclass
class LoadReport:
    files: int = 0
    captures: int = 0
    indexed_now: int = 0
    damaged: list[str] = field(default_factory=list)
    seconds: float = 0.0


class Archive:
    """Answers URLs from a set of archive sources through their CDXJ indexes."""

    def __init__(self, sources: list[ArchiveSource], index: CaptureIndex) -> None:
        self.sources = sources
        self.index = index

    @classmethod
    def load(
        cls, location: str, cache_dir: str, options: Mapping[str, Any] | None = None
    ) -> tuple[Archive, LoadReport]:
        """Discover the sources and read (or build) their indexes; raises ReplayConfigError.

        ``options`` are the settings a remote location needs (``AWS_*`` for S3).
        """
        started = time.monotonic()
        report = LoadReport()
        sources = discover(localise(location, cache_dir, options or {}), report.damaged)
        index = CaptureIndex()
        for position, source in enumerate(sources):
            loaded = load_lines(source, cache_dir)
            report.indexed_now += loaded.built
            if loaded.damage:
                logger.error(
                    "Replay: %s is damaged (%s); its %d readable records are used",
                    source.label,
                    loaded.damage,
                    len(loaded.lines),
                )
                report.damaged.append(source.label)
            for urlkey, timestamp, fields in parse_lines(loaded.lines, source.name):
                index.add(urlkey, timestamp, fields, position)
        report.files = len(sources)
        report.captures = index.count
        report.seconds = time.monotonic() - started
        return cls(sources, index), report

    def read(self, capture: Capture) -> StoredRecord:
        return read_record(self.sources[capture.source], capture.offset)

    def answer(self, url: str, at: datetime | None = None) -> Replayed | None:
        """The archived response for ``url`` (None: no capture); raises RecordError."""
        capture = self.index.find(url, at)
        if capture is None:
            return None
        stored = self.read(capture)
        source = self.sources[capture.source]
        replayed = Replayed(
            status=stored.status or 200,
            headers=stored.headers,
            body=stored.body,
            url=stored.url,
            date=stored.date,
            record_id=stored.record_id,
            file=source.name,
            offset=capture.offset,
            ip_address=stored.ip_address,
        )
        if source.name.endswith((".arc", ".arc.gz")) or not replayed.record_id:
            # ARC has no record IDs (warcio invents a random one): name it stably
            replayed.record_id = f"<urn:arc:{source.name}:{capture.offset}>"
        if stored.rec_type == "revisit":
            self._fill_revisit(capture, stored, replayed)
        return replayed

    def _fill_revisit(self, capture: Capture, stored: StoredRecord, replayed: Replayed) -> None:
        original = self.index.original_of(capture, stored.refers_to_url, stored.refers_to_date)
        if original is None:
            raise RecordError(f"revisit {stored.record_id}: its original record is not archived")
        first = self.read(original)
        if first.rec_type == "revisit":
            raise RecordError(f"revisit {stored.record_id} points to another revisit")
        replayed.body = first.body
        replayed.revisit_of = first.record_id
        if stored.status is None:  # a revisit without HTTP head: the original's head
            replayed.status = first.status or 200
            replayed.headers = first.headers
