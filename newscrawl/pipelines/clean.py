"""``CleanMarkupPipeline``: fills ``clean_html``, ``markdown`` and ``excerpt`` of each article."""

from __future__ import annotations

import logging
from typing import Any

from cssselect import GenericTranslator, SelectorError
from itemadapter import ItemAdapter

from newscrawl.clean import DEFAULT_EXCERPT_LENGTH, clean_article, make_excerpt

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
        excerpt_length: int = DEFAULT_EXCERPT_LENGTH,
        drop_selectors: list[str] | tuple[str, ...] = (),
    ) -> None:
        for selector in drop_selectors:
            try:
                GenericTranslator().css_to_xpath(selector)
            except SelectorError as exc:
                raise ValueError(
                    f"NEWSCRAWL_CLEAN_DROP_SELECTORS: {selector!r} is not a CSS selector ({exc})"
                ) from exc
        self.stats = stats
        self.excerpt_length = excerpt_length
        self.drop_selectors = tuple(drop_selectors)

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanMarkupPipeline:
        settings = crawler.settings
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
        adapter = ItemAdapter(item)
        url = adapter.get("url") or adapter.get("permalink") or ""
        summary = adapter.get("entry_summary")
        description = adapter.get("description")
        sources = [
            (name, adapter.get(name))
            for name in ("body_html", "entry_content")
            if isinstance(adapter.get(name), str) and adapter.get(name).strip()
        ]
        if not sources:
            logger.info("No body to clean for %s", url)
            self._inc("no_body")
            self._excerpt_only(adapter, url, summary, description)
            return item
        page_html = adapter.get("html") if isinstance(adapter.get("html"), str) else None
        for name, markup in sources:
            try:
                result = clean_article(
                    markup,
                    url,
                    page_html=page_html,
                    summary=summary,
                    description=description,
                    excerpt_length=self.excerpt_length,
                    drop_selectors=self.drop_selectors,
                )
            except Exception as exc:  # one broken body must not cost the item
                logger.warning("Could not clean %s of %s: %s", name, url, exc)
                self._inc("failed")
                continue
            if result.html:
                if not self._set(adapter, url, result.html, result.markdown, result.excerpt):
                    return item
                self._inc("cleaned")
                if name == "entry_content":
                    self._inc("from_entry_content")
                return item
        logger.info("Nothing left of the body of %s after cleaning", url)
        self._inc("empty")
        self._excerpt_only(adapter, url, summary, description)
        return item

    def _set(self, adapter: ItemAdapter, url: str, html: str | None, markdown: str | None,
             excerpt: str) -> bool:  # fmt: skip
        try:
            if html is not None:
                adapter["clean_html"] = html
                adapter["markdown"] = markdown
            adapter["excerpt"] = excerpt
        except KeyError as exc:
            logger.warning("Item of %s has no field %s; not cleaned", url, exc)
            self._inc("unsupported_item")
            return False
        return True

    def _excerpt_only(
        self, adapter: ItemAdapter, url: str, summary: str | None, description: str | None
    ) -> None:
        try:
            excerpt = make_excerpt(summary, description, None, self.excerpt_length)
        except Exception as exc:  # a broken summary must not cost the item
            logger.warning("Could not make an excerpt for %s: %s", url, exc)
            self._inc("failed")
            return
        self._set(adapter, url, None, None, excerpt)
