"""Stage 4, assemble: apply the precedence, check dates and URLs, pick the body."""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from . import authors, content, dates, heuristics, jsonld, meta, prune, titles
from .dates import checked_date, parse_date, to_fetch_time
from .fragments import edit_parsed, element_text, fragment_text, serialise_children
from .load import load_page
from .text import clean_text, dedupe, split_authors, word_count

logger = logging.getLogger(__name__)

ARTICLE_KEYS = (
    "title",
    "description",
    "authors",
    "published",
    "modified",
    "section",
    "categories",
    "language",
    "image",
    "canonical_url",
    "site_name",
    "word_count",
    "body_html",
    "body_source",
)


def empty_article() -> dict[str, Any]:
    article: dict[str, Any] = dict.fromkeys(ARTICLE_KEYS)
    article.update(authors=[], categories=[], word_count=0)
    return article


def feed_fields(entry: dict[str, Any] | None) -> dict[str, Any]:
    """The feed entry as a metadata layer (``title, author, published, categories, summary``)."""
    if not isinstance(entry, dict):
        return {}
    fields: dict[str, Any] = {"title": clean_text(entry.get("title"))}
    author = entry.get("author")
    if isinstance(author, str):
        fields["authors"] = split_authors(author)
    elif isinstance(author, list):
        fields["authors"] = [a for a in (clean_text(x) for x in author) if a]
    fields["published"] = entry.get("published")
    categories = entry.get("categories") or []
    if isinstance(categories, str):
        categories = [categories]
    fields["categories"] = [c for c in (clean_text(x) for x in categories) if c]
    summary = entry.get("summary")
    if isinstance(summary, str):
        summary = clean_text(re.sub(r"<[^>]+>", " ", summary))
    fields["description"] = summary if isinstance(summary, str) else None
    return {k: v for k, v in fields.items() if v not in (None, "", [])}


def _absolute_http(value: str | None, base: str) -> str | None:
    if not value:
        return None
    try:
        absolute = urljoin(base, value.strip()) if base else value.strip()
        scheme = urlsplit(absolute).scheme
    except ValueError:
        return None
    return absolute if scheme in ("http", "https") else None


def extract_article(
    html: str | bytes | None,
    url: str | None,
    entry: dict[str, Any] | None = None,
    fetched_at: datetime | str | None = None,
) -> dict[str, Any]:
    """Metadata and main content of an article page (see the package docstring for the stages).

    ``entry`` is the feed entry (``title, author, published, categories, summary, content``,
    any may be missing); ``fetched_at`` bounds the dates (default: now). Returns a dict with
    exactly ``ARTICLE_KEYS``; never raises.
    """
    try:
        return _extract(html, url or "", entry, fetched_at)
    except Exception as exc:  # a bug or a pathological page must not lose the item
        logger.warning("Extraction failed on %s: %r", url, exc)
        article = empty_article()
        article.update(_feed_only(entry, url or "", fetched_at))
        return article


def _feed_only(
    entry: dict[str, Any] | None, url: str, fetched_at: datetime | str | None
) -> dict[str, Any]:
    try:
        feed = feed_fields(entry)
        body = content.feed_body((entry or {}).get("content"))
        fetch_time = to_fetch_time(fetched_at)
        return {
            "title": feed.get("title"),
            "description": feed.get("description"),
            "authors": dedupe(feed.get("authors", [])),
            "published": checked_date(feed.get("published"), fetch_time),
            "categories": dedupe(feed.get("categories", [])),
            "canonical_url": _absolute_http(url, ""),
            "body_html": body.html if body else None,
            "body_source": body.source if body else None,
            "word_count": word_count(body.text) if body else 0,
        }
    except Exception:  # pragma: no cover - last line of defence
        return {}


def _extract(
    html: str | bytes | None,
    url: str,
    entry: dict[str, Any] | None,
    fetched_at: datetime | str | None,
) -> dict[str, Any]:
    fetch_time = to_fetch_time(fetched_at)
    page, tree = load_page(html)
    article = empty_article()
    if tree is None:
        article.update(_feed_only(entry, url, fetch_time))
        return article

    ld = jsonld.article_fields(jsonld.load_jsonld(tree))
    if ld.get("language"):
        ld["language"] = meta.normalise_language(ld["language"])
    layers = [
        ld,
        meta.meta_fields(tree),
        feed_fields(entry),
        heuristics.heuristic_fields(tree, url or None, fetch_time),
    ]

    def first(key: str) -> Any:
        for layer in layers:
            if layer.get(key):
                return layer[key]
        return None

    def first_date(key: str) -> str | None:
        for layer in layers:
            value = checked_date(layer.get(key), fetch_time)
            if value:
                return value
        return None

    site_name = first("site_name")
    article["title"] = titles.choose_title(layers, url)
    article["description"] = first("description")
    article["authors"] = authors.choose_authors(layers, url)
    article["language"] = first("language")
    article["published"] = dates.choose_published(layers, fetch_time, article["language"])
    article["modified"] = _not_before(first_date("modified"), article["published"])
    article["section"] = first("section")
    page_categories = ld.get("categories") or layers[1].get("categories") or []
    article["categories"] = dedupe(page_categories + layers[2].get("categories", []))
    article["image"] = next(
        (u for u in (_absolute_http(layer.get("image"), url) for layer in layers[:2]) if u), None
    )
    # <link rel=canonical> is the page's own statement; then JSON-LD, og:url, the final URL
    canonical_candidates = [layers[1].get("canonical_link"), ld.get("canonical_url")]
    canonical_candidates.append(layers[1].get("canonical_url"))
    article["canonical_url"] = next(
        (u for u in (_absolute_http(c, url) for c in canonical_candidates) if u),
        _absolute_http(url, ""),
    )
    article["site_name"] = site_name

    body = content.choose_body(
        content.trafilatura_body(page, url or None, tree),
        [content.jsonld_body(ld.get("body")), content.feed_body((entry or {}).get("content"))],
        rescue=None,
    )
    if body is None or len(body.text) < content.FALLBACK_MIN_CHARS:
        body = content.choose_body(body, [], rescue=content.readability_body(page, url or None))
    if body is not None:
        body_html, text = _final_body(body, article["title"], article["authors"])
        article["body_html"] = body_html
        article["body_source"] = body.source
        article["word_count"] = word_count(text)
    return article


def _final_body(body: content.Body, title: str | None, authors: list[str]) -> tuple[str, str]:
    """The body's HTML without the headline and byline trafilatura or readability kept, and
    its text."""
    root = body.root
    if root is None:
        body_html = body.html
        if body.source in ("trafilatura", "readability"):
            body_html = prune.drop_title_and_byline(body_html, title, authors)
        return body_html, fragment_text(body_html)
    if edit_parsed(root, prune.drop_title_and_byline_in, title, authors):
        return serialise_children(root), element_text(root, body.chunks)
    # the text is the one the content stage took of this tree (the images it put back
    # since add no text); its HTML is serialised here when it put some back
    return serialise_children(root) if body.stale else body.html, body.text


def _not_before(modified: str | None, published: str | None) -> str | None:
    """A modification date earlier than publication is an error of the page: drop it."""
    if modified and published:
        mod, pub = parse_date(modified), parse_date(published)
        if mod is not None and pub is not None and mod < pub:
            return None
    return modified
