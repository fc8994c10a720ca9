"""``CleanMarkupPipeline``: fills ``clean_html``, ``markdown`` and ``excerpt`` of each article."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from newscrawl.items import ArchivedPage, item_fields

if TYPE_CHECKING:
    from newscrawl.clean.fields import CleanedFields

logger = logging.getLogger(__name__)

__all__ = ["CleanMarkupPipeline"]


class CleanMarkupPipeline:
    """Sanitise the extracted body (``body_html``, else the feed's ``entry_content``).

    Settings: ``NEWSCRAWL_CLEAN_EXCERPT_LENGTH``, ``NEWSCRAWL_CLEAN_DROP_SELECTORS``.
    Stats: ``newscrawl/clean/cleaned``, ``.../from_entry_content``, ``.../no_body``,
    ``.../empty`` and ``.../failed``.
    """

    def __init__(
        self,
        stats: Any = None,
        excerpt_length: int | None = None,
        drop_selectors: list[str] | tuple[str, ...] = (),
    ) -> None:
        # the cleaning code is imported with the pipeline, not with its module: an
        # archive-only crawl (this pipeline off) never loads it
        from cssselect import GenericTranslator, SelectorError

        from newscrawl.clean import DEFAULT_EXCERPT_LENGTH

        for selector in drop_selectors:
            try:
                GenericTranslator().css_to_xpath(selector)
            except SelectorError as exc:
                raise ValueError(
                    f"NEWSCRAWL_CLEAN_DROP_SELECTORS: {selector!r} is not a CSS selector ({exc})"
                ) from exc
        self.stats = stats
        self.excerpt_length = DEFAULT_EXCERPT_LENGTH if excerpt_length is None else excerpt_length
        self.drop_selectors = tuple(drop_selectors)

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanMarkupPipeline:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_EXTRACT", True):
            # archive-only; no reason given, as Scrapy logs one as a WARNING line
            raise NotConfigured
        from newscrawl.clean import DEFAULT_EXCERPT_LENGTH

        length = settings.getint("NEWSCRAWL_CLEAN_EXCERPT_LENGTH", DEFAULT_EXCERPT_LENGTH)
        return cls(
            stats=crawler.stats,
            excerpt_length=length,
            drop_selectors=settings.getlist("NEWSCRAWL_CLEAN_DROP_SELECTORS"),
        )

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"newscrawl/clean/{key}")

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if isinstance(item, ArchivedPage):
            return item  # no article to clean: archive-only, or a download cut short
        fields = item_fields(item)
        if fields.get("clean_html") is not None or fields.get("excerpt") is not None:
            return item  # cleaned already, in an extraction worker
        adapter = ItemAdapter(item)
        url = adapter.get("url") or adapter.get("permalink") or ""
        from newscrawl.clean.fields import clean_fields

        result = clean_fields(adapter, self.excerpt_length, self.drop_selectors)
        self.apply(adapter, url, result)
        return item

    def apply(self, adapter: ItemAdapter, url: str, result: CleanedFields) -> None:
        """Set the cleaned fields on the item and count the outcome."""
        stats = result.stats
        try:
            for name, value in result.updates.items():
                adapter[name] = value
        except KeyError as exc:
            logger.warning("Item of %s has no field %s; not cleaned", url, exc)
            stats = [s for s in stats if s not in ("cleaned", "from_entry_content")]
            stats.append("unsupported_item")
        for key in stats:
            self._inc(key)
