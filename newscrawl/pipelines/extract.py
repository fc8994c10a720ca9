"""``ExtractPipeline``: extraction and cleaning of each page in worker processes."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.misc import load_object
from twisted.internet.defer import Deferred, DeferredSemaphore
from twisted.python.failure import Failure

if TYPE_CHECKING:
    from newscrawl.workers.pool import PagePool

logger = logging.getLogger(__name__)

__all__ = ["ExtractPipeline", "crawl_starting", "needs_extraction"]

CLEAN_PIPELINE = "newscrawl.pipelines.clean.CleanMarkupPipeline"
VERSION_PIPELINE = "newscrawl.state.pipeline.ContentVersionPipeline"
DEFAULT_JOB = "newscrawl.workers.job.process_page"
# what the default job's workers import as they start, while the feeds download, not on
# their first page: the extraction stack (trafilatura, htmldate; readability-lxml, which
# rescues short bodies) and the cleaning stack with its Markdown conversion (markdownify,
# BeautifulSoup); the packages themselves load these lazily
WORKER_PRELOAD = (
    "newscrawl.extract.assemble",
    "readability",
    "newscrawl.clean.fields",
    "newscrawl.clean.markdown",
)
# Sent by a spider as a crawl starts its requests: the worker pool starts then, while the
# first feeds download. Never sent in ``scrapy shell`` or ``scrapy parse``, which extract in
# the spider and start no pool.
crawl_starting = object()
# page fields a job hands to the worker besides the URL and HTML
_JOB_FIELDS = ("entry_content", "entry_summary")


def needs_extraction(item: Any) -> bool:
    """A raw article from the spider: page HTML, and no extraction yet (``word_count`` unset)."""
    adapter = ItemAdapter(item)
    return (
        "word_count" in adapter.field_names()
        and adapter.get("word_count") is None
        and isinstance(adapter.get("html"), str)
    )


class ExtractPipeline:
    """Send each raw article to a worker process that extracts and cleans it from one parse.

    Settings: ``NEWSCRAWL_EXTRACT`` (off: not loaded), ``NEWSCRAWL_EXTRACT_WORKERS``,
    ``NEWSCRAWL_EXTRACT_TIMEOUT``, ``NEWSCRAWL_EXTRACT_QUEUE_SIZE``, ``NEWSCRAWL_EXTRACT_JOB``.
    At most ``queue_size`` pages are with the workers at a time; the items behind them keep
    their responses in Scrapy's scraper slot, which stops new downloads once it holds
    ``SCRAPER_SLOT_MAX_ACTIVE_SIZE`` bytes: a slow extraction slows the crawl down.
    Stats: ``newscrawl/extract/pages``, ``.../timeout``, ``.../crashed``, ``.../failed``,
    ``.../body_source/<source>``, ``.../no_body``, and the ``newscrawl/clean/*`` ones.
    """

    def __init__(
        self,
        stats: Any = None,
        workers: int = 1,
        timeout: float | None = 60.0,
        queue_size: int = 0,
        job: str = DEFAULT_JOB,
        clean: bool = True,
        excerpt_length: int | None = None,
        drop_selectors: tuple[str, ...] = (),
        log_level: int = logging.INFO,
        digest: bool = False,
    ) -> None:
        self.stats = stats
        self.workers = max(1, workers)
        self.timeout = timeout
        self.queue_size = queue_size if queue_size > 0 else 2 * self.workers
        try:
            self.job = load_object(job)
        except (ImportError, NameError, ValueError, AttributeError) as exc:
            raise ValueError(f"NEWSCRAWL_EXTRACT_JOB={job!r} cannot be imported ({exc})") from exc
        self.clean = clean
        if excerpt_length is None:
            from newscrawl.clean import DEFAULT_EXCERPT_LENGTH

            excerpt_length = DEFAULT_EXCERPT_LENGTH
        self.excerpt_length = excerpt_length
        self.drop_selectors = tuple(drop_selectors)
        self.log_level = log_level
        # the worker also computes the content digest (ContentVersionPipeline's input)
        self.digest = digest
        self.pool: PagePool | None = None
        self.crawler: Any = None
        self.opened = False
        self.slots = DeferredSemaphore(self.queue_size)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_EXTRACT", True):
            # archive-only; no reason given, as Scrapy logs one as a WARNING line
            raise NotConfigured
        # imported here, not with the module: an archive-only crawl loads none of it
        from newscrawl.clean import DEFAULT_EXCERPT_LENGTH
        from newscrawl.state.config import StateConfig

        workers = settings.getint("NEWSCRAWL_EXTRACT_WORKERS", 0)
        if workers < 0:
            raise ValueError(f"NEWSCRAWL_EXTRACT_WORKERS must be 0 or more, not {workers}")
        pipelines = settings.getwithbase("ITEM_PIPELINES")
        level = logging.getLevelName(str(settings.get("LOG_LEVEL", "INFO")).upper())
        pipeline = cls(
            stats=crawler.stats,
            workers=workers or os.cpu_count() or 1,
            timeout=settings.getfloat("NEWSCRAWL_EXTRACT_TIMEOUT", 60.0),
            queue_size=settings.getint("NEWSCRAWL_EXTRACT_QUEUE_SIZE", 0),
            job=settings.get("NEWSCRAWL_EXTRACT_JOB") or DEFAULT_JOB,
            clean=pipelines.get(CLEAN_PIPELINE) is not None,
            excerpt_length=settings.getint(
                "NEWSCRAWL_CLEAN_EXCERPT_LENGTH", DEFAULT_EXCERPT_LENGTH
            ),
            drop_selectors=tuple(settings.getlist("NEWSCRAWL_CLEAN_DROP_SELECTORS")),
            log_level=level if isinstance(level, int) else logging.INFO,
            digest=pipelines.get(VERSION_PIPELINE) is not None
            and StateConfig.from_settings(settings).enabled,
        )
        pipeline.crawler = crawler
        crawler.signals.connect(pipeline.start_pool, signal=crawl_starting)
        return pipeline

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"newscrawl/{key}", count)

    def open_spider(self, spider: Any = None) -> None:
        self.opened = True
        if self.stats is not None:
            self.stats.set_value("newscrawl/extract/workers", self.workers)
        spider = spider or getattr(self.crawler, "spider", None)
        if spider is not None:
            # the spider yields raw articles and leaves the CPU work to this pipeline
            spider.extract_in_pipeline = True

    def start_pool(self) -> None:
        """Start the worker processes, unless they run already (or the pipeline is closed)."""
        if self.pool is not None or not self.opened:
            return
        from newscrawl.workers.pool import PagePool

        preload = (self.job.__module__,)
        if self.job.__module__ == DEFAULT_JOB.rpartition(".")[0]:
            preload += WORKER_PRELOAD
        self.pool = PagePool(self.job, self.workers, self.timeout, self.log_level, preload)
        self.pool.start()

    async def close_spider(self, spider: Any = None) -> None:
        self.opened = False
        if self.pool is None:
            return
        pool, self.pool = self.pool, None
        await maybe_deferred_to_future(pool.close())

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if not self.opened or not needs_extraction(item):
            return item
        # started as the crawl starts (crawl_starting), else with the first page
        self.start_pool()
        adapter = ItemAdapter(item)
        url = adapter.get("url") or ""
        job = {
            "url": url,
            "html": adapter.get("html"),
            "entry": _entry_of(adapter),
            "fetched_at": adapter.get("fetched_at"),
            "clean": self.clean,
            "excerpt_length": self.excerpt_length,
            "drop_selectors": self.drop_selectors,
            "digest": self.digest,
            **{name: adapter.get(name) for name in _JOB_FIELDS},
        }
        self._inc("extract/pages")
        try:
            result = await maybe_deferred_to_future(self.slots.run(self._run, job))
        except Exception:
            return self._done(Failure(), item, url)
        return self._done(result, item, url)

    def _run(self, job: dict[str, Any]) -> Deferred[dict[str, Any]]:
        assert self.pool is not None
        return self.pool.submit(job)

    def _done(self, result: dict[str, Any] | Failure, item: Any, url: str) -> Any:
        adapter = ItemAdapter(item)
        if isinstance(result, Failure):
            from newscrawl.workers.pool import PageFailed

            failed = result.value
            reason = failed.reason if isinstance(failed, PageFailed) else "failed"
            logger.warning("Extraction %s on %s (%s); item kept without it", reason, url, failed)
            self._inc(f"extract/{reason}")
            adapter["word_count"] = 0  # marks the page as done: nothing extracted
            return item
        for name, level, message in result.get("logs", ()):
            logging.getLogger(name).log(level, "%s", message)
        names = set(adapter.field_names())
        for name, value in result["fields"].items():
            if name in names or isinstance(item, dict):
                adapter[name] = value
        if adapter.get("body_html"):
            self._inc(f"extract/body_source/{adapter.get('body_source')}")
        else:
            logger.warning("No article body found in %s", url)
            self._inc("extract/no_body")
        for key in result.get("clean_stats", ()):
            self._inc(f"clean/{key}")
        return item


def _entry_of(adapter: ItemAdapter) -> dict[str, Any]:
    """The feed entry fields the spider copied onto the item, as extraction reads them."""
    return {
        "title": adapter.get("entry_title"),
        "author": adapter.get("entry_author"),
        "published": adapter.get("entry_published"),
        "categories": adapter.get("entry_categories") or [],
        "summary": adapter.get("entry_summary"),
        "content": adapter.get("entry_content"),
    }
