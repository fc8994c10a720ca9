"""``ProgressExtension``: how far a crawl is, for the person or the log watching it.

On a terminal it draws a live progress line with rich (feeds done/total, articles
done/queued, rate, bytes); under cron, systemd or a pipe it logs a plain line
every ``NEWSCRAWL_PROGRESS_INTERVAL`` seconds instead.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

logger = logging.getLogger(__name__)

MODES = ("auto", "bar", "log", "off")
BAR_REFRESH = 0.5  # seconds between redraws of the live line


@dataclass
class Snapshot:
    """The numbers a progress display shows."""

    feeds_done: int
    feeds_total: int
    articles_done: int
    queued: int
    rate: float  # articles per second since the start
    bytes_received: int

    def line(self) -> str:
        return (
            f"feeds {self.feeds_done}/{self.feeds_total} done, articles {self.articles_done} "
            f"done, {self.queued} queued, {self.rate:.1f} articles/s, "
            f"{self.bytes_received / 1024:.1f} KB received"
        )


def _sum(stats: dict[str, Any], prefix: str) -> int:
    return sum(v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, int))


def snapshot(stats: dict[str, Any], feeds_total: int, queued: int, elapsed: float) -> Snapshot:
    """Progress from the crawl stats (pure, for tests and both displays)."""
    feeds_done = (
        stats.get("newscrawl/feeds/parsed", 0)
        + stats.get("newscrawl/feeds/not_modified", 0)
        + _sum(stats, "newscrawl/feeds/failed/")
    )
    skipped = stats.get("newscrawl/feeds/backed_off", 0) + stats.get("newscrawl/feeds/not_due", 0)
    total = max(feeds_total - skipped, feeds_done)
    articles = stats.get("newscrawl/articles/fetched", 0) + _sum(
        stats, "newscrawl/articles/failed/"
    )
    return Snapshot(
        feeds_done=feeds_done,
        feeds_total=total,
        articles_done=articles,
        queued=queued,
        rate=articles / elapsed if elapsed > 0 else 0.0,
        bytes_received=stats.get("downloader/response_bytes", 0),
    )


class ProgressExtension:
    """A live rich line on a TTY, periodic log lines elsewhere (``NEWSCRAWL_PROGRESS``)."""

    def __init__(self, crawler: Crawler, mode: str, interval: float) -> None:
        self.crawler = crawler
        self.mode = mode
        self.interval = interval
        self.loop: task.LoopingCall | None = None
        self.progress: Any = None
        self.task_id: Any = None
        self.started = time.monotonic()
        self.spider: Spider | None = None
        self._redirected: list[tuple[logging.StreamHandler, Any]] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        settings = crawler.settings
        mode = str(settings.get("NEWSCRAWL_PROGRESS") or "auto").lower()
        if mode not in MODES:
            raise ValueError(f"NEWSCRAWL_PROGRESS={mode!r} is not one of {', '.join(MODES)}")
        if mode == "auto":
            mode = "bar" if sys.stderr.isatty() else "log"
        interval = settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL", 60.0)
        if mode == "off" or (mode == "log" and interval <= 0):
            raise NotConfigured  # off: no log line (Scrapy warns when given a reason)
        ext = cls(crawler, mode, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def current(self) -> Snapshot:
        stats = self.crawler.stats.get_stats()
        engine = self.crawler.engine
        queued = max(stats.get("scheduler/enqueued", 0) - stats.get("scheduler/dequeued", 0), 0)
        if engine is not None:
            queued += len(getattr(engine.downloader, "active", ()))
        feeds = len(getattr(self.spider, "feed_urls", ()) or ())
        return snapshot(stats, feeds, queued, time.monotonic() - self.started)

    def spider_opened(self, spider: Spider) -> None:
        self.spider = spider
        self.started = time.monotonic()
        if self.mode == "bar":
            self._start_bar()
            self.loop = task.LoopingCall(self._draw)
            self.loop.start(BAR_REFRESH, now=True)
        else:
            self.loop = task.LoopingCall(self._log)
            self.loop.start(self.interval, now=False)

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.progress = Progress(
            TextColumn("[bold]feeds"),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TextColumn("{task.fields[detail]}"),
            console=Console(stderr=True),
            auto_refresh=False,  # redrawn from the reactor, no extra thread
            transient=False,
        )
        stderr = sys.stderr
        self.progress.start()  # swaps sys.stderr for a proxy that prints above the line
        # the log handler holds the real stderr: point it at the proxy meanwhile
        for handler in logging.getLogger().handlers:
            if isinstance(handler, logging.StreamHandler) and handler.stream is stderr:
                handler.setStream(sys.stderr)
                self._redirected.append((handler, stderr))
        self.task_id = self.progress.add_task("crawl", total=None, detail="")

    def _draw(self) -> None:
        snap = self.current()
        detail = (
            f"articles {snap.articles_done} done / {snap.queued} queued · "
            f"{snap.rate:.1f}/s · {snap.bytes_received / 1024:.1f} KB"
        )
        self.progress.update(
            self.task_id,
            completed=snap.feeds_done,
            total=snap.feeds_total or None,
            detail=detail,
        )
        self.progress.refresh()

    def _log(self) -> None:
        logger.info("Progress: %s", self.current().line())

    def spider_closed(self, spider: Spider) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.progress is not None:
            self._draw()
            self.progress.stop()
            for handler, stream in self._redirected:
                handler.setStream(stream)
            self._redirected.clear()
