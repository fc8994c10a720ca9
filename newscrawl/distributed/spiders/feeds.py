"""``RedisFeedSpider``: the feed spider of a distributed crawl, fed through Redis.

Feed URLs come from the Redis list ``feeds:start_urls`` (``scrapy pushfeeds``,
``redis-cli rpush``, or ``-a feeds=`` / ``-a feeds_file=`` given to a worker), one
URL or a scrapy-redis JSON object per entry; the feed parsing is FeedSpider's. An
idle worker asks Redis again, first taking back what dead workers had claimed, and
stops after ``MAX_IDLE_TIME_BEFORE_CLOSE`` idle seconds (0: waits for ever).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy_redis.spiders import RedisMixin

from newscrawl.distributed.claims import STATS_PREFIX, request_from_claim
from newscrawl.distributed.quiet import silence_scrapy_redis_warnings
from newscrawl.feedlist import check_feed_entry, is_remote_list, iter_feed_list, split_feed_urls
from newscrawl.spiders.feeds import FeedSpider
from newscrawl.state.extension import CrawlStateExtension

silence_scrapy_redis_warnings()

logger = logging.getLogger(__name__)


class RedisFeedSpider(RedisMixin, FeedSpider):
    """FeedSpider whose feeds come from Redis; any number of workers run it at once."""

    name = "feeds"

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> RedisFeedSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.setup_redis(crawler)
        spider.spider_idle_start_time = int(time.time())  # scrapy-redis sets it at import
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.push_given_feeds()
        for request in self.next_requests():
            yield request

    def push_given_feeds(self) -> None:
        """``-a feeds=...`` / ``-a feeds_file=PATH`` go to Redis, for whichever worker is free."""
        texts = list(split_feed_urls(self.feeds_arg))
        location = (self.feeds_file_arg or "").strip()
        if location and is_remote_list(location):
            logger.error("Feed list %s: push it with scrapy pushfeeds", location)
        elif location:
            try:
                texts += list(iter_feed_list(location))
            except OSError as exc:
                logger.error("Cannot read feed list %s: %s", location, exc.strerror or exc)
        urls = [entry.url for entry in map(check_feed_entry, texts) if entry.url]
        if urls:
            self.server.rpush(self.redis_key, *urls)
            logger.info("Pushed %d feeds to %s", len(urls), self.redis_key)

    def next_requests(self) -> Iterator[scrapy.Request]:
        yield from self.requeue_expired()
        yield from super().next_requests()

    def requeue_expired(self) -> Iterator[scrapy.Request]:
        """Requests that dead workers had taken and never finished, queued again."""
        ext = self.crawler.get_extension(CrawlStateExtension)
        store = ext.store if ext is not None else None
        if store is None or not hasattr(store, "take_expired"):
            return
        for data in store.take_expired(limit=self.redis_batch_size or 100):
            request = request_from_claim(self, data)
            if request is None:
                continue
            logger.info("Queued again, its worker did not finish it: %s", request.url)
            self.crawler.stats.inc_value(f"{STATS_PREFIX}requeued/{data.get('kind')}")
            yield request

    def make_request_from_data(self, data: bytes) -> scrapy.Request | list:
        """A feed request from one ``feeds:start_urls`` entry (a URL, or JSON with ``url``)."""
        text = data.decode(self.redis_encoding or "utf-8", "replace").strip()
        if text.startswith("{"):
            try:
                text = str(json.loads(text).get("url") or "")
            except (ValueError, AttributeError):
                text = ""
        entry = check_feed_entry(text)
        if entry.url is None:
            logger.warning("Feed skipped from Redis: %r is %s", text[:200], entry.note)
            self.crawler.stats.inc_value("newscrawl/feeds/list_entry_unusable")
            return []
        self.crawler.stats.inc_value(f"{STATS_PREFIX}feeds_popped")
        # pushed feeds are fetched each time they are pushed, whatever the dupefilter saw
        return self.feed_request(entry.url).replace(dont_filter=True)
