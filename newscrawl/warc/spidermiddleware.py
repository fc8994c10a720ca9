"""``WarcItemMiddleware``: stamps each item with the record ID of its response.

The capture middleware puts a :class:`~newscrawl.warc.middleware.WarcRef` in
the response's meta. Items yielded from that response get its
``warc_record_id`` here, at once, and the ref's pending location is handed
to :class:`~newscrawl.warc.pipeline.WarcLocationPipeline`, which fills
``warc_file`` and ``warc_offset`` once the writer process has written the
record. Waiting in the pipeline rather than here keeps spider output flowing:
an ``await`` inside the spider-output chain makes Scrapy's item workers wait
on every response.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter, is_item
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response

from newscrawl.items import item_fields, set_field
from newscrawl.warc.config import WarcConfig
from newscrawl.warc.middleware import WARC_META_KEY, WarcRef

if TYPE_CHECKING:
    from newscrawl.warc.extension import WarcExtension

FIELDS = ("warc_file", "warc_record_id", "warc_offset")


def ref_of(response: Response) -> WarcRef | None:
    """The :class:`WarcRef` of the exchange that produced ``response``, if archived."""
    if response.request is None:
        return None
    ref = response.meta.get(WARC_META_KEY)
    return ref if isinstance(ref, WarcRef) else None


_HAS_FIELDS: dict[type, bool] = {}


def has_warc_fields(item: Any) -> bool:
    """Whether the item's type has the ``warc_*`` fields (dicts take any key)."""
    cls = type(item)
    known = _HAS_FIELDS.get(cls)
    if known is None:
        names = ItemAdapter(item).field_names()
        known = _HAS_FIELDS[cls] = isinstance(item, dict) or all(f in names for f in FIELDS)
    return known


class WarcItemMiddleware:
    """Spider middleware: ``warc_record_id`` now, file and offset via the pipeline."""

    def __init__(self) -> None:
        self.book: WarcExtension | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcItemMiddleware:
        if not WarcConfig.from_settings(crawler.settings).enabled:
            raise NotConfigured("NEWSCRAWL_WARC_ENABLED is off")
        mw = cls()

        def spider_opened() -> None:
            from newscrawl.warc.extension import WarcExtension

            mw.book = crawler.get_extension(WarcExtension)

        crawler.signals.connect(spider_opened, signal=signals.spider_opened, weak=False)
        return mw

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        ref = ref_of(response)
        async for obj in result:
            # most of a feed's output is requests: no need to ask every item adapter
            if ref is not None and not isinstance(obj, Request) and is_item(obj):
                self.stamp(obj, ref)
            yield obj

    def stamp(self, item: Any, ref: WarcRef) -> None:
        if not has_warc_fields(item):
            return
        if item_fields(item).get("warc_record_id"):
            return  # set by the spider itself
        set_field(item, "warc_record_id", ref.record_id)
        if self.book is not None:
            self.book.expect(ref.record_id, ref.location)
