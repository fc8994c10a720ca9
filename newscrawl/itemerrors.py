"""Count an item that a pipeline failed on as an output not stored.

Scrapy logs the error and drops the item, and the crawl goes on; without a
count the run would still exit 0 though a record is missing.
"""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from newscrawl.exitcodes import NOT_STORED_KEY

FAILED_KEY = "newscrawl/items/failed"


class ItemErrorExtension:
    """On ``item_error``: one more failed item, one more output not stored (exit 3)."""

    def __init__(self, stats: Any) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ItemErrorExtension:
        ext = cls(crawler.stats)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        return ext

    def item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        self.stats.inc_value(FAILED_KEY)
        self.stats.inc_value(NOT_STORED_KEY)
