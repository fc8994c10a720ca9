"""``WarcExtension``: opens the WARC writer with the spider and closes it cleanly.

At ``spider_opened`` it repairs ``.open`` files left by a crashed run, then
starts the writer process; at ``spider_closed`` (also after SIGINT/SIGTERM,
which Scrapy turns into a graceful close) it waits until every queued
exchange is written, closes and renames the current file, finishes the CDXJ
indexes, and reports the counts as ``newscrawl/warc/...`` stats.
"""

from __future__ import annotations

import errno
import logging
import socket
from collections import Counter
from concurrent.futures import Future
from dataclasses import asdict
from typing import Any

import scrapy
import warcio
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings
from scrapy.statscollectors import StatsCollector

import newscrawl
from newscrawl.exitcodes import NOT_STORED_KEY
from newscrawl.security.diskfull import stop_on_disk_full
from newscrawl.warc.config import WarcConfig
from newscrawl.warc.exchange import Exchange
from newscrawl.warc.middleware import WarcRef
from newscrawl.warc.recovery import closed_files, recover_directory
from newscrawl.warc.writer import WARC_CONFORMS_TO, WARC_FORMAT, WarcLocation
from newscrawl.warc.writerproc import WarcWriterProcess

logger = logging.getLogger(__name__)

STATS_PREFIX = "newscrawl/warc/"
# counts that mean an exchange (or an index of one) is not in the archive; they add to
# newscrawl/outputs/not_stored, which makes the run's exit status 3
NOT_STORED_COUNTS = ("write_errors", "lost_exchanges", "writer_failed", "cdxj_errors")


def warcinfo_fields(
    config: WarcConfig, crawl_name: str, robots_obey: bool, user_agent: str | None
) -> dict[str, str]:
    """The ``warcinfo`` payload: who wrote the file, how, and for which crawl."""
    fields = {
        "software": (
            f"newscrawl/{newscrawl.__version__} "
            f"(Scrapy/{scrapy.__version__}; warcio/{_warcio_version()})"
        ),
        "hostname": socket.gethostname(),
        "operator": config.operator,
        "http-header-user-agent": user_agent or "",
        "robots": "obey" if robots_obey else "ignore",
        "isPartOf": crawl_name,
        "format": WARC_FORMAT,
        "conformsTo": WARC_CONFORMS_TO,
    }
    return {k: v for k, v in fields.items() if v}


def _warcio_version() -> str:
    try:
        from importlib.metadata import version

        return version("warcio")
    except Exception:  # pragma: no cover - metadata missing in odd installs
        return getattr(warcio, "__version__", "unknown")


class WarcExtension:
    """Owns the WARC writer process and recovery for one crawl."""

    def __init__(
        self,
        config: WarcConfig,
        stats: StatsCollector | None = None,
        warcinfo: dict[str, str] | None = None,
    ) -> None:
        self.config = config
        self.stats = stats
        self.warcinfo = warcinfo or {}
        self.writer: WarcWriterProcess | None = None
        self._counts: Counter[str] = Counter()
        self._not_stored_published = 0
        self._expected: dict[str, Future[WarcLocation]] = {}
        self._settings: BaseSettings | None = None  # set by from_crawler
        self._crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcExtension:
        settings = crawler.settings
        config = WarcConfig.from_settings(settings)
        if not config.enabled:
            raise NotConfigured("NEWSCRAWL_WARC_ENABLED is off")
        ext = cls(config, crawler.stats)
        ext._settings = settings
        ext._crawler = crawler
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    @property
    def running(self) -> bool:
        return self.writer is not None and self.writer.alive

    # -- lifecycle -----------------------------------------------------------

    def spider_opened(self, spider: scrapy.Spider) -> None:
        settings = self._settings
        if settings is not None and not self.warcinfo:
            self.warcinfo = warcinfo_fields(
                self.config,
                self.config.crawl_name or spider.name,
                settings.getbool("ROBOTSTXT_OBEY"),
                settings.get("USER_AGENT"),
            )
        try:
            self.open()
        except Exception as exc:
            self._failed(str(exc))

    def _failed(self, text: str) -> None:
        """The writer cannot write: say so once and stop the crawl (reactor thread)."""
        # an archiver that cannot archive must not crawl on as if it did
        logger.error("Cannot write WARC files to %s: %s", self.config.directory, text)
        self._count("writer_failed")
        self._publish_stats()
        crawler = self._crawler
        if crawler is not None and crawler.engine is not None:
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(crawler.engine.close_spider_async(reason="warc_failed"))

    def spider_closed(self, spider: scrapy.Spider) -> None:
        # Synchronous on purpose: spider_closed receivers run concurrently, and
        # those that read the stats (a stats file, the stats dump) must see the
        # files closed and counted. Nothing else is crawling by now.
        self.close()
        self._publish_stats()

    def open(self) -> None:
        """Recover leftovers, then start the writer process."""
        recovered = []
        for result in recover_directory(self.config.directory):
            self._count("recovered_files")
            self._count("recovered_records", result.records)
            self._count("recovered_bytes_cut", result.bytes_cut)
            if result.final_path is not None:
                recovered.append(result.final_path)
        if self.config.done_dir:
            # closed files a killed run did not hand over yet
            recovered += [p for p in closed_files(self.config.directory) if p not in recovered]
        options = {
            "config": asdict(self.config),
            "warcinfo": self.warcinfo,
            "index": recovered if self.config.cdxj or self.config.done_dir else [],
        }
        from twisted.internet import reactor

        self.writer = WarcWriterProcess(
            options,
            queue_size=self.config.queue_size,
            on_failure=self._failed,
            reactor=reactor,
            on_disk_full=self._disk_full,
        )
        self.writer.start()
        logger.info("Writing WARC files to %s", self.config.directory)

    def close(self) -> None:
        """Drain the queue, close the current file, finish indexing (blocks until done)."""
        if self.writer is not None:
            self.writer.close()
            self._counts.update(self.writer.counts())

    # -- the reactor side ------------------------------------------------------

    def submit(self, exchange: Exchange) -> WarcRef:
        """Queue one exchange; the returned ref resolves to its file name and offset."""
        assert self.writer is not None
        location: Future[WarcLocation] = Future()

        def done(loc: WarcLocation | None, error: BaseException | None) -> None:
            if error is not None:
                location.set_exception(error)
            else:
                location.set_result(loc)

        self.writer.submit(exchange, done)
        return WarcRef(exchange.record_id, location, exchange.truncated)

    def _disk_full(self, what: str, text: str) -> None:
        stop_on_disk_full(self._crawler, what, OSError(errno.ENOSPC, text))

    def expect(self, record_id: str, location: Future[WarcLocation]) -> None:
        """An item names ``record_id``: keep its location for the pipeline."""
        self._expected[record_id] = location

    def claim(self, record_id: str) -> Future[WarcLocation] | None:
        """The location an item waits for (once: the entry is removed)."""
        return self._expected.pop(record_id, None)

    # -- helpers -------------------------------------------------------------

    def _count(self, key: str, n: int = 1) -> None:
        self._counts[key] += n

    def _publish_stats(self) -> None:
        if self.stats is None:
            return
        for key, value in sorted(self._counts.items()):
            self.stats.set_value(STATS_PREFIX + key, value)
        not_stored = sum(self._counts.get(key, 0) for key in NOT_STORED_COUNTS)
        if not_stored > self._not_stored_published:
            # other components add to the same stat: add only what is new here
            self.stats.inc_value(NOT_STORED_KEY, not_stored - self._not_stored_published)
            self._not_stored_published = not_stored

    def counts(self) -> dict[str, Any]:
        return dict(self._counts)
