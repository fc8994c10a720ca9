"""Stop a crawl cleanly before its output disk fills up.

A write that fails with ENOSPC half-way leaves a torn JSON Lines line and WARC
files that cannot be finished. Checking the free space of the output folder's
file system (``os.statvfs``, microseconds) every few seconds and on every
response, and closing the spider while ``NEWSCRAWL_MIN_FREE_SPACE`` bytes are
still free, lets every exporter and the WARC writer close their files whole.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import _schedule_coro
from twisted.internet import task

logger = logging.getLogger(__name__)

REASON = "disk_full"
STAT = "newscrawl/disk/low_space"


def free_bytes(path: str | os.PathLike[str]) -> int:
    """Bytes an unprivileged writer may still use on the file system holding ``path``."""
    folder = Path(path)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the output folder may not exist yet
    stat = os.statvfs(folder)
    return stat.f_bavail * stat.f_frsize


class DiskSpaceGuard:
    """Closes the spider (reason ``disk_full``) when the output disk runs low."""

    def __init__(self, crawler: Crawler, folder: str, minimum: int, interval: float = 2.0):
        self.crawler = crawler
        self.folder = folder
        self.minimum = minimum
        self.interval = interval
        self.tripped = False
        self._loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DiskSpaceGuard:
        minimum = crawler.settings.getint("NEWSCRAWL_MIN_FREE_SPACE")
        if minimum <= 0:
            raise NotConfigured("NEWSCRAWL_MIN_FREE_SPACE is 0")
        folder = crawler.settings.get("NEWSCRAWL_OUTPUT_DIR") or "archive"
        guard = cls(crawler, folder, minimum)
        crawler.signals.connect(guard.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(guard.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(guard.check, signal=signals.response_received)
        return guard

    def spider_opened(self) -> None:
        self._loop = task.LoopingCall(self.check)
        self._loop.start(self.interval, now=True)

    def spider_closed(self) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()

    def check(self, *args: object, **kwargs: object) -> None:
        if self.tripped:
            return
        free = free_bytes(self.folder)
        if free >= self.minimum:
            return
        self.tripped = True
        logger.error(
            "Output disk almost full: %d bytes free under %s (NEWSCRAWL_MIN_FREE_SPACE=%d); "
            "stopping the crawl so every file closes whole",
            free, self.folder, self.minimum,
        )  # fmt: skip
        self.crawler.stats.set_value(STAT, free)
        if self.crawler.engine is not None:
            _schedule_coro(self.crawler.engine.close_spider_async(reason=REASON))
