"""``WarcExtension``: opens the WARC writer with the spider and closes it cleanly.

At ``spider_opened`` it repairs ``.open`` files left by a crashed run, then
starts the writer thread; at ``spider_closed`` (also after SIGINT/SIGTERM,
which Scrapy turns into a graceful close) it waits until every queued
exchange is written, closes and renames the current file, finishes the CDXJ
indexes, and reports the counts as ``newscrawl/warc/...`` stats.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import scrapy
import warcio
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

import newscrawl
from newscrawl.warc.config import WarcConfig
from newscrawl.warc.dedup import DedupIndex
from newscrawl.warc.exchange import Exchange
from newscrawl.warc.files import WarcFileManager
from newscrawl.warc.index import write_cdxj
from newscrawl.warc.middleware import WarcRef
from newscrawl.warc.recovery import recover_directory
from newscrawl.warc.writer import (
    WARC_CONFORMS_TO,
    WARC_FORMAT,
    RotatingWarcWriter,
    WarcLocation,
    WarcWriterThread,
)

logger = logging.getLogger(__name__)

STATS_PREFIX = "newscrawl/warc/"


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
    """Owns the WARC writer thread, the CDXJ indexer and recovery for one crawl."""

    def __init__(
        self,
        config: WarcConfig,
        stats: StatsCollector | None = None,
        warcinfo: dict[str, str] | None = None,
    ) -> None:
        self.config = config
        self.stats = stats
        self.warcinfo = warcinfo or {}
        self.thread: WarcWriterThread | None = None
        self._indexer: ThreadPoolExecutor | None = None
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._expected: dict[str, Future[WarcLocation]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcExtension:
        settings = crawler.settings
        config = WarcConfig.from_settings(settings)
        if not config.enabled:
            raise NotConfigured("NEWSCRAWL_WARC_ENABLED is off")
        ext = cls(config, crawler.stats)
        ext._settings = settings
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.alive

    # -- lifecycle -----------------------------------------------------------

    def spider_opened(self, spider: scrapy.Spider) -> None:
        settings = getattr(self, "_settings", None)
        if settings is not None and not self.warcinfo:
            self.warcinfo = warcinfo_fields(
                self.config,
                self.config.crawl_name or spider.name,
                settings.getbool("ROBOTSTXT_OBEY"),
                settings.get("USER_AGENT"),
            )
        self.open()

    def spider_closed(self, spider: scrapy.Spider) -> None:
        # Synchronous on purpose: spider_closed receivers run concurrently, and
        # those that read the stats (a stats file, the stats dump) must see the
        # files closed and counted. Nothing else is crawling by now.
        self.close()
        self._publish_stats()

    def open(self) -> None:
        """Recover leftovers, then start the writer thread."""
        self._indexer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newscrawl-cdxj")
        for result in recover_directory(self.config.directory):
            self._count("recovered_files")
            self._count("recovered_records", result.records)
            self._count("recovered_bytes_cut", result.bytes_cut)
            if result.final_path is not None:
                self._on_closed(result.final_path)
        files = WarcFileManager(
            self.config.directory,
            self.config.prefix,
            gzip=self.config.gzip,
            fsync=self.config.fsync,
            on_closed=self._on_closed,
        )

        def make_writer() -> RotatingWarcWriter:
            dedup = DedupIndex(self.config.dedup_path) if self.config.dedup else None
            return RotatingWarcWriter(
                files,
                self.warcinfo,
                digest=self.config.digest,
                gzip=self.config.gzip,
                gzip_level=self.config.gzip_level,
                max_size=self.config.max_size,
                max_age=self.config.max_age,
                dedup=dedup,
            )

        self.thread = WarcWriterThread(make_writer, queue_size=self.config.queue_size)
        self.thread.start()
        logger.info("Writing WARC files to %s", self.config.directory)

    def close(self) -> None:
        """Drain the queue, close the current file, finish indexing (blocks until done)."""
        if self.thread is not None:
            self.thread.close()
            with self._lock:
                self._counts.update(self.thread.counts())
        if self._indexer is not None:
            self._indexer.shutdown(wait=True)

    # -- the reactor side ------------------------------------------------------

    def submit(self, exchange: Exchange) -> WarcRef:
        """Queue one exchange; the returned ref resolves to its file name and offset."""
        assert self.thread is not None
        location: Future[WarcLocation] = Future()

        def done(loc: WarcLocation | None, error: BaseException | None) -> None:
            if error is not None:
                location.set_exception(error)
            else:
                location.set_result(loc)

        self.thread.submit(exchange, done)
        return WarcRef(exchange.record_id, location)

    def expect(self, record_id: str, location: Future[WarcLocation]) -> None:
        """An item names ``record_id``: keep its location for the pipeline."""
        self._expected[record_id] = location

    def claim(self, record_id: str) -> Future[WarcLocation] | None:
        """The location an item waits for (once: the entry is removed)."""
        return self._expected.pop(record_id, None)

    # -- helpers -------------------------------------------------------------

    def _on_closed(self, path: str) -> None:
        if not self.config.cdxj or self._indexer is None:
            return
        self._indexer.submit(self._index, path)

    def _index(self, path: str) -> None:
        try:
            write_cdxj(path)
        except Exception as exc:
            logger.error("Could not write the CDXJ index of %s: %s", path, exc)
            self._count("cdxj_errors")
        else:
            self._count("cdxj_files")

    def _count(self, key: str, n: int = 1) -> None:
        with self._lock:
            self._counts[key] += n

    def _publish_stats(self) -> None:
        if self.stats is None:
            return
        with self._lock:
            counts = dict(self._counts)
        for key, value in sorted(counts.items()):
            self.stats.set_value(STATS_PREFIX + key, value)

    def counts(self) -> dict[str, Any]:
        with self._lock:
            return dict(self._counts)
