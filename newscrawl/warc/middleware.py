"""``WarcCaptureMiddleware``: hands every downloaded exchange to the WARC writer.

Ordered above 590 (it is at 950) so that ``process_response`` sees each
response straight from the download handler: before
``HttpCompressionMiddleware`` decodes the body, before ``RedirectMiddleware``
swallows a 3xx, before ``RetryMiddleware`` drops a 503, and including the
robots.txt fetches of ``RobotsTxtMiddleware`` (they pass through the
downloader too).

Only responses carrying the raw heads of
:class:`~newscrawl.warc.handler.WarcHTTP11DownloadHandler` are archived: a
response served from a cache or a replay never crossed the wire now, and an
exchange without its real status line is not fabricated.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from scrapy.utils.httpobj import urlparse_cached

from newscrawl.fetchtime import FETCHED_AT_META
from newscrawl.warc.config import WarcConfig
from newscrawl.warc.exchange import Exchange
from newscrawl.warc.handler import PARTIAL_META_KEY, RAW_META_KEY, PartialBody, RawHead

if TYPE_CHECKING:
    from newscrawl.warc.extension import WarcExtension
    from newscrawl.warc.writer import WarcLocation

logger = logging.getLogger(__name__)

#: ``request.meta`` / ``response.meta`` key holding the :class:`WarcRef` of the
#: last exchange archived for that request (the final one after redirects).
WARC_META_KEY = "newscrawl_warc"

_TRUNCATION_FLAGS = {"dataloss": "disconnect", "download_stopped": "unspecified"}


@dataclass
class WarcRef:
    """The response record of one exchange: its ID now, its file and offset once written."""

    record_id: str
    location: Future[WarcLocation]
    truncated: str | None = None  # WARC-Truncated of the record: length, time, disconnect


def exchange_from(request: Request, response: Response, raw: RawHead) -> Exchange:
    """Copy what the writer needs out of Scrapy's objects (cheap: no parsing, no hashing)."""
    truncated = next((_TRUNCATION_FLAGS[f] for f in response.flags if f in _TRUNCATION_FLAGS), None)
    return Exchange(
        url=response.url,
        method=request.method,
        status=response.status,
        request_head=raw.request_head,
        request_body=request.body,
        response_lines=raw.response_lines,
        response_body=response.body,
        date=raw.fetched_at,
        ip_address=str(response.ip_address) if response.ip_address is not None else None,
        truncated=truncated,
    )


def _status_of(lines: list[bytes]) -> int:
    parts = lines[0].split(None, 2) if lines else []
    try:
        return int(parts[1])
    except (IndexError, ValueError):
        return 0


def partial_exchange_from(request: Request, raw: RawHead, partial: PartialBody) -> Exchange:
    """The exchange of a download cut short: the head as received, the body so far."""
    return Exchange(
        url=request.url,
        method=request.method,
        status=_status_of(raw.response_lines),
        request_head=raw.request_head,
        request_body=request.body,
        response_lines=raw.response_lines,
        response_body=partial.body,
        date=raw.fetched_at,
        ip_address=partial.ip_address,
        truncated=partial.reason,
    )


class WarcCaptureMiddleware:
    """Downloader middleware: archive each exchange, put its :class:`WarcRef` in meta."""

    def __init__(self, stats: StatsCollector | None = None) -> None:
        self.stats = stats
        self.sink: WarcExtension | None = None
        self._crawler: Crawler | None = None  # set by from_crawler
        self._warned_uncaptured = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCaptureMiddleware:
        if not WarcConfig.from_settings(crawler.settings).enabled:
            raise NotConfigured("NEWSCRAWL_WARC_ENABLED is off")
        mw = cls(crawler.stats)
        mw._crawler = crawler
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        return mw

    def spider_opened(self) -> None:
        from newscrawl.warc.extension import WarcExtension

        if self._crawler is not None:
            self.sink = self._crawler.get_extension(WarcExtension)
        if self.sink is None:
            logger.error(
                "WarcCaptureMiddleware is enabled but WarcExtension is not: nothing will be "
                "archived; add newscrawl.warc.extension.WarcExtension to EXTENSIONS"
            )

    def process_response(self, request: Request, response: Response) -> Response:
        raw = request.meta.pop(RAW_META_KEY, None)
        if raw is not None:
            request.meta[FETCHED_AT_META] = raw.fetched_at  # the WARC-Date, for records
        if self.sink is None:
            return response
        if not self.sink.running:
            self._inc("newscrawl/warc/not_archived")  # the writer failed; logged there
            return response
        if raw is None:
            if urlparse_cached(request).scheme in ("http", "https"):
                self._uncaptured(response)
            return response
        try:
            ref = self.sink.submit(exchange_from(request, response, raw))
        except Exception as exc:  # a broken writer must not stop the crawl
            logger.error("Could not archive %s: %s", response.url, exc)
            self._inc("newscrawl/warc/submit_errors")
            return response
        request.meta[WARC_META_KEY] = ref
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        """Archive what arrived of a download cut short, marked ``WARC-Truncated``."""
        raw = request.meta.pop(RAW_META_KEY, None)
        partial = request.meta.pop(PARTIAL_META_KEY, None)
        if raw is None or partial is None or self.sink is None or not self.sink.running:
            return None
        try:
            ref = self.sink.submit(partial_exchange_from(request, raw, partial))
        except Exception as exc:  # a broken writer must not stop the crawl
            logger.error("Could not archive %s: %s", request.url, exc)
            self._inc("newscrawl/warc/submit_errors")
            return None
        request.meta[WARC_META_KEY] = ref  # the errback makes the article's item of it
        self._inc("newscrawl/warc/truncated")
        self._inc(f"newscrawl/warc/truncated/{partial.reason}")
        logger.info(
            "Archived %d bytes of %s, cut short (WARC-Truncated: %s)",
            len(partial.body),
            request.url,
            partial.reason,
        )
        return None

    def _uncaptured(self, response: Response) -> None:
        self._inc("newscrawl/warc/uncaptured")
        if "cached" in response.flags or self._warned_uncaptured:
            return
        self._warned_uncaptured = True
        logger.warning(
            "Not archiving %s: its raw exchange was not captured; set DOWNLOAD_HANDLERS "
            "http/https to newscrawl.warc.handler.WarcHTTP11DownloadHandler "
            "(further responses like this are only counted in newscrawl/warc/uncaptured)",
            response.url,
        )

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)
