"""Claims on requests taken from the shared queue, and where they are released.

A claim is taken when a worker pops a request (``scheduler``) and released
when the work is done: the article archived (the state store does it), or the
request given up (download error, no item, item dropped), or the feed's
entries all queued. What a dead worker held is queued again by any worker once
the lease is over (``RedisFeedSpider.next_requests``).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import scrapy
from itemadapter import is_item
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from newscrawl.state.config import StateConfig
from newscrawl.state.extension import CrawlStateExtension
from newscrawl.state.keys import article_key, feed_key
from newscrawl.state.middleware import FULL_FETCH_META, KIND

logger = logging.getLogger(__name__)

CLAIM_META = "newscrawl_claim"
STATS_PREFIX = "newscrawl/distributed/"


def claim_key(request: scrapy.Request) -> str | None:
    """The claim key of a feed or article request; None for other requests."""
    kind = request.meta.get(KIND)
    if kind == "feed":
        return "feed " + feed_key(request)
    if kind == "article":
        entry = (request.cb_kwargs or {}).get("entry") or {}
        first = (request.meta.get("redirect_urls") or [request.url])[0]
        return article_key(entry.get("permalink") or first)
    return None


def claim_data(request: scrapy.Request) -> dict[str, Any]:
    """What is needed to queue the request again if its worker dies."""
    kind = request.meta.get(KIND)
    if kind == "feed":
        return {"kind": "feed", "url": feed_key(request)}
    first = (request.meta.get("redirect_urls") or [request.url])[0]
    kwargs = request.cb_kwargs or {}
    return {
        "kind": "article",
        "url": first,
        "feed_url": kwargs.get("feed_url"),
        "entry": kwargs.get("entry") or {},
    }


def request_from_claim(spider: Any, data: dict[str, Any]) -> scrapy.Request | None:
    """The request a dead worker had taken, to be queued again (past the dupefilter)."""
    url = data.get("url")
    if not url:
        return None
    if data.get("kind") == "feed":
        request = spider.feed_request(url)
        request.meta[FULL_FETCH_META] = True  # its validators were saved, its entries not all
        return request.replace(dont_filter=True)
    return scrapy.Request(
        url,
        callback=spider.parse_article,
        errback=spider.article_failed,
        meta={KIND: "article"},
        cb_kwargs={"feed_url": data.get("feed_url"), "entry": data.get("entry") or {}},
        dont_filter=True,
    )


class _ClaimUser:
    def __init__(self, stats: Any = None) -> None:
        self.stats = stats
        self.state: CrawlStateExtension | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        if not StateConfig.from_settings(crawler.settings).enabled:
            raise NotConfigured  # off: no log line
        obj = cls(crawler.stats)

        def engine_started() -> None:
            obj.state = crawler.get_extension(CrawlStateExtension)

        crawler.signals.connect(engine_started, signal=signals.engine_started, weak=False)
        obj.connect(crawler)
        return obj

    def connect(self, crawler: Crawler) -> None:
        pass

    def release(self, request: scrapy.Request | None, why: str) -> None:
        key = request.meta.get(CLAIM_META) if request is not None else None
        store = self.state.store if self.state is not None else None
        if not key or store is None or not hasattr(store, "release"):
            return
        store.release(key)
        if self.stats is not None:
            self.stats.inc_value(f"{STATS_PREFIX}released/{why}")


class ClaimDownloaderMiddleware(_ClaimUser):
    """Releases the claim of a request that failed for good (after retries)."""

    def process_exception(
        self, request: scrapy.Request, exception: BaseException, spider: Any = None
    ) -> None:
        self.release(request, "failed")
        return None


class ClaimSpiderMiddleware(_ClaimUser):
    """Releases a feed's claim once its entries are queued; an article's when no item came."""

    def connect(self, crawler: Crawler) -> None:
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any], spider: Any = None
    ) -> AsyncIterator[Any]:
        items = 0
        async for obj in result:
            if is_item(obj):
                items += 1
            yield obj
        request = response.request
        kind = request.meta.get(KIND) if request is not None else None
        if kind == "feed":
            self.release(request, "feed_done")
        elif kind == "article" and not items:
            self.release(request, "no_item")

    def item_dropped(self, item: Any, response: Response | None = None, **kwargs: Any) -> None:
        if response is not None:
            self.release(response.request, "item_dropped")
