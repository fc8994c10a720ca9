"""``RunReportExtension``: names the run, and reports on it when the crawl ends."""

from __future__ import annotations

import json
import logging
import secrets
from datetime import datetime, timezone
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newscrawl.exitcodes import LOCKED_KEY
from newscrawl.report.store import store_output
from newscrawl.report.summary import build_report, format_report
from newscrawl.storage.layout import OutputLayout

logger = logging.getLogger(__name__)

RUN_ID_KEY = "newscrawl/run_id"
FEEDS_LISTED_KEY = "newscrawl/feeds/listed"  # usable feed list entries (the spider counts)


def new_run_id(now: datetime | None = None) -> str:
    """A run ID that sorts by start time: ``20261203T041500Z-3f9a1c``."""
    now = now or datetime.now(timezone.utc)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


class RunReportExtension:
    """Log a one-screen summary and store ``reports/<run_id>.json`` with the outputs."""

    def __init__(self, layout: OutputLayout, stats: Any, run_id: str | None = None) -> None:
        self.layout = layout
        self.stats = stats
        self.run_id = run_id or new_run_id()
        self.crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunReportExtension:
        if not crawler.settings.getbool("NEWSCRAWL_RUN_REPORT", True):
            raise NotConfigured  # off: no log line (Scrapy warns when given a reason)
        ext = cls(OutputLayout.from_settings(crawler.settings), crawler.stats)
        ext.crawler = crawler
        crawler.stats.set_value(RUN_ID_KEY, ext.run_id)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = dict(self.stats.get_stats())
        stats.setdefault("finish_reason", reason)
        if stats.get(LOCKED_KEY):
            return  # a run that did nothing has nothing to report
        report = build_report(stats, self.run_id, spider.name, stats.get(FEEDS_LISTED_KEY))
        text = format_report(report)
        data = json.dumps(report, indent=1, sort_keys=True).encode("utf-8") + b"\n"
        try:
            where = store_output(self.layout, f"reports/{self.run_id}.json", data)
        except OSError as exc:
            logger.error("Could not store the run report: %s", exc)
            self.stats.inc_value("newscrawl/outputs/not_stored")
            where = None
        if where:
            text += f"\n  report    {where}"
        logger.info("%s", text)
