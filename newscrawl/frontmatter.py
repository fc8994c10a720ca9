"""Front-matter records: schema presets, stable IDs, safe slugs and YAML that round-trips.

Pure functions; :class:`newscrawl.pipelines.frontmatter.FrontMatterPipeline` applies
them to every item and :class:`newscrawl.posts.MarkdownPostExporter` writes the files.

    >>> from newscrawl.frontmatter import FrontMatterConfig, build_record, render_post
    >>> record = build_record(article, FrontMatterConfig(preset="wordpress"))
    >>> print(render_post(record, article.markdown))

Presets (``NEWSCRAWL_FRONTMATTER_PRESET``):

- ``jekyll`` (default): layout, title, date, last_modified_at, author, categories,
  excerpt, permalink, image, lang, canonical_url, original_link, id;
- ``hugo``: title, date, lastmod, draft, slug, url, description, authors,
  categories, images, canonical_url, original_link, id;
- ``wordpress``: the key set of the records newscrawl replaces: ID, post_title,
  author, post_date, post_excerpt, layout, permalink, published, original_cats,
  original_title, original_link, canonical_url.

Every preset adds ``record_version`` and ``supersedes`` to the record of a new
version of an article (2, 3, ...), never to a first one.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from slugify import slugify

from newscrawl.extract.dates import parse_date
from newscrawl.extract.text import dedupe
from newscrawl.urls import safe_request_url

__all__ = [
    "PRESETS",
    "FrontMatterConfig",
    "article_id",
    "build_record",
    "dump_yaml",
    "make_slug",
    "parse_post",
    "post_date",
    "post_filename",
    "render_post",
]

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
_FIXED_SCHEMA = frozenset({"wordpress"})
# Keys of every preset written only for a new version of an article (record_version
# 2, 3, ...), so a first record is the same with or without the crawl state.
_VERSION_KEYS = ("record_version", "supersedes")

# Windows device names: a slug equal to one of these cannot be a file or folder there.
_RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul", "clock$"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)
_TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|ocid|cmpid|ncid"
    r"|ito|CMP|yclid|igshid)$",
    re.IGNORECASE,
)
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_WS_RE = re.compile(r"\s+")
_ESCAPE_RE = re.compile(r"%[0-9a-fA-F]{2}")
_POST_NAME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.md$")
_IDENTITY_RE = re.compile(r"^# newscrawl-id: ([0-9a-f]{16})$", re.MULTILINE)


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


# --------------------------------------------------------------------------- values


def clean_text(value: Any) -> str:
    """Plain one-line text: entities decoded (also when encoded twice), controls removed."""
    if value is None:
        return ""
    text = str(value)
    for _ in range(2):
        if _ENTITY_RE.search(text):
            text = html_lib.unescape(text)
    text = _CONTROL_RE.sub("", text)
    return _WS_RE.sub(" ", text).strip()


def _text_list(*values: Any) -> list[str]:
    """Non-empty texts, deduplicated case-insensitively, first spelling kept."""
    texts = (clean_text(item) for value in values
             for item in (value if isinstance(value, (list, tuple)) else [value]))  # fmt: skip
    return dedupe([text for text in texts if text])


def post_date(item: Mapping[str, Any], tz: str = "UTC") -> datetime | None:
    """The article's date in ``tz``: published > the feed's date > the fetch time."""
    for name in ("published", "entry_published", "fetched_at"):
        parsed = parse_date(item.get(name))
        if parsed is not None:
            return parsed.astimezone(ZoneInfo(tz))
    return None


# an article's URLs are keyed three times on its way through a crawl (post name, record,
# crawl state); the parse and re-encoding cost more than the rest of the record
@lru_cache(maxsize=1024)
def _identity_url(url: str) -> str:
    """A URL reduced to what names the article: no scheme, fragment or tracking params.

    It is percent-encoded first (as Scrapy requests it), escapes upper-cased, so
    ``/straße``, ``/stra%C3%9Fe`` and ``/stra%c3%9fe`` name one article.
    """
    try:
        encoded = _ESCAPE_RE.sub(lambda m: m.group(0).upper(), safe_request_url(url))
        parts = urlsplit(encoded)
    except (ValueError, UnicodeError):
        return url.strip()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not _TRACKING_PARAMS.match(k)]
    )  # fmt: skip
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", netloc, path, query, ""))


def _web_url(*candidates: Any) -> str:
    """The first candidate that is an http(s) URL (themes print these into href and src)."""
    # here, not at the top: newscrawl.clean loads the whole cleaning stack (bs4,
    # markdownify, nh3), which the settings check and archive-only crawls never need
    from newscrawl.clean import safe_url

    for value in candidates:
        if isinstance(value, str):
            url = safe_url(value, "", ("http", "https"))
            if url:
                return url
    return ""


def _is_site_root(url: str | None) -> bool:
    if not url:
        return True
    try:
        return urlsplit(url).path.strip("/") == ""
    except ValueError:
        return True


def article_key(item: Mapping[str, Any]) -> str:
    """What identifies an article across runs and replay: its canonical URL, else its permalink."""
    canonical = item.get("canonical_url")
    permalink = item.get("permalink")
    # a canonical that points at the home page is a site bug, not the article's address
    if canonical and not (_is_site_root(canonical) and not _is_site_root(permalink)):
        return _identity_url(canonical)
    for name in ("permalink", "url", "original_link"):
        if item.get(name):
            return _identity_url(item[name])
    fallback = item.get("entry_id") or item.get("title") or item.get("entry_title")
    return "entry:" + clean_text(fallback)


def article_id(item: Mapping[str, Any]) -> tuple[str, int]:
    """Stable IDs of an article: 16 hex digits, and a positive integer below 2**52."""
    digest = hashlib.sha256(article_key(item).encode("utf-8")).hexdigest()
    return digest[:16], int(digest[:13], 16) or 1


def make_slug(title: str | None, max_length: int = 80, fallback: str = "article") -> str:
    """An ASCII slug of ``title`` that is safe as a file or folder name on any system.

    Only ``a-z``, ``0-9`` and inner ``-`` survive, so ``../``, absolute paths, NUL
    and dot-only names cannot; Windows device names (CON, NUL, COM1...) get a suffix.
    """
    text = unicodedata.normalize("NFKC", clean_text(title))
    slug = slugify(text, max_length=max_length, word_boundary=True, save_order=True)
    slug = re.sub(r"[^a-z0-9-]+", "-", slug.lower()).strip("-")
    if not slug:
        slug = re.sub(r"[^a-z0-9-]+", "-", fallback.lower()).strip("-")[:max_length] or "article"
    if slug in _RESERVED_NAMES:
        slug = f"{slug}-post"
    return slug


def post_filename(date: datetime | None, slug: str) -> str:
    """``YYYY-MM-DD-slug.md``; the slug must come from :func:`make_slug`."""
    if not re.fullmatch(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", slug):
        raise ValueError(f"unsafe slug {slug!r}")
    day = (date or datetime(1970, 1, 1, tzinfo=timezone.utc)).strftime("%Y-%m-%d")
    return f"{day}-{slug}.md"


# --------------------------------------------------------------------------- records


def _permalink(config: FrontMatterConfig, slug: str, date: datetime | None, id_hex: str) -> str:
    return _with_base(config.permalink_base, _post_path(config, slug, date, id_hex))


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


def _values(
    item: Mapping[str, Any], config: FrontMatterConfig, slug: str | None
) -> dict[str, dict[str, Any]]:
    title = clean_text(item.get("title")) or clean_text(item.get("entry_title"))
    entry_title = clean_text(item.get("entry_title")) or title
    # extraction already falls back to the feed's author; the feed's joined
    # "A, B" string is only a fallback here, never merged with the page's list
    authors = _text_list(item.get("authors") or []) or _text_list(item.get("entry_author"))
    author = ", ".join(authors) or config.default_author
    categories = _text_list(item.get("entry_categories") or [], item.get("section"),
                            item.get("categories") or [])  # fmt: skip
    excerpt = clean_text(item.get("excerpt"))
    date = post_date(item, config.timezone)
    modified = parse_date(item.get("modified"))
    modified = modified.astimezone(ZoneInfo(config.timezone)) if modified else None
    id_hex, id_int = article_id(item)
    slug = slug or make_slug(title, config.slug_max_length, fallback=f"article-{id_hex[:8]}")
    path = _post_path(config, slug, date, id_hex)
    permalink = _with_base(config.permalink_base, path)
    # Hugo's "url" is a path under the site's baseURL, never a full URL
    site_path = path if path.startswith("/") else "/" + path
    canonical = _web_url(item.get("canonical_url"), item.get("url"), item.get("permalink"))
    original_link = _web_url(item.get("original_link"), item.get("permalink"))
    image = _web_url(item.get("image")) or None
    language = clean_text(item.get("language")) or None

    def iso(value: datetime | None) -> str | None:
        return value.isoformat(timespec="seconds") if value else None

    versions = {"record_version": item.get("record_version"), "supersedes": item.get("supersedes")}
    return {
        "jekyll": {
            "layout": config.layout or None,
            "title": title,
            "date": f"{date:%Y-%m-%d %H:%M:%S %z}" if date else None,
            "last_modified_at": f"{modified:%Y-%m-%d %H:%M:%S %z}" if modified else None,
            "author": author or None,
            "categories": categories,
            "excerpt": excerpt or None,
            "permalink": permalink,
            "image": image,
            "lang": language,
            "canonical_url": canonical or None,
            "original_link": original_link or None,
            "id": id_hex,
            **versions,
        },
        "hugo": {
            "title": title,
            "date": iso(date),
            "lastmod": iso(modified),
            "draft": False,
            "slug": slug,
            "url": site_path,
            "description": excerpt or None,
            "authors": authors or ([config.default_author] if config.default_author else []),
            "categories": categories,
            "images": [image] if image else [],
            "canonical_url": canonical or None,
            "original_link": original_link or None,
            "id": id_hex,
            **versions,
        },
        "wordpress": {
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
        },
    }


def build_record(
    item: Mapping[str, Any], config: FrontMatterConfig | None = None, slug: str | None = None
) -> dict[str, Any]:
    """The front-matter record of an article (a mapping of ``Article`` fields) for the preset.

    ``slug`` overrides the slug made from the title (the exporter passes the one it
    claimed, which may carry a suffix after a collision). ``record_version`` and
    ``supersedes`` are written for versions 2, 3, ... only.
    """
    config = config or FrontMatterConfig()
    values = _values(item, config, slug)[config.preset]
    first_version = not isinstance(values["record_version"], int) or values["record_version"] < 2
    record: dict[str, Any] = {}
    for key in PRESETS[config.preset]:
        name = config.key(key)
        if name is None or (first_version and key in _VERSION_KEYS):
            continue
        value = values[key]
        if config.preset not in _FIXED_SCHEMA and value in (None, "", []):
            continue
        record[name] = value
    return record


# --------------------------------------------------------------------------- YAML


class _Dumper(yaml.SafeDumper):
    """Safe dumper that keeps every scalar on one line, so no line can read as ``---``."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(c in value for c in "\n\r\x85\u2028\u2029"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)

