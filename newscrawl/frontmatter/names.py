"""Slugs and post file names (``YYYY-MM-DD-slug.md``) that can never leave their folder."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timezone

from slugify import slugify

from newscrawl.frontmatter.values import clean_text

__all__ = ["make_slug", "post_filename", "split_post_name"]

# Windows device names: a slug equal to one of these cannot be a file or folder there.
_RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul", "clock$"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)
_POST_NAME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.md$")
_SAFE_SLUG_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_UNSAFE_RE = re.compile(r"[^a-z0-9-]+")


def make_slug(title: str | None, max_length: int = 80, fallback: str = "article") -> str:
    """An ASCII slug of ``title`` that is safe as a file or folder name on any system.

    Only ``a-z``, ``0-9`` and inner ``-`` survive, so ``../``, absolute paths, NUL
    and dot-only names cannot; Windows device names (CON, NUL, COM1...) get a suffix.
    """
    text = unicodedata.normalize("NFKC", clean_text(title))
    slug = slugify(text, max_length=max_length, word_boundary=True, save_order=True)
    slug = _UNSAFE_RE.sub("-", slug.lower()).strip("-")
    if not slug:
        slug = _UNSAFE_RE.sub("-", fallback.lower()).strip("-")[:max_length] or "article"
    if slug in _RESERVED_NAMES:
        slug = f"{slug}-post"
    return slug


def post_filename(date: datetime | None, slug: str) -> str:
    """``YYYY-MM-DD-slug.md``; the slug must come from :func:`make_slug`."""
    if not _SAFE_SLUG_RE.fullmatch(slug):
        raise ValueError(f"unsafe slug {slug!r}")
    day = (date or datetime(1970, 1, 1, tzinfo=timezone.utc)).strftime("%Y-%m-%d")
    return f"{day}-{slug}.md"


def split_post_name(name: str) -> tuple[str, str] | None:
    """(date, slug) of a ``YYYY-MM-DD-slug.md`` file name."""
    match = _POST_NAME_RE.match(name)
    return (match.group(1), match.group(2)) if match else None
