"""Which body of an item to clean, and the fields cleaning gives it (pure, picklable results)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import clean_article
from .excerpt import make_excerpt
from .rules import DEFAULT_EXCERPT_LENGTH

logger = logging.getLogger("newscrawl.pipelines.clean")

BODY_FIELDS = ("body_html", "entry_content")


@dataclass
class CleanedFields:
    """Values for ``clean_html``, ``markdown`` and ``excerpt`` and the stats to count.

    ``updates`` holds only the fields to set (no ``clean_html`` when nothing was cleaned);
    ``stats`` are keys under ``newscrawl/clean/``.
    """

    updates: dict[str, Any] = field(default_factory=dict)
    stats: list[str] = field(default_factory=list)


def clean_fields(
    values: Mapping[str, Any],
    excerpt_length: int = DEFAULT_EXCERPT_LENGTH,
    drop_selectors: Iterable[str] = (),
) -> CleanedFields:
    """Clean ``body_html``, else the feed's ``entry_content``; else only make an excerpt."""
    url = values.get("url") or values.get("permalink") or ""
    summary = values.get("entry_summary")
    description = values.get("description")
    sources = [
        (name, values.get(name))
        for name in BODY_FIELDS
        if isinstance(values.get(name), str) and values.get(name).strip()
    ]
    out = CleanedFields()
    if not sources:
        logger.info("No body to clean for %s", url)
        out.stats.append("no_body")
        _excerpt_only(out, url, summary, description, excerpt_length)
        return out
    page_html = values.get("html") if isinstance(values.get("html"), str) else None
    for name, markup in sources:
        try:
            result = clean_article(
                markup,
                url,
                page_html=page_html,
                summary=summary,
                description=description,
                excerpt_length=excerpt_length,
                drop_selectors=tuple(drop_selectors),
            )
        except Exception as exc:  # one broken body must not cost the item
            logger.warning("Could not clean %s of %s: %s", name, url, exc)
            out.stats.append("failed")
            continue
        if result.html:
            out.updates = {
                "clean_html": result.html,
                "markdown": result.markdown,
                "excerpt": result.excerpt,
            }
            out.stats.append("cleaned")
            if name == "entry_content":
                out.stats.append("from_entry_content")
            return out
    logger.info("Nothing left of the body of %s after cleaning", url)
    out.stats.append("empty")
    _excerpt_only(out, url, summary, description, excerpt_length)
    return out


def _excerpt_only(
    out: CleanedFields,
    url: str,
    summary: str | None,
    description: str | None,
    excerpt_length: int,
) -> None:
    try:
        out.updates = {"excerpt": make_excerpt(summary, description, None, excerpt_length)}
    except Exception as exc:  # a broken summary must not cost the item
        logger.warning("Could not make an excerpt for %s: %s", url, exc)
        out.stats.append("failed")
