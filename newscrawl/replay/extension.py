"""``ReplayExtension``: loads the archive when the spider opens, and reports on it."""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector
from scrapy.utils.asyncio import run_in_thread
from scrapy.utils.defer import deferred_from_coro

from newscrawl.exitcodes import CONFIG_ERROR_KEY
from newscrawl.replay.archive import Archive
from newscrawl.replay.config import ReplayConfig, ReplayConfigError
from newscrawl.replay.s3 import AWS_SETTINGS

logger = logging.getLogger(__name__)


class ReplayExtension:
    """Owns the :class:`Archive`; a setting that cannot work stops the run (exit status 1)."""

    def __init__(self, config: ReplayConfig | None, stats: StatsCollector, error: str = "") -> None:
        self.config = config
        self.stats = stats
        self.error = error
        self.archive: Archive | None = None
        self._crawler: Crawler | None = None
        self.remote_options: dict = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayExtension:
        try:
            config = ReplayConfig.from_settings(crawler.settings)
        except ReplayConfigError as exc:
            ext = cls(None, crawler.stats, str(exc))
        else:
            if not config.enabled:
                raise NotConfigured("NEWSCRAWL_REPLAY_FROM is not set")
            ext = cls(config, crawler.stats)
        ext._crawler = crawler
        ext.remote_options = {name: crawler.settings.get(name) for name in AWS_SETTINGS}
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        return ext

    async def spider_opened(self) -> None:
        if self.config is not None and not self.error:
            try:
                archive, report = await run_in_thread(
                    Archive.load, self.config.source, self.config.index_dir, self.remote_options
                )
            except ReplayConfigError as exc:
                self.error = str(exc)
            else:
                self.archive = archive
                self.stats.set_value("newscrawl/replay/files", report.files)
                self.stats.set_value("newscrawl/replay/captures", report.captures)
                if report.indexed_now:
                    self.stats.set_value("newscrawl/replay/indexed_files", report.indexed_now)
                if report.damaged:
                    self.stats.set_value("newscrawl/replay/damaged_files", len(report.damaged))
                logger.info(
                    "Replaying from %s: %d captures in %d files (%d indexed now, %.2f s)",
                    self.config.source,
                    report.captures,
                    report.files,
                    report.indexed_now,
                    report.seconds,
                )
        if self.error:
            logger.error("newscrawl: %s", self.error)
            self.stats.set_value(CONFIG_ERROR_KEY, 1)
            engine = self._crawler.engine if self._crawler is not None else None
            if engine is not None:
                from twisted.internet import reactor

                # after spider_opened has returned: the engine is not open yet
                reactor.callLater(
                    0, deferred_from_coro, engine.close_spider_async(reason="config_error")
                )
