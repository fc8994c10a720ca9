"""Count responses cut off by Scrapy's size limits, and say so once, not twice.

Scrapy already bounds what one download may cost: ``DOWNLOAD_MAXSIZE`` cancels
a body that is (or announces itself as) too large, and also stops gzip, deflate,
brotli and zstd decompression once the output passes it, 64 KiB at a time, so a
bomb never grows in memory; ``DOWNLOAD_TIMEOUT`` is a limit on the whole download
(a slow drip or an endless chunked body ends there, not only an idle one). Each
of these logs a warning, and the spider's errback then logs the same failure
again. This extension keeps the errback's line, drops Scrapy's duplicate, and
counts each cut in the stats (``newscrawl/limits/...``).
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

#: (logger, text in the message, stats key) of the warnings this replaces
CUTS = (
    (
        "scrapy.core.downloader.handlers.http11",
        "larger than download max size",
        "newscrawl/limits/max_size",
    ),
    (
        "scrapy.downloadermiddlewares.httpcompression",
        "during decompression",
        "newscrawl/limits/decompressed_size",
    ),
)


class _CutCounter(logging.Filter):
    def __init__(self, needle: str, key: str, stats: StatsCollector) -> None:
        super().__init__()
        self.needle = needle
        self.key = key
        self.stats = stats

    def filter(self, record: logging.LogRecord) -> bool:
        if self.needle in record.getMessage():
            self.stats.inc_value(self.key)
            return False  # the spider's errback logs this failure
        return True


class LimitsExtension:
    """Counts size-limit cuts as ``newscrawl/limits/*`` and keeps one log line per cut."""

    def __init__(self, stats: StatsCollector) -> None:
        self._filters = [
            (logging.getLogger(name), _CutCounter(needle, key, stats)) for name, needle, key in CUTS
        ]

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LimitsExtension:
        ext = cls(crawler.stats)
        crawler.signals.connect(ext.install, signal=signals.engine_started)
        crawler.signals.connect(ext.remove, signal=signals.engine_stopped)
        return ext

    def install(self) -> None:
        for logger, counter in self._filters:
            logger.addFilter(counter)

    def remove(self) -> None:
        for logger, counter in self._filters:
            logger.removeFilter(counter)
