"""An HTTP/1.1 download handler that keeps what crossed the wire.

Scrapy builds its ``Response`` from Twisted's parsed response: the reason
phrase is dropped, header names are re-cased and grouped, hop-by-hop headers
vanish, and the request head Twisted wrote is never seen. For the WARC we keep

- the request head exactly as Twisted wrote it (request line with the query,
  headers in order, ``Host`` where Twisted put it), and
- the response status line and header lines exactly as received, in order,

and hand them to :class:`~newscrawl.warc.middleware.WarcCaptureMiddleware`
in ``request.meta[RAW_META_KEY]``. Bodies still come from Scrapy's response:
de-chunked, with their ``Content-Encoding`` intact.

Enable it for ``http`` and ``https`` in ``DOWNLOAD_HANDLERS``. It builds on
:class:`~newscrawl.net.handler.GuardedHTTP11DownloadHandler`, so the address
guard applies to archived crawls too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import (
    _LenientHTTP11ClientFactory,
    _LenientHTTP11ClientProtocol,
    _LenientHTTPClientParser,
    _ResultT,
)
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.internet.defer import Deferred
from twisted.web._newclient import STATUS
from twisted.web.iweb import IResponse

from newscrawl.net.handler import GuardedHTTP11DownloadHandler, GuardedScrapyAgent

#: ``request.meta`` key under which the handler leaves the :class:`RawHead`.
RAW_META_KEY = "_newscrawl_warc_raw"


@dataclass
class RawHead:
    """The heads of one HTTP exchange as they crossed the wire."""

    request_head: bytes  # request line + headers + blank line, as written
    response_lines: list[bytes] = field(default_factory=list)  # status line first, no CRLF
    fetched_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


class _HeadTee:
    """A transport stand-in that copies what the request head writes."""

    def __init__(self, transport: Any, sink: list[bytes]) -> None:
        self._transport = transport
        self._sink = sink

    def write(self, data: bytes) -> None:
        self._sink.append(data)
        self._transport.write(data)

    def writeSequence(self, seq: list[bytes]) -> None:  # noqa: N802 (Twisted's name)
        self._sink.extend(seq)
        self._transport.writeSequence(seq)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class _RecordingHTTPClientParser(_LenientHTTPClientParser):
    """Response parser that also keeps the raw status and header lines."""

    _newscrawl_lines: list[bytes]

    def lineReceived(self, line: bytes) -> None:  # noqa: N802 (Twisted's name)
        if self.state == STATUS:
            # a new status line: a 1xx before it is not the response we keep
            self._newscrawl_lines.clear()
        self._newscrawl_lines.append(line.removesuffix(b"\r"))
        super().lineReceived(line)


class _RecordingHTTP11ClientProtocol(_LenientHTTP11ClientProtocol):
    """Client protocol that records the request head and the response head."""

    def request(self, request: Any) -> Deferred[IResponse]:
        head: list[bytes] = []
        write_headers = request._writeHeaders

        def _tee_headers(transport: Any, te_or_cl: bytes | None) -> None:
            write_headers(_HeadTee(transport, head), te_or_cl)

        # Request.writeTo() writes the head synchronously, so the override
        # is only needed for the duration of this call.
        request._writeHeaders = _tee_headers
        try:
            d = super().request(request)
        finally:
            del request._writeHeaders

        lines: list[bytes] = []
        parser = self._parser
        if parser is not None and getattr(parser, "request", None) is request:
            parser.__class__ = _RecordingHTTPClientParser
            parser._newscrawl_lines = lines

        def _attach(response: IResponse) -> IResponse:
            response._newscrawl_raw = RawHead(b"".join(head), lines)  # type: ignore[attr-defined]
            return response

        d.addCallback(_attach)
        return d


class _RecordingHTTP11ClientFactory(_LenientHTTP11ClientFactory):
    def buildProtocol(self, addr: Any) -> _RecordingHTTP11ClientProtocol:  # noqa: N802
        return _RecordingHTTP11ClientProtocol(self._quiescentCallback)


class _RecordingScrapyAgent(GuardedScrapyAgent):
    def _cb_bodyready(self, txresponse: Any, request: Request) -> _ResultT | Deferred[_ResultT]:
        raw = getattr(txresponse, "_newscrawl_raw", None)
        if raw is not None:
            request.meta[RAW_META_KEY] = raw
        else:
            request.meta.pop(RAW_META_KEY, None)
        return super()._cb_bodyready(txresponse, request)


class WarcHTTP11DownloadHandler(GuardedHTTP11DownloadHandler):
    """The guarded HTTP/1.1 handler, plus the raw heads in ``request.meta``."""

    agent_class = _RecordingScrapyAgent

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._pool._factory = _RecordingHTTP11ClientFactory

    async def download_request(self, request: Request) -> Response:
        request.meta.pop(RAW_META_KEY, None)
        return await super().download_request(request)
