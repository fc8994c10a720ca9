"""``CrawlStateExtension``: owns the state store and its lock for one run.

It marks an article archived only once both halves are safe: the WARC
response is written (the item carries its file and offset) and the record is
handed to the exports (``item_scraped`` comes after every pipeline, and the
JSON Lines exports are flushed to the OS first). A run killed before that
leaves the article unmarked, so the next run fetches it again.
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import load_object

from newscrawl.exitcodes import LOCKED_KEY
from newscrawl.frontmatter import article_id
from newscrawl.items import has_field, item_fields
from newscrawl.state.config import StateConfig
from newscrawl.state.keys import FEED_KEY_META, article_key
from newscrawl.state.lock import StateLock, StateLocked
from newscrawl.state.store import ArticleState, StateStore

logger = logging.getLogger(__name__)

STATS_PREFIX = "newscrawl/state/"


class CrawlStateExtension:
    """Open the store under its lock; mark articles archived; close at the end."""

    def __init__(self, config: StateConfig, stats: Any = None, warc_enabled: bool = True) -> None:
        self.config = config
        self.stats = stats
        self.warc_enabled = warc_enabled
        self.lock = StateLock(config.directory)
        self.store: StateStore | None = None
        self.locked_reason: str | None = None
        self.feed_exporter: Any = None
        self.settings: Any = None  # set by from_crawler; a store may read its own settings

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlStateExtension:
        config = StateConfig.from_settings(crawler.settings)
        if not config.enabled:
            raise NotConfigured  # off: no log line (Scrapy warns when given a reason)
        ext = cls(config, crawler.stats, crawler.settings.getbool("NEWSCRAWL_WARC_ENABLED", True))
        ext.settings = crawler.settings
        ext.open()
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)

        def engine_started() -> None:
            from scrapy.extensions.feedexport import FeedExporter

            ext.feed_exporter = crawler.get_extension(FeedExporter)

        crawler.signals.connect(engine_started, signal=signals.engine_started, weak=False)
        return ext

    def open(self) -> None:
        """Take the lock, then open the store (a locked run opens nothing).

        A store shared by several workers (``shared = True``, e.g. Redis) takes no
        lock: its claims keep workers off each other's articles.
        """
        store_cls = load_object(self.config.store)
        shared = getattr(store_cls, "shared", False)
        if not shared:
            try:
                self.lock.acquire()
            except StateLocked as exc:
                self.locked_reason = str(exc)
                if self.stats is not None:
                    self.stats.set_value(LOCKED_KEY, 1)
                return
        try:
            if hasattr(store_cls, "from_settings") and self.settings is not None:
                self.store = store_cls.from_settings(self.settings, self.config.directory)
            else:
                self.store = store_cls(self.config.directory)
        except StateLocked as exc:  # the store itself is locked by another process
            if not shared:
                self.lock.release()
            self.locked_reason = str(exc)
            if self.stats is not None:
                self.stats.set_value(LOCKED_KEY, 1)
            return
        if getattr(self.store, "set_aside", None):
            self._inc("rebuilt")
        logger.info(
            "Crawl state in %s (%d articles archived)",
            "a shared store" if shared else self.config.directory,
            self.store.count_articles(),
        )

    def _inc(self, key: str, n: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(STATS_PREFIX + key, n)

    # -- marking ---------------------------------------------------------------

    def item_scraped(self, item: Any, response: Any = None, spider: Spider | None = None) -> None:
        if self.store is None:
            return
        fields = item_fields(item)
        if "permalink" not in fields and not has_field(item, "permalink"):
            return
        written = fields.get("warc_record_id") and fields.get("warc_file")
        if (self.warc_enabled and not written) or fields.get("warc_truncated"):
            # its WARC response was not written, or was cut short: the next run fetches
            # it again, its feed asked for in full
            self._inc("not_marked")
            self.feed_incomplete(_feed_of(response))
            return
        self._flush_exports()
        self.mark_archived(fields)

    def feed_incomplete(self, feed_key: str | None) -> None:
        """An entry of this feed was not archived: its next fetch is unconditional.

        Otherwise an unchanged feed answers 304 and the entry waits for the forced
        full fetch (``NEWSCRAWL_STATE_FULL_FETCH_HOURS``) before it is tried again.
        """
        if self.store is None or not feed_key:
            return
        feed = self.store.get_feed(feed_key)
        if feed is None or not (feed.etag or feed.last_modified):
            return
        feed.etag = feed.last_modified = None
        self.store.save_feed(feed)
        self._inc("feeds_incomplete")

    def mark_archived(self, fields: dict[str, Any], now: float | None = None) -> ArticleState:
        """Save the article as archived; returns what was saved."""
        assert self.store is not None
        now = time.time() if now is None else now
        permalink = article_key(fields.get("permalink") or fields.get("url"))
        canonical = article_key(fields.get("canonical_url"))
        earlier = self.store.find_article(permalink, canonical)
        article = ArticleState(
            permalink=earlier.permalink if earlier else permalink or "",
            canonical_url=canonical or (earlier.canonical_url if earlier else None),
            first_fetch=earlier.first_fetch if earlier else now,
            last_fetch=now,
            payload_digest=fields.get("warc_payload_digest") or fields.get("payload_digest"),
            content_digest=fields.get("content_digest"),
            warc_file=fields.get("warc_file"),
            warc_offset=fields.get("warc_offset"),
            warc_record_id=fields.get("warc_record_id"),
            record_id=_record_id(fields),
            version=fields.get("record_version") or 1,
        )
        self.store.save_article(article)
        self._inc("articles_marked")
        return article

    def _flush_exports(self) -> None:
        """Push the JSON Lines lines written so far to the OS (a SIGKILL keeps them)."""
        for slot in getattr(self.feed_exporter, "slots", ()) or ():
            file = getattr(slot, "file", None)
            flush = getattr(file, "flush", None)
            if flush is not None:
                # closed or failing: the exporter itself reports it
                with contextlib.suppress(OSError, ValueError):
                    flush()

    def spider_closed(self, spider: Spider | None = None) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
        self.lock.release()


def _record_id(fields: dict[str, Any]) -> str | None:
    try:
        return article_id(fields)[0]
    except Exception:  # an item without the fields the ID is made of
        return None


def _feed_of(response: Any) -> str | None:
    """The state key of the feed that listed the article ``response`` answers."""
    request = getattr(response, "request", None)
    return request.meta.get(FEED_KEY_META) if request is not None else None
