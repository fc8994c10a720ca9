"""``ReplayDownloadHandler``: answers http/https requests from the archive.

Responses leave the handler as the network would have delivered them (status,
headers, body with its Content-Encoding), so every downloader middleware runs
as in a live crawl: ``HttpCompressionMiddleware`` decodes gzip/br bodies,
``RedirectMiddleware`` follows archived 3xx, ``RobotsTxtMiddleware`` gets the
archived robots.txt.

A URL with no capture (or an unreadable one) is answered with a 404 that
names itself (header ``X-Newscrawl-Replay: not-archived``, flag
``not_archived``), logged once per URL and counted in
``newscrawl/replay/not_archived``: to the spider it fails like a missing
page, and the network is never used. ``NEWSCRAWL_REPLAY_LIVE_FALLBACK``
sends those requests to the live web instead.
"""

from __future__ import annotations

import ipaddress
import logging

from scrapy import Request
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from scrapy.utils.asyncio import run_in_thread
from scrapy.utils.misc import build_from_crawler, load_object

from newscrawl.fetchtime import FETCHED_AT_META
from newscrawl.replay.archive import Replayed
from newscrawl.replay.config import ReplayConfig, ReplayConfigError
from newscrawl.replay.extension import ReplayExtension
from newscrawl.replay.reader import RecordError

logger = logging.getLogger(__name__)

#: ``request.meta`` key holding the :class:`Replayed` record that answered it
REPLAY_META_KEY = "newscrawl_replay"
NOT_ARCHIVED_HEADER = b"X-Newscrawl-Replay"
LIVE_HANDLER = "newscrawl.warc.handler.WarcHTTP11DownloadHandler"


class ReplayDownloadHandler(BaseDownloadHandler):
    """Download handler for http/https that reads the archive instead of the network."""

    lazy = False

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        try:
            self.config = ReplayConfig.from_settings(crawler.settings)
        except ReplayConfigError:  # ReplayExtension reports it and stops the run
            self.config = ReplayConfig()
        self.stats = crawler.stats
        self.live: BaseDownloadHandler | None = None
        if self.config.live_fallback:
            self.live = build_from_crawler(load_object(LIVE_HANDLER), crawler)

    def _archive(self):
        ext = self.crawler.get_extension(ReplayExtension)
        return ext.archive if ext is not None else None

    async def download_request(self, request: Request) -> Response:
        archive = self._archive()
        if archive is None:
            raise IgnoreRequest(f"replay archive not loaded; not fetching {request.url}")
        try:
            replayed = await run_in_thread(archive.answer, request.url, self.config.at)
        except RecordError as exc:
            logger.error("Replay cannot read the capture of %s: %s", request.url, exc)
            self.stats.inc_value("newscrawl/replay/read_errors")
            replayed = None
        if replayed is None:
            if self.live is not None:
                self.stats.inc_value("newscrawl/replay/live_fallback")
                return await self.live.download_request(request)
            return self._not_archived(request)
        self.stats.inc_value("newscrawl/replay/responses")
        if replayed.revisit_of:
            self.stats.inc_value("newscrawl/replay/revisits")
        return self._response(request, replayed)

    def _response(self, request: Request, replayed: Replayed) -> Response:
        request.meta[REPLAY_META_KEY] = replayed
        request.meta[FETCHED_AT_META] = replayed.date
        headers = Headers()
        for name, value in replayed.headers:
            headers.appendlist(name, value)
        respcls = responsetypes.from_args(headers=headers, url=request.url, body=replayed.body)
        return respcls(
            url=request.url,
            status=replayed.status,
            headers=headers,
            body=replayed.body,
            flags=["replayed"],
            request=request,
            ip_address=_ip(replayed.ip_address),
            protocol="HTTP/1.1",
        )

    def _not_archived(self, request: Request) -> Response:
        self.stats.inc_value("newscrawl/replay/not_archived")
        logger.info("Not in the archive: %s (answered 404)", request.url)
        return Response(
            url=request.url,
            status=404,
            headers={NOT_ARCHIVED_HEADER: b"not-archived"},
            flags=["not_archived"],
            request=request,
        )

    async def close(self) -> None:
        if self.live is not None:
            await self.live.close()


def _ip(value: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value) if value else None
    except ValueError:
        return None
