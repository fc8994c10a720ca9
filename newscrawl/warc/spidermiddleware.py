"""``WarcItemMiddleware``: tells each item where its response lives in the archive.

The capture middleware puts a :class:`~newscrawl.warc.middleware.WarcRef` in
the response's meta: the record ID is known at once, the file name and
offset once the writer thread has written the record (the final name, even
if the file is rotated right after). Items yielded from that response wait
for it here and get ``warc_file``, ``warc_record_id`` and ``warc_offset``;
requests pass straight through.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from concurrent.futures import Future
from typing import Any

from itemadapter import ItemAdapter, is_item
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

from newscrawl.warc.middleware import WARC_META_KEY, WarcRef

logger = logging.getLogger(__name__)

FIELDS = ("warc_file", "warc_record_id", "warc_offset")


def _ref_of(response: Response) -> WarcRef | None:
    if response.request is None:
        return None
    ref = response.meta.get(WARC_META_KEY)
    return ref if isinstance(ref, WarcRef) else None


async def wait_location(future: Future) -> Any:
    """Wait, without blocking the reactor, for a future the writer thread resolves."""
    if not future.done():
        from twisted.internet import reactor

        d: Deferred = Deferred()

        def _resolved(_: Future) -> None:
            reactor.callFromThread(d.callback, None)

        future.add_done_callback(_resolved)
        await maybe_deferred_to_future(d)
    return future.result()


class WarcItemMiddleware:
    """Spider middleware: fill the ``warc_*`` fields of items from their response."""

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        ref = _ref_of(response)
        async for obj in result:
            if ref is not None and is_item(obj):
                await self._fill(obj, ref, response.url)
            yield obj

    @staticmethod
    async def _fill(item: Any, ref: WarcRef, url: str) -> None:
        adapter = ItemAdapter(item)
        if not isinstance(item, dict) and not all(f in adapter.field_names() for f in FIELDS):
            return  # an item type without the warc_* fields
        if adapter.get("warc_record_id"):
            return  # set by the spider itself
        try:
            location = await wait_location(ref.location)
        except Exception as exc:
            logger.warning("Item from %s has no WARC location: %s", url, exc)
            return
        adapter["warc_file"] = location.file
        adapter["warc_record_id"] = location.record_id
        adapter["warc_offset"] = location.offset
