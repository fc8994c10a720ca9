"""A JSON Lines exporter that never leaves a torn line behind.

Scrapy's exporter writes into a buffered file: when the disk fills up, the
buffer is flushed half-way and the file ends in half a record. This one writes
each line with one ``os.write`` loop straight to the file descriptor; a write
that fails (ENOSPC, EIO, quota) cuts the file back to the end of the last whole
line, counts the item as not stored (``newscrawl/outputs/not_stored``, exit
status 3), logs one line and stops the crawl (see
:mod:`newscrawl.security.diskfull`; finish reason ``write_failed`` for errors
other than a full disk). Later items are counted, not written.
"""

from __future__ import annotations

import contextlib
import logging
import os
from typing import IO, Any

from scrapy.crawler import Crawler
from scrapy.exporters import JsonLinesItemExporter
from scrapy.utils.defer import _schedule_coro
from scrapy.utils.python import to_bytes

from newscrawl.exitcodes import NOT_STORED_KEY
from newscrawl.security.diskfull import stop_on_disk_full

logger = logging.getLogger(__name__)

FAILED_STAT = "newscrawl/jsonl/write_failed"


class WholeLineJsonLinesExporter(JsonLinesItemExporter):
    """``jsonlines`` exporter: a line is in the file whole, or not at all."""

    def __init__(self, file: IO[bytes], crawler: Crawler | None = None, **kwargs: Any) -> None:
        super().__init__(file, **kwargs)
        self.crawler = crawler
        self.failed = False
        try:
            self._fd: int | None = file.fileno()
        except (AttributeError, OSError, ValueError):
            self._fd = None  # not a plain file (a post-processing wrapper): Scrapy's way

    @classmethod
    def from_crawler(
        cls, crawler: Crawler, file: IO[bytes], **kwargs: Any
    ) -> WholeLineJsonLinesExporter:
        return cls(file, crawler=crawler, **kwargs)

    def export_item(self, item: Any) -> None:
        if self._fd is None:
            super().export_item(item)
            return
        if self.failed:
            self._inc(NOT_STORED_KEY)
            return
        itemdict = dict(self.get_serialized_fields(item))
        data = to_bytes(self.encoder.encode(itemdict) + "\n", self.encoding)
        self.file.flush()  # nothing is buffered there; keep it that way
        start = os.lseek(self._fd, 0, os.SEEK_END)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view) :]
        except OSError as exc:
            self._failed(exc, start)

    def _failed(self, exc: OSError, start: int) -> None:
        self.failed = True
        with contextlib.suppress(OSError):  # refused even that: nothing more to do here
            os.ftruncate(self._fd, start)  # type: ignore[arg-type]
        self._inc(NOT_STORED_KEY)
        self._inc(FAILED_STAT)
        path = getattr(self.file, "name", "the JSON Lines export")
        if stop_on_disk_full(self.crawler, str(path), exc):
            return
        logger.error(
            "Could not write to %s: %s; stopping the crawl (items from here on are not stored)",
            path,
            exc,
        )
        engine = self.crawler.engine if self.crawler is not None else None
        if engine is not None:
            _schedule_coro(engine.close_spider_async(reason="write_failed"))

    def _inc(self, key: str) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)
