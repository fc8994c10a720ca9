"""The front-matter record of an article for a preset (a plain dict, in the preset's order)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from newscrawl.extract.dates import parse_date
from newscrawl.frontmatter.config import FIXED_SCHEMA, PRESETS, VERSION_KEYS, FrontMatterConfig
from newscrawl.frontmatter.identity import article_id
from newscrawl.frontmatter.names import make_slug
from newscrawl.frontmatter.values import clean_text, post_date, text_list, web_url

__all__ = ["build_record"]

_NO_DATE: Any = object()  # build_record's date not given: it reads the item's


def _post_path(config: FrontMatterConfig, slug: str, date: datetime | None, id_hex: str) -> str:
    date = date or datetime(1970, 1, 1, tzinfo=timezone.utc)
    return config.permalink_pattern.format(
        slug=slug, year=f"{date:%Y}", month=f"{date:%m}", day=f"{date:%d}", id=id_hex
    )


def _with_base(base: str, path: str) -> str:
    base = base.rstrip("/")
    if base and not path.startswith("/"):
        path = "/" + path
    return base + path


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _values(
    item: Mapping[str, Any], config: FrontMatterConfig, slug: str | None, date: datetime | None
) -> dict[str, Any]:
    """The preset's keys and their values, empty ones included."""
    title = clean_text(item.get("title")) or clean_text(item.get("entry_title"))
    # extraction already falls back to the feed's author; the feed's joined
    # "A, B" string is only a fallback here, never merged with the page's list
    authors = text_list(item.get("authors") or []) or text_list(item.get("entry_author"))
    author = ", ".join(authors) or config.default_author
    categories = text_list(item.get("entry_categories") or [], item.get("section"),
                           item.get("categories") or [])  # fmt: skip
    excerpt = clean_text(item.get("excerpt"))
    modified = parse_date(item.get("modified"))
    modified = modified.astimezone(ZoneInfo(config.timezone)) if modified else None
    id_hex, id_int = article_id(item)
    slug = slug or make_slug(title, config.slug_max_length, fallback=f"article-{id_hex[:8]}")
    path = _post_path(config, slug, date, id_hex)
    canonical = web_url(item.get("canonical_url"), item.get("url"), item.get("permalink"))
    original_link = web_url(item.get("original_link"), item.get("permalink"))
    versions = {"record_version": item.get("record_version"), "supersedes": item.get("supersedes")}
    if config.preset == "hugo":
        image = web_url(item.get("image")) or None
        return {
            "title": title,
            "date": _iso(date),
            "lastmod": _iso(modified),
            "draft": False,
            "slug": slug,
            # Hugo's "url" is a path under the site's baseURL, never a full URL
            "url": path if path.startswith("/") else "/" + path,
            "description": excerpt or None,
            "authors": authors or ([config.default_author] if config.default_author else []),
            "categories": categories,
            "images": [image] if image else [],
            "canonical_url": canonical or None,
            "original_link": original_link or None,
            "id": id_hex,
            **versions,
        }
    permalink = _with_base(config.permalink_base, path)
    if config.preset == "wordpress":
        entry_title = clean_text(item.get("entry_title")) or title
        return {
            "ID": id_int,
            "post_title": title,
            "author": author,
            "post_date": f"{date:%Y-%m-%d %H:%M:%S}" if date else "",
            "post_excerpt": excerpt,
            "layout": config.layout,
            "permalink": permalink,
            "published": True,
            "original_cats": categories,
            "original_title": [entry_title] if entry_title else [],
            "original_link": [original_link] if original_link else [],
            "canonical_url": [canonical] if canonical else [],
            **versions,
        }
    return {  # jekyll
        "layout": config.layout or None,
        "title": title,
        "date": f"{date:%Y-%m-%d %H:%M:%S %z}" if date else None,
        "last_modified_at": f"{modified:%Y-%m-%d %H:%M:%S %z}" if modified else None,
        "author": author or None,
        "categories": categories,
        "excerpt": excerpt or None,
        "permalink": permalink,
        "image": web_url(item.get("image")) or None,
        "lang": clean_text(item.get("language")) or None,
        "canonical_url": canonical or None,
        "original_link": original_link or None,
        "id": id_hex,
        **versions,
    }


def build_record(
    item: Mapping[str, Any],
    config: FrontMatterConfig | None = None,
    slug: str | None = None,
    date: datetime | None = _NO_DATE,
) -> dict[str, Any]:
    """The front-matter record of an article (a mapping of ``Article`` fields) for the preset.

    ``slug`` overrides the slug made from the title (the exporter passes the one it
    claimed, which may carry a suffix after a collision). ``date`` is the article's
    :func:`~newscrawl.frontmatter.values.post_date` in the config's zone, when the
    caller has it already. ``record_version`` and ``supersedes`` are written for
    versions 2, 3, ... only.
    """
    config = config or FrontMatterConfig()
    if date is _NO_DATE:
        date = post_date(item, config.timezone)
    values = _values(item, config, slug, date)
    first_version = not isinstance(values["record_version"], int) or values["record_version"] < 2
    keep_empty = config.preset in FIXED_SCHEMA
    record: dict[str, Any] = {}
    for key in PRESETS[config.preset]:
        name = config.key(key)
        if name is None or (first_version and key in VERSION_KEYS):
            continue
        value = values[key]
        if not keep_empty and value in (None, "", []):
            continue
        record[name] = value
    return record
