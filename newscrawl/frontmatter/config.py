"""The presets' keys and :class:`FrontMatterConfig`, the checked settings of the records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["FIXED_SCHEMA", "PRESETS", "VERSION_KEYS", "FrontMatterConfig"]

# The keys of each preset, in the order they are written.
PRESETS: dict[str, tuple[str, ...]] = {
    "jekyll": (
        "layout", "title", "date", "last_modified_at", "author", "categories", "excerpt",
        "permalink", "image", "lang", "canonical_url", "original_link", "id",
        "record_version", "supersedes",
    ),
    "hugo": (
        "title", "date", "lastmod", "draft", "slug", "url", "description", "authors",
        "categories", "images", "canonical_url", "original_link", "id",
        "record_version", "supersedes",
    ),
    "wordpress": (
        "ID", "post_title", "author", "post_date", "post_excerpt", "layout", "permalink",
        "published", "original_cats", "original_title", "original_link", "canonical_url",
        "record_version", "supersedes",
    ),
}  # fmt: skip

# Presets that write every key even when its value is empty (a fixed schema).
FIXED_SCHEMA = frozenset({"wordpress"})
# Keys of every preset written only for a new version of an article (record_version
# 2, 3, ...), so a first record is the same with or without the crawl state.
VERSION_KEYS = ("record_version", "supersedes")


@dataclass(frozen=True)
class FrontMatterConfig:
    """Settings of the front-matter records, read once and checked."""

    preset: str = "jekyll"
    keys: Mapping[str, str | None] = field(default_factory=dict)
    permalink_base: str = ""
    permalink_pattern: str = "/{slug}/"
    layout: str = "post"
    default_author: str = ""
    timezone: str = "UTC"
    slug_max_length: int = 80

    def __post_init__(self) -> None:
        if self.preset not in PRESETS:
            raise ValueError(
                f"NEWSCRAWL_FRONTMATTER_PRESET={self.preset!r} is not a preset; "
                f"use one of {', '.join(sorted(PRESETS))}"
            )
        unknown = sorted(set(self.keys) - set(PRESETS[self.preset]))
        if unknown:
            raise ValueError(
                f"NEWSCRAWL_FRONTMATTER_KEYS renames {', '.join(unknown)}, which the "
                f"{self.preset!r} preset does not have; its keys are "
                f"{', '.join(PRESETS[self.preset])}"
            )
        names = [self.keys.get(k, k) for k in PRESETS[self.preset]]
        names = [n for n in names if n]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(
                f"NEWSCRAWL_FRONTMATTER_KEYS gives two keys the name {', '.join(duplicates)}; "
                "give each key a name of its own"
            )
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"NEWSCRAWL_FRONTMATTER_TIMEZONE={self.timezone!r} is not a time zone name "
                "(e.g. 'UTC', 'Europe/Berlin')"
            ) from exc
        try:
            self.permalink_pattern.format(slug="s", year="2000", month="01", day="01", id="i")
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(
                f"NEWSCRAWL_FRONTMATTER_PERMALINK_PATTERN={self.permalink_pattern!r} may use "
                "only {slug}, {year}, {month}, {day} and {id}"
            ) from exc
        if self.slug_max_length < 8:
            raise ValueError("NEWSCRAWL_FRONTMATTER_SLUG_MAX_LENGTH must be at least 8")

    @classmethod
    def from_settings(cls, settings: Any) -> FrontMatterConfig:
        """Build from Scrapy settings (``NEWSCRAWL_FRONTMATTER_*``)."""
        keys = settings.getdict("NEWSCRAWL_FRONTMATTER_KEYS") or {}
        return cls(
            preset=str(settings.get("NEWSCRAWL_FRONTMATTER_PRESET") or "jekyll").lower(),
            keys=dict(keys),
            permalink_base=settings.get("NEWSCRAWL_FRONTMATTER_PERMALINK_BASE") or "",
            permalink_pattern=settings.get("NEWSCRAWL_FRONTMATTER_PERMALINK_PATTERN") or "/{slug}/",
            layout=settings.get("NEWSCRAWL_FRONTMATTER_LAYOUT", "post") or "",
            default_author=settings.get("NEWSCRAWL_FRONTMATTER_DEFAULT_AUTHOR") or "",
            timezone=settings.get("NEWSCRAWL_FRONTMATTER_TIMEZONE") or "UTC",
            slug_max_length=settings.getint("NEWSCRAWL_FRONTMATTER_SLUG_MAX_LENGTH", 80),
        )

    def key(self, name: str) -> str | None:
        """The name a preset key is written under (None when mapped away)."""
        return self.keys.get(name, name) or None
