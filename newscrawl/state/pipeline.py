"""``ContentVersionPipeline``: new record versions only when an article's content changed.

A re-fetched page differs on every fetch (ads, timestamps, tokens), so change is
decided on what extraction and cleaning kept: the title, the body text and the
dates. Unchanged content is dropped here (the WARC keeps its capture or revisit
as usual); changed content becomes version n+1, naming the record it
supersedes. It runs after extraction and cleaning, before the front matter. The
digest of a page extracted in a worker comes with the worker's fields: a pipeline
between the two that changes the title, dates or body must clear ``content_digest``.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from newscrawl.items import has_field, item_fields, set_field
from newscrawl.state.config import StateConfig
from newscrawl.state.digest import content_digest
from newscrawl.state.extension import CrawlStateExtension
from newscrawl.state.keys import article_key
from newscrawl.state.store import StateStore

logger = logging.getLogger(__name__)


class ContentVersionPipeline:
    """Fill ``content_digest``, ``record_version`` and ``supersedes``; drop unchanged repeats."""

    def __init__(self, stats: Any = None) -> None:
        self.stats = stats
        self.state: CrawlStateExtension | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContentVersionPipeline:
        if not StateConfig.from_settings(crawler.settings).enabled:
            raise NotConfigured  # off: no log line (Scrapy warns when given a reason)
        pipeline = cls(crawler.stats)

        def engine_started() -> None:
            pipeline.state = crawler.get_extension(CrawlStateExtension)

        crawler.signals.connect(engine_started, signal=signals.engine_started, weak=False)
        return pipeline

    @property
    def store(self) -> StateStore | None:
        return self.state.store if self.state is not None else None

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)

    def process_item(self, item: Any) -> Any:
        if not has_field(item, "content_digest"):
            return item  # an archive-only page: no extracted content to compare
        fields = item_fields(item)
        # an extraction worker computes it with the fields (ExtractPipeline asks for it
        # when this pipeline runs); an item extracted in this process has none yet
        digest = fields.get("content_digest") or content_digest(fields)
        set_field(item, "content_digest", digest)
        store = self.store
        earlier = None
        if store is not None:
            earlier = store.find_article(
                article_key(fields.get("permalink") or fields.get("url")),
                article_key(fields.get("canonical_url")),
                article_key(fields.get("url")),
            )
        if earlier is None:
            set_field(item, "record_version", 1)
            return item
        if earlier.content_digest == digest:
            store.touch_article(earlier, time.time())
            self._inc("newscrawl/articles/unchanged")
            raise DropItem(
                f"unchanged since version {earlier.version}: {fields.get('url')}",
                log_level="DEBUG",
            )
        set_field(item, "record_version", earlier.version + 1)
        set_field(item, "supersedes", earlier.warc_record_id)
        self._inc("newscrawl/articles/new_version")
        logger.info(
            "Article changed, record version %d supersedes %s: %s",
            earlier.version + 1,
            earlier.warc_record_id,
            fields.get("url"),
        )
        return item
