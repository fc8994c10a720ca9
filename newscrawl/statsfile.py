"""Write a crawl's final stats as JSON, for cron reports and tests."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector


class StatsFileExtension:
    """On close, dump ``crawler.stats`` to ``NEWSCRAWL_STATS_FILE`` (atomically)."""

    def __init__(self, path: str, stats: StatsCollector) -> None:
        self.path = Path(path)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatsFileExtension:
        path = crawler.settings.get("NEWSCRAWL_STATS_FILE")
        if not path:
            raise NotConfigured  # off by default: no message, so no WARNING every run
        ext = cls(path, crawler.stats)
        # stats are final only once every spider_closed receiver has finished (the
        # storage extension waits for uploads in one), so write when the engine stops
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def engine_stopped(self) -> None:
        data = {key: _jsonable(value) for key, value in self.stats.get_stats().items()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return str(value)
