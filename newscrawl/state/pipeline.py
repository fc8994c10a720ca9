"""``ContentVersionPipeline``: new record versions only when an article's content changed.

A re-fetched page differs on every fetch (ads, timestamps, tokens), so change is
decided on what extraction and cleaning kept: the title, the body text and the
dates. Unchanged content is dropped here (the WARC keeps its capture or revisit
as usual); changed content becomes version n+1, naming the record it
supersedes. It runs after extraction and cleaning, before the front matter.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from newscrawl.items import item_fields
from newscrawl.state.config import StateConfig
from newscrawl.state.extension import CrawlStateExtension
from newscrawl.state.keys import article_key
from newscrawl.state.store import StateStore

logger = logging.getLogger(__name__)

# where links and images point is not the article's text: a CDN host, a resize token or
# (on the demo site) a port changes on every fetch; the link text and alt text stay
_MARKDOWN_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_TAG = re.compile(r"<[^>]*>")
CONTENT_FIELDS = ("title", "published", "modified")
BODY_FIELDS = ("markdown", "clean_html", "body_html")


def content_digest(fields: dict[str, Any]) -> str:
    """A digest of an article's extracted title, body text and dates."""
    body = next((fields[name] for name in BODY_FIELDS if fields.get(name)), "")
    body = _TAG.sub(" ", _MARKDOWN_TARGET.sub("]", str(body)))
    parts = [str(fields.get(name) or "") for name in CONTENT_FIELDS] + [body]
    # str.split() splits on exactly what \s matches (checked over every code point), in
    # a fraction of the time the expression takes on a long body
    text = "\x1f".join(" ".join(part.split()) for part in parts)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


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
        adapter = ItemAdapter(item)
        if "content_digest" not in adapter.field_names():
            return item  # an archive-only page: no extracted content to compare
        fields = item_fields(item)
        digest = content_digest(fields)
        adapter["content_digest"] = digest
        store = self.store
        earlier = None
        if store is not None:
            earlier = store.find_article(
                article_key(fields.get("permalink") or fields.get("url")),
                article_key(fields.get("canonical_url")),
                article_key(fields.get("url")),
            )
        if earlier is None:
            adapter["record_version"] = 1
            return item
        if earlier.content_digest == digest:
            store.touch_article(earlier, time.time())
            self._inc("newscrawl/articles/unchanged")
            raise DropItem(
                f"unchanged since version {earlier.version}: {fields.get('url')}",
                log_level="DEBUG",
            )
        adapter["record_version"] = earlier.version + 1
        adapter["supersedes"] = earlier.warc_record_id
        self._inc("newscrawl/articles/new_version")
        logger.info(
            "Article changed, record version %d supersedes %s: %s",
            earlier.version + 1,
            earlier.warc_record_id,
            fields.get("url"),
        )
        return item
