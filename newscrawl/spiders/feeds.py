"""FeedSpider: read news feeds, follow each entry's permalink, yield an Article."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timezone
from typing import Any

import scrapy
from scrapy import exceptions as scrapy_exceptions
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from newscrawl.feeds import FeedError, parse_feed, read_feed_list, split_feed_urls
from newscrawl.items import ArchivedPage, Article

logger = logging.getLogger(__name__)


def _scrapy_errors(*names: str) -> tuple[type[BaseException], ...]:
    # Scrapy 2.14+ wraps Twisted's network errors in its own exception types
    return tuple(
        getattr(scrapy_exceptions, name) for name in names if hasattr(scrapy_exceptions, name)
    )


DNS_ERRORS = (DNSLookupError, *_scrapy_errors("CannotResolveHostError"))
REFUSED_ERRORS = (ConnectionRefusedError, *_scrapy_errors("DownloadConnectionRefusedError"))
TIMEOUT_ERRORS = (TimeoutError, TCPTimedOutError, *_scrapy_errors("DownloadTimeoutError"))

HOW_TO_PASS_FEEDS = (
    "no feeds to crawl: pass -a feeds=URL[,URL...] or -a feeds_file=PATH (OPML or one "
    "URL per line), or set NEWSCRAWL_FEED_URLS / NEWSCRAWL_FEEDS_FILE"
)


class FeedSpider(scrapy.Spider):
    """Crawl RSS/Atom/RDF/JSON feeds and the articles their entries link to.

    Arguments: ``-a feeds=URL[,URL...]`` and/or ``-a feeds_file=PATH``; without
    them the settings ``NEWSCRAWL_FEED_URLS`` / ``NEWSCRAWL_FEEDS_FILE`` are used.
    """

    name = "feeds"

    def __init__(
        self, feeds: str | None = None, feeds_file: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.feeds_arg = feeds
        self.feeds_file_arg = feeds_file
        self.feed_urls: list[str] = []
        self.seen_permalinks: dict[str, str] = {}  # permalink -> feed that listed it first

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> FeedSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.feed_urls = spider._collect_feed_urls(crawler.settings)
        return spider

    def _collect_feed_urls(self, settings: Any) -> list[str]:
        urls = split_feed_urls(self.feeds_arg)
        path = self.feeds_file_arg
        if not urls and not path:
            urls = split_feed_urls(settings.get("NEWSCRAWL_FEED_URLS"))
            path = settings.get("NEWSCRAWL_FEEDS_FILE")
        if path:
            try:
                urls += read_feed_list(path)
            except OSError as exc:
                logger.error("Cannot read feed list %s: %s", path, exc.strerror or exc)
        return list(dict.fromkeys(urls))  # keep order, drop repeats

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if not self.feed_urls:
            logger.error("newscrawl: %s", HOW_TO_PASS_FEEDS)
            self.crawler.stats.set_value("newscrawl/feeds/none_given", 1)
            raise CloseSpider("no_feeds")
        for url in self.feed_urls:
            yield scrapy.Request(
                url,
                callback=self.parse_feed,
                errback=self.feed_failed,
                meta={"newscrawl_kind": "feed"},
            )

    # ------------------------------------------------------------ feeds

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        stats = self.crawler.stats
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        try:
            feed = parse_feed(response.body, response.url, content_type)
        except FeedError as exc:
            logger.warning("Feed skipped %s: %s", response.url, exc)
            stats.inc_value(f"newscrawl/feeds/{exc.stat}")
            return
        stats.inc_value("newscrawl/feeds/parsed")
        stats.inc_value(f"newscrawl/feeds/format/{feed.kind}")
        if feed.problem:
            logger.warning("Feed ill-formed but read %s: %s", response.url, feed.problem)
            stats.inc_value("newscrawl/feeds/malformed_partial")
        for entry in feed.entries:
            stats.inc_value("newscrawl/feeds/entries")
            if not entry.permalink:
                logger.warning(
                    "Feed entry without a usable link in %s: %r",
                    response.url,
                    entry.title or entry.entry_id,
                )
                stats.inc_value("newscrawl/feeds/entry_without_link")
                continue
            first_feed = self.seen_permalinks.get(entry.permalink)
            if first_feed is not None:
                logger.info(
                    "Duplicate entry %s in %s (already listed by %s)",
                    entry.permalink,
                    response.url,
                    first_feed,
                )
                stats.inc_value("newscrawl/feeds/duplicate_entry")
                continue
            self.seen_permalinks[entry.permalink] = response.url
            yield scrapy.Request(
                entry.permalink,
                callback=self.parse_article,
                errback=self.article_failed,
                meta={"newscrawl_kind": "article"},
                cb_kwargs={"feed_url": response.url, "entry": entry.as_dict()},
            )

    def feed_failed(self, failure: Failure) -> None:
        reason, stat = describe_failure(failure)
        logger.warning("Feed failed %s: %s", failure.request.url, reason)
        self.crawler.stats.inc_value(f"newscrawl/feeds/failed/{stat}")

    # ------------------------------------------------------------ articles

    def parse_article(
        self, response: Response, feed_url: str | None = None, entry: dict | None = None
    ) -> Iterator[Article | ArchivedPage]:
        """Build the Article for one page (``scrapy parse -c parse_article URL`` works too)."""
        entry = entry or {}
        stats = self.crawler.stats
        if not isinstance(response, TextResponse):
            logger.warning(
                "Article skipped %s: not a text page (%s)",
                response.url,
                response.headers.get(b"Content-Type", b"?").decode("latin-1"),
            )
            stats.inc_value("newscrawl/articles/not_text")
            return
        stats.inc_value("newscrawl/articles/fetched")
        fetched_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        page = {
            "feed_url": feed_url,
            "entry_id": entry.get("entry_id"),
            "original_link": entry.get("original_link"),
            "permalink": entry.get("permalink") or response.request.url,
            "url": response.url,
            "status": response.status,
            "fetched_at": fetched_at,
            "entry_title": entry.get("title"),
            "entry_author": entry.get("author"),
            "entry_published": entry.get("published"),
            "entry_categories": list(entry.get("categories") or []),
            "entry_summary": entry.get("summary"),
            "entry_content": entry.get("content"),
        }
        if not self.crawler.settings.getbool("NEWSCRAWL_EXTRACT", True):
            yield ArchivedPage(**page)  # archive-only: extraction comes later, by replay
            return
        if getattr(self, "extract_in_pipeline", False) and response.meta.get("newscrawl_kind"):
            # in a crawl, ExtractPipeline extracts in a worker process, off the reactor
            yield Article(**page, html=response.text)
            return
        from newscrawl.extract import extract_article  # trafilatura: loaded when first needed

        extracted = extract_article(response.text, response.url, entry, fetched_at)
        if extracted["body_html"]:
            stats.inc_value(f"newscrawl/extract/body_source/{extracted['body_source']}")
        else:
            logger.warning("No article body found in %s", response.url)
            stats.inc_value("newscrawl/extract/no_body")
        yield Article(
            **page,
            html=response.text,
            **{**extracted, "canonical_url": extracted["canonical_url"] or response.url},
        )

    def article_failed(self, failure: Failure) -> None:
        reason, stat = describe_failure(failure)
        logger.warning("Article failed %s: %s", failure.request.url, reason)
        self.crawler.stats.inc_value(f"newscrawl/articles/failed/{stat}")


def describe_failure(failure: Failure) -> tuple[str, str]:
    """A one-line reason and a stats key for a failed request."""
    if failure.check(HttpError):
        status = failure.value.response.status
        return f"HTTP {status}", f"http_{status}"
    if failure.check(*DNS_ERRORS):
        return "DNS lookup failed", "dns"
    if failure.check(*REFUSED_ERRORS):
        return "connection refused", "connection_refused"
    if failure.check(*TIMEOUT_ERRORS):
        return "timed out", "timeout"
    exc = failure.value
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"{type(exc).__name__}: {text}".rstrip(": "), type(exc).__name__.lower()
