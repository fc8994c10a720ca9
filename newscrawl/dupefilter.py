"""A dupefilter that says what it drops.

Scrapy's ``RFPDupeFilter`` drops a request whose canonical URL it has seen, and
logs only the first one at DEBUG. A dropped request can be an article that two
links led to (two permalinks redirecting to one page, or one URL spelt two ways),
so each one is logged at INFO and counted (``newscrawl/requests/duplicate_dropped``).
"""

from __future__ import annotations

import logging

from scrapy import Request, Spider
from scrapy.dupefilters import RFPDupeFilter

logger = logging.getLogger(__name__)


class LoggingDupeFilter(RFPDupeFilter):
    """``RFPDupeFilter`` that logs and counts every request it drops."""

    def log(self, request: Request, spider: Spider) -> None:
        redirected_from = (request.meta.get("redirect_urls") or [None])[0]
        if redirected_from:
            logger.info(
                "Duplicate request dropped %s (redirected from %s)", request.url, redirected_from
            )
        else:
            logger.info("Duplicate request dropped %s", request.url)
        spider.crawler.stats.inc_value("newscrawl/requests/duplicate_dropped")
        spider.crawler.stats.inc_value("dupefilter/filtered")
