"""What FeedSpider.start() sets up for the crawl before its first request."""

from __future__ import annotations

import asyncio
import gc

from scrapy.utils.test import get_crawler

from newscrawl.spiders.feeds import YOUNG_GC_THRESHOLD, FeedSpider


async def _first_request(spider: FeedSpider):  # type: ignore[no-untyped-def]
    async for request in spider.start():
        return request
    return None


def test_start_collects_young_garbage_less_often_and_keeps_a_higher_threshold() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        crawler = get_crawler(FeedSpider)
        spider = FeedSpider.from_crawler(crawler, feeds="http://127.0.0.1:1/feed.xml")
        request = asyncio.run(_first_request(spider))
        assert request is not None and request.url == "http://127.0.0.1:1/feed.xml"
        assert gc.get_threshold() == (YOUNG_GC_THRESHOLD, 10, 10)

        gc.set_threshold(YOUNG_GC_THRESHOLD * 2, 5, 5)  # set higher by the user: kept
        asyncio.run(_first_request(FeedSpider.from_crawler(crawler, feeds="http://127.0.0.1:1/f")))
        assert gc.get_threshold() == (YOUNG_GC_THRESHOLD * 2, 5, 5)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
