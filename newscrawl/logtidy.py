"""Keep the crawl log to one line per problem.

Scrapy's robots.txt middleware logs a full traceback when a host's robots.txt
cannot be fetched, naming the page request that triggered it. The page request
then fails the same way and the spider's errback reports it, so the robots.txt
failure is reduced to one warning about robots.txt itself.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from scrapy.crawler import Crawler

ROBOTS_LOGGER = "scrapy.downloadermiddlewares.robotstxt"


class RobotsErrorFilter(logging.Filter):
    """Rewrite robots.txt download errors as one line, without a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.msg.startswith("Error downloading") or not isinstance(record.args, dict):
            return True
        request = record.args.get("request")
        url = getattr(request, "url", None)
        host = urlsplit(url).netloc if url else "?"
        error = record.args.get("f_exception")
        record.msg = "robots.txt of %s not available (%s); treating the host as allowed"
        record.args = (host, _one_line(error))
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = None
        record.exc_text = None
        return True


class LogTidyExtension:
    """Install the log filters for the crawl's lifetime."""

    def __init__(self) -> None:
        self.filter = RobotsErrorFilter()
        logging.getLogger(ROBOTS_LOGGER).addFilter(self.filter)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LogTidyExtension:
        return cls()


def _one_line(error: object) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__
