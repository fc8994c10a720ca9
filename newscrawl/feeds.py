"""Pure functions for feeds: read feed lists, parse feeds, resolve permalinks.

RSS 0.9x/1.0 (RDF)/2.0 and Atom 0.3/1.0 go through feedparser, from the raw
bytes so that the XML declaration and the HTTP charset decide the encoding.
JSON Feed 1.0/1.1, which feedparser does not read, goes through ``json``.
"""

from __future__ import annotations

import calendar
import email.utils
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

import feedparser

from newscrawl.extract.text import dedupe
from newscrawl.feedlist import read_feed_list, split_feed_urls
from newscrawl.urls import web_url

# feed lists live in newscrawl.feedlist; these names stay importable from here
__all__ = [
    "FeedEntry",
    "FeedError",
    "ParsedFeed",
    "looks_like_feed",
    "parse_feed",
    "read_feed_list",
    "resolve_permalink",
    "split_feed_urls",
]
from newscrawl.security.encoding import is_declared
from newscrawl.security.xmlsafe import entity_declaration


class FeedError(ValueError):
    """The document is not a feed newscrawl can read (the message says why)."""

    def __init__(self, reason: str, stat: str) -> None:
        super().__init__(reason)
        self.stat = stat  # short name for the stats key, e.g. "not_a_feed"


@dataclass
class FeedEntry:
    """One feed entry, reduced to what newscrawl keeps."""

    entry_id: str | None
    permalink: str | None  # resolved, absolute; None when the entry has no usable link
    original_link: str | None  # the link exactly as the feed gave it
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 with offset
    categories: list[str] = field(default_factory=list)
    summary: str | None = None
    content: str | None = None  # full content HTML when the feed carries it

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ParsedFeed:
    kind: str  # feedparser's version string ("rss20", "rss10", "atom10", ...) or "json11"
    title: str | None
    entries: list[FeedEntry]
    problem: str | None = None  # set when the feed was ill-formed but partly readable


