"""``WarcLocationPipeline``: fills ``warc_file``, ``warc_offset`` and ``warc_payload_digest``.

The record ID is on the item already (``WarcItemMiddleware``); the file name
and offset are known once the writer process has written the record, to the
file it was really written to (the final name, also when the file is rotated
right after). Runs early (order 50) so later pipelines see complete fields.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

from newscrawl.items import has_field, item_fields, set_field
from newscrawl.warc.config import WarcConfig
from newscrawl.warc.spidermiddleware import has_warc_fields
from newscrawl.warc.writerproc import DISK_FULL_TEXT

if TYPE_CHECKING:
    from newscrawl.warc.extension import WarcExtension

logger = logging.getLogger(__name__)


async def wait_for(future: Future) -> Any:
    """Wait, without blocking the reactor, for the writer's answer about a record.

    The answer is read on the reactor thread, so the future is resolved there.
    """
    if not future.done():
        d: Deferred = Deferred()
        future.add_done_callback(lambda _: d.callback(None))
        await maybe_deferred_to_future(d)
    return future.result()


class WarcLocationPipeline:
    """Item pipeline: wait for the item's record to be written, then say where it is."""

    def __init__(self) -> None:
        self.book: WarcExtension | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcLocationPipeline:
        if not WarcConfig.from_settings(crawler.settings).enabled:
            raise NotConfigured("NEWSCRAWL_WARC_ENABLED is off")
        pipeline = cls()

        def spider_opened() -> None:
            from newscrawl.warc.extension import WarcExtension

            pipeline.book = crawler.get_extension(WarcExtension)

        crawler.signals.connect(spider_opened, signal=signals.spider_opened, weak=False)
        return pipeline

    async def process_item(self, item: Any) -> Any:
        if self.book is None or not has_warc_fields(item):
            return item
        fields = item_fields(item)
        record_id = fields.get("warc_record_id")
        future = self.book.claim(record_id) if record_id else None
        if future is None:
            return item
        try:
            location = await wait_for(future)
        except Exception as exc:
            if not str(exc).startswith(DISK_FULL_TEXT):  # a full disk is said once
                logger.warning("Item %s has no WARC location: %s", fields.get("url"), exc)
            set_field(item, "warc_record_id", None)  # the record was not written
            return item
        set_field(item, "warc_file", location.file)
        set_field(item, "warc_offset", location.offset)
        if isinstance(item, dict) or has_field(item, "warc_payload_digest"):
            set_field(item, "warc_payload_digest", location.payload_digest)
        return item
