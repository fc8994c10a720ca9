"""``FrontMatterPipeline``: builds each article's record and writes its Markdown post."""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future

from newscrawl.exitcodes import NOT_STORED_KEY
from newscrawl.frontmatter import (
    FrontMatterConfig,
    article_id,
    build_record,
    make_slug,
    post_date,
    render_post,
)
from newscrawl.items import ArchivedPage, item_fields, set_field
from newscrawl.pipelines.postwriter import PostWriterThreads
from newscrawl.posts import MarkdownPostExporter
from newscrawl.security.diskfull import stop_on_disk_full
from newscrawl.storage.layout import OutputLayout
from newscrawl.worker import worker_id

logger = logging.getLogger(__name__)

__all__ = ["FrontMatterPipeline"]


class FrontMatterPipeline:
    """Fill ``record`` with the preset's front matter; write ``<output>/posts/DATE-slug.md``.

    Settings: ``NEWSCRAWL_FRONTMATTER_*`` (see :class:`FrontMatterConfig`),
    ``NEWSCRAWL_FRONTMATTER_POSTS`` and ``NEWSCRAWL_OUTPUT_DIR``.
    Stats: ``newscrawl/frontmatter/records``, ``.../posts_written``,
    ``.../slug_collisions``, ``.../failed``.
    """

    def __init__(
        self,
        config: FrontMatterConfig | None = None,
        posts_dir: str | os.PathLike[str] | None = None,
        stats: Any = None,
        names_file: str | os.PathLike[str] | None = None,
        shared: bool = False,
    ) -> None:
        self.config = config or FrontMatterConfig()
        self.exporter = (
            MarkdownPostExporter(posts_dir, names_file, shared) if posts_dir is not None else None
        )
        self.stats = stats
        self.crawler: Any = None  # set by from_crawler; stops the crawl on a full disk
        # in a running crawl (from_crawler) posts are written in threads of their own
        self.write_in_thread = False
        self.writer: PostWriterThreads | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> FrontMatterPipeline:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_EXTRACT", True):
            # archive-only; no reason given, as Scrapy logs one as a WARNING line
            raise NotConfigured
        posts_dir = names_file = None
        if settings.getbool("NEWSCRAWL_FRONTMATTER_POSTS", True):
            # a local folder, or the spool of a remote destination (newscrawl.storage)
            layout = OutputLayout.from_settings(settings)
            posts_dir = layout.done_dir("posts")
            names_file = layout.sent_names("posts")
        pipeline = cls(
            FrontMatterConfig.from_settings(settings),
            posts_dir,
            crawler.stats,
            names_file,
            shared=bool(worker_id(settings)),  # distributed workers share the folder
        )
        pipeline.crawler = crawler
        pipeline.write_in_thread = True
        return pipeline

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"newscrawl/frontmatter/{key}")

    def open_spider(self, spider: Any = None) -> None:
        if self.exporter is not None:
            self.exporter.open()

    def close_spider(self, spider: Any = None) -> None:
        if self.writer is not None:
            self.writer.stop()  # every post is written by now: its item waited for it
            self.writer = None

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if isinstance(item, ArchivedPage):
            return item  # no record without an extracted article (a download cut short)
        url = ""
        try:
            fields = item_fields(item)
            url = fields.get("url") or fields.get("permalink") or ""
            id_hex, _ = article_id(fields)
            date = post_date(fields, self.config.timezone)
            title = fields.get("title") or fields.get("entry_title")
            slug = make_slug(title, self.config.slug_max_length, fallback=f"article-{id_hex[:8]}")
            name = None
            if self.exporter is not None:
                new_version = (fields.get("record_version") or 1) > 1
                claimed, name = self.exporter.claim(slug, date, id_hex, new_version)
                if claimed != slug and not new_version:
                    logger.info("Slug %r is taken; %s is written as %s", slug, url, name)
                    self._inc("slug_collisions")
                slug = claimed
            record = build_record(fields, self.config, slug=slug, date=date)
            set_field(item, "record", record)
            self._inc("records")
        except Exception as exc:  # one bad article must not stop the crawl
            logger.warning("Could not build the front matter of %s: %s", url or item, exc)
            self._inc("failed")
            return item
        if self.exporter is None or name is None:
            return item
        text = render_post(record, fields.get("markdown"), id_hex)
        if self.write_in_thread and _reactor_running():
            return self._write_in_thread(item, url, name, text)
        try:
            self.exporter.write(name, text)
        except Exception as exc:
            self._not_written(url, name, exc)
        else:
            self._inc("posts_written")
        return item

    async def _write_in_thread(self, item: Any, url: str, name: str, text: str) -> Any:
        # a post is written and fsync'ed before its item goes on; the fsync waits on the
        # disk for milliseconds, which on the reactor thread held up every download and
        # every worker's next page
        assert self.exporter is not None
        if self.writer is None:
            from twisted.internet import reactor

            self.writer = PostWriterThreads(self.exporter.write, reactor.callFromThread)
        try:
            await maybe_deferred_to_future(self.writer.submit(name, text))
        except Exception as exc:
            self._not_written(url, name, exc)
        else:
            self._inc("posts_written")
        return item

    def _not_written(self, url: str, name: str, exc: Exception) -> None:
        # a full disk must not cost the item its JSON line
        if not stop_on_disk_full(self.crawler, f"the post {name}", exc):
            logger.warning("Could not write the post of %s to %s: %s", url, name, exc)
        self._inc("failed")
        if self.stats is not None:  # exit status 3: an output is missing
            self.stats.inc_value(NOT_STORED_KEY)


def _reactor_running() -> bool:
    # looked up, not imported: importing twisted.internet.reactor would install one
    reactor = sys.modules.get("twisted.internet.reactor")
    return bool(getattr(reactor, "running", False))
