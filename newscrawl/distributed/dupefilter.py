"""scrapy-redis's dupefilter (one fingerprint set for all workers), counting what it drops."""

from __future__ import annotations

import logging

from scrapy import Request, Spider
from scrapy_redis.dupefilter import RFPDupeFilter

logger = logging.getLogger(__name__)


class CountingRedisDupeFilter(RFPDupeFilter):
    """Drops a request any worker has queued before; logs it at DEBUG and counts it."""

    def log(self, request: Request, spider: Spider) -> None:
        logger.debug("Duplicate request dropped %s", request.url)
        spider.crawler.stats.inc_value("newscrawl/requests/duplicate_dropped")
        spider.crawler.stats.inc_value("dupefilter/filtered")
