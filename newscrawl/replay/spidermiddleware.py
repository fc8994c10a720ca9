"""``ReplayItemMiddleware``: items name the archived record they were replayed from.

A live crawl stamps each item with the WARC file, record ID and offset of its
response; in a replay these are the same record, read back, so the replayed
items carry the same ``warc_*`` values as the live ones.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from itemadapter import ItemAdapter, is_item
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from newscrawl.replay.archive import Replayed
from newscrawl.replay.config import replay_active
from newscrawl.replay.handler import REPLAY_META_KEY
from newscrawl.warc.spidermiddleware import has_warc_fields


class ReplayItemMiddleware:
    """Spider middleware: fill ``warc_file``, ``warc_record_id``, ``warc_offset``."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayItemMiddleware:
        if not replay_active(crawler.settings):
            raise NotConfigured("NEWSCRAWL_REPLAY_FROM is not set")
        return cls()

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        replayed = response.meta.get(REPLAY_META_KEY) if response.request is not None else None
        async for obj in result:
            if isinstance(replayed, Replayed) and is_item(obj) and has_warc_fields(obj):
                adapter = ItemAdapter(obj)
                if not adapter.get("warc_record_id"):
                    adapter["warc_file"] = replayed.file
                    adapter["warc_record_id"] = replayed.record_id
                    adapter["warc_offset"] = replayed.offset
            yield obj
