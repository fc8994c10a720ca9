"""Peer (2): Scrapy + a warcio gzip middleware + trafilatura inline + JSON Lines.

What a Scrapy user writes in an afternoon: everything in the one crawl process, the
extraction in the spider callback. Run by bench.run (``scrapy runspider``).
"""

from __future__ import annotations

from io import BytesIO

import scrapy
import trafilatura
from plain_spider import PlainSpider  # bench/peers is on PYTHONPATH (see above)
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def _pairs(headers) -> list[tuple[str, str]]:
    return [(k.decode(), v.decode("latin-1")) for k, vs in headers.items() for v in vs]


class WarcioMiddleware:
    """Downloader middleware: every exchange as a gzipped WARC request/response pair."""

    def __init__(self, path: str) -> None:
        self.file = open(path, "wb")  # noqa: SIM115 - closed with the spider
        self.writer = WARCWriter(self.file, gzip=True)

    @classmethod
    def from_crawler(cls, crawler):
        mw = cls(crawler.settings["NAIVE_WARC_PATH"])
        crawler.signals.connect(mw.close, signal=scrapy.signals.spider_closed)
        return mw

    def close(self) -> None:
        self.file.close()

    def process_response(self, request, response, spider=None):
        headers = [
            (k.decode(), v.decode("latin-1")) for k, vs in response.headers.items() for v in vs
        ]
        http = StatusAndHeaders(f"{response.status} OK", headers, protocol="HTTP/1.1")
        resp = self.writer.create_warc_record(
            response.url, "response", payload=BytesIO(response.body), http_headers=http
        )
        req_headers = [
            (k.decode(), v.decode("latin-1")) for k, vs in request.headers.items() for v in vs
        ]
        req_http = StatusAndHeaders(
            f"GET {request.url} HTTP/1.1", req_headers, is_http_request=True
        )
        req = self.writer.create_warc_record(request.url, "request", http_headers=req_http)
        self.writer.write_request_response_pair(req, resp)
        return response


class NaiveSpider(PlainSpider):
    """The plain crawl (feeds -> articles), extracting each article in the callback."""

    name = "naive"
    # bench.run puts bench/peers on PYTHONPATH (scrapy runspider, no project)
    custom_settings = {"DOWNLOADER_MIDDLEWARES": {"naive_spider.WarcioMiddleware": 950}}

    def parse_article(self, response):
        text = trafilatura.extract(response.text, url=response.url, output_format="markdown")
        yield {"url": response.url, "status": response.status, "text": text}