# libyaml's emitter (PyYAML's C dumper) writes the same text as the Python one, about
# ten times faster, except for characters outside the Basic Multilingual Plane (which
# it escapes, so a title with an emoji would change) and lone surrogates (which it
# refuses): a record holding any of those goes through the Python dumper.
_CSafeDumper = getattr(yaml, "CSafeDumper", None)
if _CSafeDumper is not None:

    class _FastDumper(_CSafeDumper):  # type: ignore[misc, valid-type]
        """libyaml's safe dumper with the same one-line scalars as :class:`_Dumper`."""

    _FastDumper.add_representer(str, _represent_str)
_NOT_FOR_LIBYAML = re.compile("[\ud800-\udfff\U00010000-\U0010ffff]")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _dumper_for(record: Mapping[str, Any]) -> type:
    if _CSafeDumper is None or any(_NOT_FOR_LIBYAML.search(s) for s in _strings(record)):
        return _Dumper
    return _FastDumper


def dump_yaml(record: Mapping[str, Any]) -> str:
    """YAML for a record; ``yaml.safe_load`` gives back equal values, whatever the strings hold."""
    return yaml.dump(
        dict(record),
        Dumper=_dumper_for(record),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=2**31 - 1,
    )


def render_post(record: Mapping[str, Any], body: str | None, identity: str | None = None) -> str:
    """A Markdown file: YAML front matter between ``---`` lines, then the body.

    ``identity`` (the article's hex ID) goes into a YAML comment, so the exporter can
    tell whose file it is whatever keys the preset and mapping produce.
    """
    head = f"# newscrawl-id: {identity}\n" if identity else ""
    body = (body or "").strip("\n")
    return f"---\n{head}{dump_yaml(record)}---\n" + (f"\n{body}\n" if body else "")


def parse_post(text: str) -> tuple[dict[str, Any], str]:
    """Front matter and body of a Markdown post (the way Jekyll splits them)."""
    match = re.match(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", text, re.DOTALL)
    if not match:
        return {}, text
    data = yaml.safe_load(match.group(1) or "") or {}
    if not isinstance(data, dict):
        data = {}
    return data, text[match.end() :].lstrip("\n")


def post_identity(text: str) -> str | None:
    """The article ID recorded in a post written by newscrawl."""
    head = text[:4096]
    match = _IDENTITY_RE.search(head)
    return match.group(1) if match else None


def split_post_name(name: str) -> tuple[str, str] | None:
    """(date, slug) of a ``YYYY-MM-DD-slug.md`` file name."""
    match = _POST_NAME_RE.match(name)
    return (match.group(1), match.group(2)) if match else None
