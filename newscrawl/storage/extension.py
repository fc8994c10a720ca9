"""``OutputStorageExtension``: checks the destination at start-up, runs the uploader,
and accounts for what could not be stored.

At start-up a destination that can never work (malformed URI, missing bucket,
rejected credentials) stops the crawl with one line; an unreachable one only
means files wait in the spool. Files an earlier run left in the spool are sent
first. At the end the extension waits up to ``NEWSCRAWL_UPLOAD_CLOSE_TIMEOUT``
for the spool to empty; what is left is logged (count, bytes, oldest) and
counted in ``newscrawl/outputs/not_stored``.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import Deferred
from twisted.internet.threads import deferToThread

from newscrawl.exitcodes import CONFIG_ERROR_KEY, NOT_STORED_KEY
from newscrawl.storage.base import OutputStorage, StorageConfigError, StorageUnavailable
from newscrawl.storage.layout import OutputLayout, build_storage
from newscrawl.storage.spool import Spool
from newscrawl.storage.uploader import Uploader

logger = logging.getLogger(__name__)

STATS_PREFIX = "newscrawl/storage/"


class OutputStorageExtension:
    """Owns the destination of a crawl's outputs: checked, spooled, uploaded, reported."""

    def __init__(
        self,
        storage: OutputStorage | None,
        layout: OutputLayout,
        stats: Any = None,
        close_timeout: float = 60.0,
        retry_delay: float = 1.0,
        max_delay: float = 60.0,
        error: str | None = None,
    ) -> None:
        self.storage = storage
        self.layout = layout
        self.stats = stats
        self.close_timeout = close_timeout
        self.error = error
        self.spool: Spool | None = None
        self.uploader: Uploader | None = None
        if storage is not None and storage.spooled:
            self.spool = Spool(layout.spool_dir, storage.uri)
            self.uploader = Uploader(storage, self.spool, retry_delay, max_delay)
        self._crawler: Crawler | None = None
        self._feeds_closed: Deferred | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OutputStorageExtension:
        settings = crawler.settings
        layout = OutputLayout.from_settings(settings)
        storage, error = None, None
        try:
            storage = build_storage(settings)
            if storage.spooled:
                Spool(layout.spool_dir, storage.uri).open()
            storage.check()
        except StorageConfigError as exc:
            error = str(exc)
        except StorageUnavailable as exc:
            logger.warning(
                "Output destination %s is unreachable at start-up (%s); outputs wait in the "
                "spool %s until it is back",
                storage.describe() if storage else layout.uri,
                exc,
                layout.spool_dir,
            )
        ext = cls(
            storage,
            layout,
            crawler.stats,
            close_timeout=settings.getfloat("NEWSCRAWL_UPLOAD_CLOSE_TIMEOUT", 60.0),
            retry_delay=settings.getfloat("NEWSCRAWL_UPLOAD_RETRY_DELAY", 1.0),
            max_delay=settings.getfloat("NEWSCRAWL_UPLOAD_RETRY_MAX_DELAY", 60.0),
            error=error,
        )
        ext._crawler = crawler
        if error is not None:
            # one line, here, before anything is crawled; the spider is closed when opened
            logger.error("Cannot store outputs: %s", error)
            crawler.stats.set_value(CONFIG_ERROR_KEY, 1)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.feed_exporter_closed, signal=signals.feed_exporter_closed)
        return ext

    # -- signals -------------------------------------------------------------------

    def spider_opened(self, spider: Any) -> None:
        if self.error is not None:
            if self._crawler is not None and self._crawler.engine is not None:
                deferred_from_coro(self._crawler.engine.close_spider_async(reason="config_error"))
            return
        if self._crawler is not None and _has_feed_exports(self._crawler):
            self._feeds_closed = Deferred()
        if self.uploader is not None:
            assert self.spool is not None and self.storage is not None
            left = self.spool.summary()
            if left.count:
                logger.info(
                    "The spool holds %s from an earlier run; sending them to %s first",
                    left.describe(),
                    self.storage.describe(),
                )
            self.uploader.start()
            logger.info(
                "Storing outputs in %s (spool: %s)", self.storage.describe(), self.spool.root
            )

    def feed_exporter_closed(self) -> None:
        if self._feeds_closed is not None and not self._feeds_closed.called:
            self._feeds_closed.callback(None)

    async def spider_closed(self, spider: Any, reason: str) -> None:
        if self.error is not None:
            return
        # let the other spider_closed receivers run first (the WARC writer closes its
        # files synchronously in one), and the feed exports store their last batches
        from twisted.internet import reactor
        from twisted.internet.task import deferLater

        await maybe_deferred_to_future(deferLater(reactor, 0, lambda: None))
        if self._feeds_closed is not None and not self._feeds_closed.called:
            # bounded: a feed exporter that failed to close must not hang the crawl
            guard = reactor.callLater(max(self.close_timeout, 60.0), self.feed_exporter_closed)
            await maybe_deferred_to_future(self._feeds_closed)
            if guard.active():
                guard.cancel()
        self._count_failed_feeds()
        if self.uploader is not None:
            await maybe_deferred_to_future(deferToThread(self.finish_uploads))

    # -- helpers --------------------------------------------------------------------

    def finish_uploads(self) -> None:
        """Wait for the spool to empty (bounded), stop the uploader, account for the rest."""
        assert self.uploader is not None and self.spool is not None
        assert self.storage is not None
        self.uploader.drain(self.close_timeout)
        self.uploader.stop()
        left = self.spool.summary()
        for key, value in sorted(self.uploader.counts.items()):
            self._set(STATS_PREFIX + key, value)
        self._set(STATS_PREFIX + "spooled_files", left.count)
        self._set(STATS_PREFIX + "spooled_bytes", left.bytes)
        if left.count:
            self._inc_not_stored(left.count)
            logger.error(
                "%d outputs were not stored in %s: the spool %s keeps them (%s); the next "
                "run sends them first, or run `scrapy upload`",
                left.count,
                self.storage.describe(),
                self.spool.outgoing,
                left.describe(),
            )

    def _count_failed_feeds(self) -> None:
        """Feed batches Scrapy could not store (a FEEDS entry of its own) are outputs lost."""
        if self.stats is None:
            return
        stats = self.stats.get_stats()
        failed = sum(v for k, v in stats.items() if k.startswith("feedexport/failed_count/"))
        if failed:
            self._inc_not_stored(int(failed))

    def _inc_not_stored(self, n: int) -> None:
        if self.stats is not None:
            self.stats.inc_value(NOT_STORED_KEY, n)

    def _set(self, key: str, value: Any) -> None:
        if self.stats is not None:
            self.stats.set_value(key, value)


def _has_feed_exports(crawler: Crawler) -> bool:
    from scrapy.extensions.feedexport import FeedExporter

    try:
        return crawler.get_extension(FeedExporter) is not None
    except Exception:
        return False