JSON_FEED_VERSIONS = {
    "https://jsonfeed.org/version/1": "json10",
    "https://jsonfeed.org/version/1.1": "json11",
}


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed document fetched from ``url``.

    Raises ``FeedError`` when the body is empty, is not a feed (an HTML page, say)
    or is too broken to yield anything. A feed that is ill-formed but still gives
    entries is returned with ``problem`` set.
    """
    if not body or not body.strip():
        raise FeedError("empty document", "empty")
    if _looks_like_json(body, content_type):
        return _parse_json_feed(body, url)
    if hazard := entity_declaration(body):
        raise FeedError(hazard, "xml_entities")
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    version = parsed.get("version") or ""
    problem = None
    # a declared charset that disagrees with the HTTP header, or an odd
    # Content-Type, are everyday server quirks, not a broken feed
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), benign):
        problem = _describe(parsed.get("bozo_exception"))
    if isinstance(
        parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride
    ) and not is_declared(parsed.get("encoding"), body, content_type):
        # no declared charset (nor the default UTF-8) decoded it: the text is a guess
        problem = (
            f"charset declared wrong or not at all; decoded as {parsed.get('encoding')} (a guess)"
        )
    if not version:
        if parsed.entries:
            version = "unknown"
        elif problem and not _looks_like_html(body):
            raise FeedError(f"ill-formed feed ({problem})", "malformed")
        else:
            raise FeedError("not a feed (no RSS, Atom or JSON Feed root element)", "not_a_feed")
    if problem and not parsed.entries:
        raise FeedError(f"ill-formed feed ({problem})", "malformed")
    entries = [_entry_from_feedparser(entry, url) for entry in parsed.entries]
    return ParsedFeed(version, parsed.feed.get("title"), entries, problem)


def resolve_permalink(
    candidates: Iterable[str | None], base_url: str
) -> tuple[str | None, str | None]:
    """Return ``(permalink, original)``: the first usable candidate, made absolute.

    Only http(s) links count (see :func:`newscrawl.urls.web_url`); the permalink is
    percent-encoded as Scrapy requests it; ``original`` is the candidate as the feed
    wrote it.
    """
    for candidate in candidates:
        if not isinstance(candidate, str) or not candidate.strip():
            continue
        permalink = web_url(candidate, base_url)
        if permalink:
            return permalink, candidate.strip()
    return None, None


def _entry_from_feedparser(entry: Any, feed_url: str) -> FeedEntry:
    links = [entry.get("feedburner_origlink"), entry.get("link")]
    for link in entry.get("links") or []:
        if link.get("rel", "alternate") == "alternate":
            links.append(link.get("href"))
    if entry.get("guidislink"):
        links.append(entry.get("id"))
    permalink, _ = resolve_permalink(links, feed_url)
    original = entry.get("link") or entry.get("feedburner_origlink")
    if not original and entry.get("guidislink"):
        original = entry.get("id")
    authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
    author = ", ".join(authors) if authors else entry.get("author")
    content = None
    for item in entry.get("content") or []:
        if item.get("value"):
            content = item["value"]
            break
    return FeedEntry(
        entry_id=entry.get("id") or None,
        permalink=permalink,
        original_link=original,
        title=entry.get("title") or None,
        author=author or None,
        published=_iso_from_text(entry.get("published") or entry.get("updated"))
        or _iso_from_struct(entry.get("published_parsed") or entry.get("updated_parsed")),
        categories=_unique(t.get("term") for t in entry.get("tags") or []),
        summary=entry.get("summary") or None,
        content=content,
    )


def _parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"ill-formed JSON Feed ({exc})", "malformed") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedError("not a feed (JSON without a JSON Feed version)", "not_a_feed")
    kind = JSON_FEED_VERSIONS.get(data["version"], "json")
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedError("ill-formed JSON Feed (no items list)", "malformed")
    feed_authors = _json_authors(data)
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        permalink, original = resolve_permalink([item.get("url"), item.get("external_url")], url)
        authors = _json_authors(item) or feed_authors
        entries.append(
            FeedEntry(
                entry_id=_str_or_none(item.get("id")),
                permalink=permalink,
                original_link=original,
                title=_str_or_none(item.get("title")),
                author=", ".join(authors) or None,
                published=_iso_from_text(item.get("date_published") or item.get("date_modified")),
                categories=_unique(t for t in item.get("tags") or [] if isinstance(t, str)),
                summary=_str_or_none(item.get("summary")),
                content=_str_or_none(item.get("content_html") or item.get("content_text")),
            )
        )
    return ParsedFeed(kind, _str_or_none(data.get("title")), entries)


def _json_authors(obj: dict) -> list[str]:
    people = obj.get("authors")
    if not isinstance(people, list):
        people = [obj["author"]] if isinstance(obj.get("author"), dict) else []
    return [p["name"] for p in people if isinstance(p, dict) and isinstance(p.get("name"), str)]


# ---------------------------------------------------------------- helpers


_FEED_TYPES = ("rss", "atom", "rdf", "feed+json", "/xml", "+xml")
_FEED_ROOTS = re.compile(rb"<(?:rss|feed|rdf:RDF|RDF|channel)[\s>]")


def looks_like_feed(body: bytes, content_type: str | None = None) -> bool:
    """Whether a response is a feed rather than a page: by its type, else by its first bytes."""
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    if "html" in kind:
        return False
    if any(marker in kind for marker in _FEED_TYPES):
        return True
    head = body[:2048]
    if _looks_like_json(head, kind):
        return b"jsonfeed.org/version" in body[:4096]
    return not _looks_like_html(head) and _FEED_ROOTS.search(head) is not None


def _looks_like_json(body: bytes, content_type: str | None) -> bool:
    if content_type and "json" in content_type.lower():
        return True
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def _looks_like_html(body: bytes) -> bool:
    head = body[:2048].lower()
    return b"<html" in head or b"<!doctype html" in head


def _describe(exc: object) -> str:
    text = str(exc) if exc is not None else "unknown problem"
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _iso_from_struct(value: Any) -> str | None:
    if not value:
        return None
    try:
        stamp = calendar.timegm(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return datetime.fromtimestamp(stamp, tz=timezone.utc).isoformat()


def _iso_from_text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:  # RFC 822, as RSS 2.0 writes dates; keeps the feed's own offset
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.isoformat()


def _unique(values: Iterable[str | None]) -> list[str]:
    return dedupe([v.strip() for v in values if v and v.strip()])


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
