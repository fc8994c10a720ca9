"""FeedSpider: read news feeds, follow each entry's permalink, yield an Article."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Iterable, Iterator
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

from newscrawl.feedlist import (
    check_feed_entry,
    is_remote_list,
    iter_feed_list,
    iter_feed_list_bytes,
    split_feed_urls,
)
from newscrawl.feeds import FeedError, looks_like_feed, parse_feed
from newscrawl.fetchtime import fetched_at as fetch_time
from newscrawl.items import ArchivedPage, Article
from newscrawl.pipelines.extract import crawl_starting
from newscrawl.state.keys import FEED_KEY_META, feed_key
from newscrawl.urls import url_key, web_url
from newscrawl.warc.middleware import WARC_META_KEY

logger = logging.getLogger(__name__)

# objects made between two collections of the garbage collector's young generation, once
# the crawl starts (Python's default is 700)
YOUNG_GC_THRESHOLD = 20_000


def _scrapy_errors(*names: str) -> tuple[type[BaseException], ...]:
    # Scrapy 2.14+ wraps Twisted's network errors in its own exception types
    return tuple(
        getattr(scrapy_exceptions, name) for name in names if hasattr(scrapy_exceptions, name)
    )


DNS_ERRORS = (DNSLookupError, *_scrapy_errors("CannotResolveHostError"))
REFUSED_ERRORS = (ConnectionRefusedError, *_scrapy_errors("DownloadConnectionRefusedError"))
TIMEOUT_ERRORS = (TimeoutError, TCPTimedOutError, *_scrapy_errors("DownloadTimeoutError"))

HOW_TO_PASS_FEEDS = (
    "no feeds to crawl: pass -a feeds=URL[,URL...] or -a feeds_file=PATH-or-URL (OPML or "
    "one URL per line), or set NEWSCRAWL_FEED_URLS / NEWSCRAWL_FEEDS_FILE"
)


class FeedSpider(scrapy.Spider):
    """Crawl RSS/Atom/RDF/JSON feeds and the articles their entries link to.

    Arguments: ``-a feeds=URL[,URL...]`` and/or ``-a feeds_file=PATH-or-URL``; without
    them the settings ``NEWSCRAWL_FEED_URLS`` / ``NEWSCRAWL_FEEDS_FILE`` are used.
    Each list entry is checked on its own; an unusable one is logged and skipped.
    """

    name = "feeds"

    def __init__(
        self, feeds: str | None = None, feeds_file: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.feeds_arg = feeds
        self.feeds_file_arg = feeds_file
        self.seen_permalinks: dict[str, str] = {}  # url_key(permalink) -> first feed listing it
        self.max_entries = 1000

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> FeedSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.max_entries = crawler.settings.getint("NEWSCRAWL_FEED_MAX_ENTRIES", 1000)
        return spider

    def _feed_sources(self, settings: Any) -> tuple[list[str], str | None]:
        """Feed list entries and a feed list location (path or URL) to read."""
        entries = split_feed_urls(self.feeds_arg)
        location = self.feeds_file_arg
        if not entries and not location:
            entries = split_feed_urls(settings.get("NEWSCRAWL_FEED_URLS"))
            location = settings.get("NEWSCRAWL_FEEDS_FILE")
        return entries, (str(location).strip() or None) if location else None

    async def start(self) -> AsyncIterator[scrapy.Request]:
        # extraction workers (if on) start now, while the feeds download
        self.crawler.signals.send_catch_log(signal=crawl_starting, spider=self)
        # what is loaded by now (modules, settings, components) lives as long as the crawl:
        # the garbage collector's full passes skip it from here on (they cost about a
        # quarter of a millisecond per page)
        gc.freeze()
        # a crawl makes some 600 container objects per page, nearly all freed at once by
        # reference counting: a young-generation collection every 700 of them only walked
        # the pages in flight again and again (about 0.3 ms of CPU per page)
        young, *older = gc.get_threshold()
        if 0 < young < YOUNG_GC_THRESHOLD:
            gc.set_threshold(YOUNG_GC_THRESHOLD, *older)
        entries, location = self._feed_sources(self.crawler.settings)
        given = 0
        for request in self._feed_requests(entries, "-a feeds"):
            given += 1
            yield request
        if location and is_remote_list(location):
            list_url = web_url(location, keep_fragment=True)
            if list_url:
                given += 1
                yield scrapy.Request(
                    list_url,
                    callback=self.parse_feed_list,
                    errback=self.feed_failed,
                    meta={"newscrawl_kind": "feed_list"},
                )
            else:
                logger.error("Feed list %r is not a URL that can be fetched", location)
        elif location:
            try:
                for request in self._feed_requests(iter_feed_list(location), location):
                    given += 1
                    yield request
            except OSError as exc:
                logger.error("Cannot read feed list %s: %s", location, exc.strerror or exc)
        if not given:
            logger.error("newscrawl: %s", HOW_TO_PASS_FEEDS)
            self.crawler.stats.set_value("newscrawl/feeds/none_given", 1)
            raise CloseSpider("no_feeds")

    def _feed_requests(self, texts: Iterable[str], source: str) -> Iterator[scrapy.Request]:
        """A request per usable entry; each unusable one is logged once, counted and skipped."""
        stats = self.crawler.stats
        count = 0
        for text in texts:
            count += 1
            entry = check_feed_entry(text)
            if entry.url is None:
                logger.warning(
                    "Feed list entry skipped (%s): %r is %s", source, entry.text, entry.note
                )
                stats.inc_value("newscrawl/feeds/list_entry_unusable")
                continue
            if entry.note:
                logger.info("Feed list entry %r (%s): %s", entry.text, source, entry.note)
                stats.inc_value("newscrawl/feeds/list_entry_assumed_https")
            stats.inc_value("newscrawl/feeds/listed")
            yield self.feed_request(entry.url)
        if count == 0 and source != "-a feeds":
            logger.warning("Feed list %s holds no feeds", source)
            stats.inc_value("newscrawl/feeds/list_empty")

    def feed_request(self, url: str) -> scrapy.Request:
        """The request for one feed."""
        return scrapy.Request(
            url,
            callback=self.parse_feed,
            errback=self.feed_failed,
            meta={"newscrawl_kind": "feed"},
        )

    def parse_feed_list(self, response: Response) -> Iterator[scrapy.Request]:
        """Read a feed list fetched over HTTP (``-a feeds_file=https://...``)."""
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        head = response.body[:1024].lstrip().lower()
        if "html" in content_type or head.startswith((b"<!doctype html", b"<html")):
            # a login page or an error page, not a list: one line, not one per HTML line
            logger.warning(
                "Feed list %s skipped: an HTML page, not OPML or a URL list", response.url
            )
            self.crawler.stats.inc_value("newscrawl/feeds/list_not_a_list")
            return
        self.crawler.stats.inc_value("newscrawl/feeds/lists_read")
        yield from self._feed_requests(iter_feed_list_bytes(response.body), response.url)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[scrapy.Request | Article]:
        """Read a feed as a feed and any other page as an article (for ``scrapy parse URL``)."""
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        if looks_like_feed(response.body, content_type):
            return self.parse_feed(response)
        return self.parse_article(response, **kwargs)

    # ------------------------------------------------------------ feeds

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        stats = self.crawler.stats
        if response.status == 304:  # a conditional request: nothing new in this feed
            stats.inc_value("newscrawl/feeds/not_modified")
            return
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
        entries = feed.entries
        if 0 < self.max_entries < len(entries):
            logger.warning(
                "Feed %s lists %d entries; following the first %d (NEWSCRAWL_FEED_MAX_ENTRIES)",
                response.url, len(entries), self.max_entries,
            )  # fmt: skip
            stats.inc_value("newscrawl/limits/feed_entries")
            entries = entries[: self.max_entries]
        listed_as = feed_key(response.request)  # the crawl state's name for this feed
        for entry in entries:
            stats.inc_value("newscrawl/feeds/entries")
            if not entry.permalink:
                logger.warning(
                    "Feed entry without a usable link in %s: %r",
                    response.url,
                    entry.title or entry.entry_id,
                )
                stats.inc_value("newscrawl/feeds/entry_without_link")
                continue
            key = url_key(entry.permalink)
            first_feed = self.seen_permalinks.get(key)
            if first_feed is not None:
                logger.info(
                    "Duplicate entry %s in %s (already listed by %s)",
                    entry.permalink,
                    response.url,
                    first_feed,
                )
                stats.inc_value("newscrawl/feeds/duplicate_entry")
                continue
            self.seen_permalinks[key] = response.url
            yield scrapy.Request(
                entry.permalink,
                callback=self.parse_article,
                errback=self.article_failed,
                meta={"newscrawl_kind": "article", FEED_KEY_META: listed_as},
                cb_kwargs={"feed_url": response.url, "entry": entry.as_dict()},
            )

    def feed_failed(self, failure: Failure) -> None:
        reason, stat = describe_failure(failure)
        what = "Feed list" if failure.request.meta.get("newscrawl_kind") == "feed_list" else "Feed"
        logger.warning("%s failed %s: %s", what, failure.request.url, reason)
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
        fetched_at = fetch_time(response)
        page = _page_fields(entry, feed_url, response.request.url)
        ref = response.meta.get(WARC_META_KEY) if response.request is not None else None
        page.update(
            url=response.url,
            status=response.status,
            fetched_at=fetched_at,
            warc_truncated=getattr(ref, "truncated", None),
        )
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

    def article_failed(self, failure: Failure) -> Iterator[ArchivedPage]:
        """Log and count a failed article; one cut short and archived still gets its item."""
        reason, stat = describe_failure(failure)
        logger.warning("Article failed %s: %s", failure.request.url, reason)
        self.crawler.stats.inc_value(f"newscrawl/articles/failed/{stat}")
        request = failure.request
        ref = request.meta.get(WARC_META_KEY)
        if not getattr(ref, "truncated", None):
            return
        # the WARC holds what arrived: the item says where, and that it is incomplete
        kwargs = request.cb_kwargs or {}
        page = _page_fields(kwargs.get("entry") or {}, kwargs.get("feed_url"), request.url)
        item = ArchivedPage(**page, url=request.url, warc_truncated=ref.truncated)
        from newscrawl.warc.extension import WarcExtension

        book = self.crawler.get_extension(WarcExtension)
        if book is not None:  # errback output skips the spider middlewares: stamp it here
            item.warc_record_id = ref.record_id
            book.expect(ref.record_id, ref.location)
        self.crawler.stats.inc_value("newscrawl/articles/truncated")
        yield item


def _page_fields(entry: dict, feed_url: str | None, requested: str) -> dict[str, Any]:
    """What an article's item takes from its feed entry."""
    return {
        "feed_url": feed_url,
        "entry_id": entry.get("entry_id"),
        "original_link": entry.get("original_link"),
        "permalink": entry.get("permalink") or requested,
        "entry_title": entry.get("title"),
        "entry_author": entry.get("author"),
        "entry_published": entry.get("published"),
        "entry_categories": list(entry.get("categories") or []),
        "entry_summary": entry.get("summary"),
        "entry_content": entry.get("content"),
    }


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
