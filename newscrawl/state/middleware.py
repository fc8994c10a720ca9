"""The crawl state in the request flow.

``FeedStateMiddleware`` (downloader): asks for feeds conditionally
(``If-None-Match`` / ``If-Modified-Since``, with an unconditional fetch every
``NEWSCRAWL_STATE_FULL_FETCH_HOURS``) and saves each feed's validators and
outcome once retries and redirects are done.

``KnownArticleMiddleware`` (spider): drops feeds that are not due (minimum
interval, failure backoff) from the start requests, stops a run whose state is
locked by another, and drops requests for articles already archived (matched
on normalised permalink or canonical URL) unless the re-crawl policy wants
them again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterable
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, NotConfigured
from scrapy.http import Response

from newscrawl.state.config import StateConfig
from newscrawl.state.extension import CrawlStateExtension
from newscrawl.state.keys import FEED_KEY_META, article_key, feed_key
from newscrawl.state.store import FeedState, StateStore

logger = logging.getLogger(__name__)

KIND = "newscrawl_kind"
RECRAWL_META = "newscrawl_recrawl"
FULL_FETCH_META = "newscrawl_full_fetch"  # no conditional headers: the feed's entries are wanted


class _StateUser:
    """Finds the run's :class:`CrawlStateExtension` once the crawl has started."""

    def __init__(self, config: StateConfig, stats: Any = None) -> None:
        self.config = config
        self.stats = stats
        self.state: CrawlStateExtension | None = None
        self.clock = time.time

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        config = StateConfig.from_settings(crawler.settings)
        if not config.enabled:
            raise NotConfigured  # off: no log line (Scrapy warns when given a reason)
        mw = cls(config, crawler.stats)

        def engine_started() -> None:
            mw.state = crawler.get_extension(CrawlStateExtension)

        crawler.signals.connect(engine_started, signal=signals.engine_started, weak=False)
        return mw

    @property
    def store(self) -> StateStore | None:
        return self.state.store if self.state is not None else None

    def _inc(self, key: str, n: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(key, n)


class FeedStateMiddleware(_StateUser):
    """Conditional feed requests; feed validators and outcomes into the store."""

    def process_request(self, request: scrapy.Request, spider: Any = None) -> None:
        store = self.store
        if store is None or request.meta.get(KIND) != "feed" or not self.config.conditional:
            return None
        if request.meta.get(FULL_FETCH_META):
            return None
        if self.config.recrawl_hours:
            # re-crawled articles are found through their feed's entries, which a 304 hides
            return None
        if "If-None-Match" in request.headers or "If-Modified-Since" in request.headers:
            return None  # set by the user or already done (a retry)
        feed = store.get_feed(feed_key(request))
        if feed is None or not (feed.etag or feed.last_modified):
            return None
        full_every = self.config.full_fetch_hours * 3600
        if full_every and (self.clock() - (feed.last_full_fetch or 0)) >= full_every:
            self._inc("newscrawl/feeds/forced_full_fetch")
            return None
        if feed.etag:
            request.headers["If-None-Match"] = feed.etag
        if feed.last_modified:
            request.headers["If-Modified-Since"] = feed.last_modified
        # the spider sees the 304 and ends that feed's work for the run
        allowed = list(request.meta.get("handle_httpstatus_list") or [])
        request.meta["handle_httpstatus_list"] = [*allowed, 304]
        self._inc("newscrawl/feeds/conditional_requests")
        return None

    def process_response(
        self, request: scrapy.Request, response: Response, spider: Any = None
    ) -> Response:
        store = self.store
        if store is not None and request.meta.get(KIND) == "article":
            if response.status >= 500 or response.status in (408, 429):  # worth a retry
                self.state.feed_incomplete(request.meta.get(FEED_KEY_META))
            return response
        if store is None or request.meta.get(KIND) != "feed" or 300 <= response.status < 304:
            return response
        now = self.clock()
        key = feed_key(request)
        feed = store.get_feed(key) or FeedState(key)
        feed.last_fetch = now
        if response.status == 304:
            feed.last_outcome, feed.failures = "not_modified", 0
        elif 200 <= response.status < 300:
            feed.last_outcome, feed.failures = "ok", 0
            feed.etag = _header(response, b"ETag")
            feed.last_modified = _header(response, b"Last-Modified")
            # a full answer, also to a conditional request: the validators are not stuck
            feed.last_full_fetch = now
        else:
            feed.last_outcome = f"http_{response.status}"
            feed.failures += 1
        store.save_feed(feed)
        return response

    def process_exception(
        self, request: scrapy.Request, exception: BaseException, spider: Any = None
    ) -> None:
        store = self.store
        if store is not None and request.meta.get(KIND) == "article":
            self.state.feed_incomplete(request.meta.get(FEED_KEY_META))  # try it next run
            return None
        if store is None or request.meta.get(KIND) != "feed":
            return None
        key = feed_key(request)
        feed = store.get_feed(key) or FeedState(key)
        feed.last_fetch = self.clock()
        feed.last_outcome = type(exception).__name__.lower()
        feed.failures += 1
        store.save_feed(feed)
        return None


class KnownArticleMiddleware(_StateUser):
    """Only due feeds start; only new (or re-crawl-due) articles are requested."""

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        if self.state is not None and self.state.locked_reason:
            logger.error("newscrawl: %s; this run does nothing", self.state.locked_reason)
            raise CloseSpider("locked")
        async for obj in start:
            is_feed = isinstance(obj, scrapy.Request) and obj.meta.get(KIND) == "feed"
            if is_feed and not self._feed_due(obj.url):
                continue
            yield obj

    def _feed_due(self, url: str) -> bool:
        store = self.store
        feed = store.get_feed(url) if store is not None else None
        if feed is None or feed.last_fetch is None:
            return True
        since = self.clock() - feed.last_fetch
        wait = self.config.backoff(feed.failures)
        if since < wait:
            logger.warning(
                "Feed backed off %s: %d failed fetches in a row (last: %s); next try in %d s",
                url,
                feed.failures,
                feed.last_outcome,
                wait - since,
            )
            self._inc("newscrawl/feeds/backed_off")
            return False
        if since < self.config.feed_min_interval:
            logger.info(
                "Feed not due %s: fetched %d s ago (NEWSCRAWL_FEED_MIN_INTERVAL=%g)",
                url,
                since,
                self.config.feed_min_interval,
            )
            self._inc("newscrawl/feeds/not_due")
            return False
        return True

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any], spider: Any = None
    ) -> AsyncIterator[Any]:
        async for obj in result:
            if isinstance(obj, scrapy.Request) and obj.meta.get(KIND) == "article":
                obj = self._article_request(obj)
                if obj is None:
                    continue
            yield obj

    def _article_request(self, request: scrapy.Request) -> scrapy.Request | None:
        store = self.store
        if store is None:
            return request
        known = store.find_article(*_keys(request))
        if known is None:
            return request
        recrawl_for = self.config.recrawl_hours * 3600
        if recrawl_for and self.clock() - (known.first_fetch or 0) < recrawl_for:
            self._inc("newscrawl/articles/recrawled")
            request.meta[RECRAWL_META] = True
            return request
        logger.debug("Article known, not fetched again: %s", request.url)
        self._inc("newscrawl/articles/known")
        return None


def _keys(request: scrapy.Request) -> Iterable[str | None]:
    entry = (request.cb_kwargs or {}).get("entry") or {}
    return (
        article_key(request.url),
        article_key(entry.get("permalink")),
        article_key(entry.get("original_link")),
    )


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
