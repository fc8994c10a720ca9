"""Pages whose declared charset does not fit their bytes: re-decoded by a guess, flagged, counted.

Scrapy decodes a page by the charset it declares (BOM, HTTP header, ``<meta>``)
and, when none is declared, by detection. A page that declares UTF-8 but is
Shift_JIS would come out as replacement characters, silently; this middleware
checks that the declared charset decodes the bytes, and when it does not, lets
charset_normalizer pick one, logs one line and counts it. Pages with no
declaration are counted too (their charset is a guess).
"""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

#: flag added to a response decoded by a guessed charset
GUESSED = "encoding_guessed"


def charset_fits(body: bytes, charset: str) -> bool:
    """True when ``body`` decodes strictly as ``charset`` (unknown names do not fit)."""
    try:
        codecs.lookup(charset)
        body.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return False
    return True


_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def _codec(name: str | None) -> str | None:
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


def is_declared(charset: str | None, body: bytes, content_type: str | None) -> bool:
    """True when ``charset`` is the one the XML declaration or the HTTP header names."""
    found = _XML_ENCODING.match(body[:512].lstrip(b"\xef\xbb\xbf"))
    header = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type or "", re.IGNORECASE)
    declared = {
        _codec(found.group(1).decode("ascii")) if found else None,
        _codec(header.group(1)) if header else None,
    }
    return _codec(charset) in declared - {None}


def guess_charset(body: bytes) -> str | None:
    best = from_bytes(body).best()
    return best.encoding if best else None


class CharsetCheckMiddleware:
    """Downloader middleware (below HttpCompressionMiddleware: sees decoded bodies)."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CharsetCheckMiddleware:
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse) or not response.body:
            return response
        declared = response._declared_encoding()
        if declared is None:
            if not response.body.isascii():
                self.stats.inc_value("newscrawl/encoding/undeclared")
            return response
        if charset_fits(response.body, declared):
            return response
        guess = guess_charset(response.body)
        logger.warning(
            "Charset wrong in %s: declared %s, but the bytes are not; decoded as %s (a guess)",
            response.url, declared, guess or "the declared charset with replacements",
        )  # fmt: skip
        self.stats.inc_value("newscrawl/encoding/declared_wrong")
        if guess is None:
            return response
        return response.replace(encoding=guess, flags=[*response.flags, GUESSED])
