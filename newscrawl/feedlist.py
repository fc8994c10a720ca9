"""Feed lists: the feed URLs an operator gives, read lazily and checked one by one.

A list is a comma/space separated string (``-a feeds=``), a text file with one URL a
line (``#`` comments), or OPML (any ``<outline xmlUrl=...>``), from a path or from
the body of a fetched ``http(s)`` URL. Files are streamed, so a list of 100,000
feeds costs no more memory than a list of ten. Each entry is checked on its own
(:func:`check_feed_entry`): one unusable line never spoils the others.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from newscrawl.urls import web_url

__all__ = [
    "FeedListEntry",
    "check_feed_entry",
    "is_remote_list",
    "iter_feed_list",
    "iter_feed_list_bytes",
    "read_feed_list",
    "split_feed_urls",
]

# "www.example.com/rss", "news.example:8080/feed", "localhost:8000/feeds.opml":
# a host (with a dot, or localhost) and an optional port and path, but no scheme
_HOST_AND_PATH = re.compile(
    r"^(?:(?:[^\s/:?#@.]+\.)+[^\s/:?#@.]+|localhost)(?::\d{1,5})?(?:[/?#]\S*)?$", re.IGNORECASE
)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_COMMENT = re.compile(r"(^|\s)#.*$")
_OPML_SNIFF = 512


@dataclass(frozen=True)
class FeedListEntry:
    """One entry of a feed list: as written, and the URL to fetch (None when unusable)."""

    text: str
    url: str | None
    note: str | None = None  # why it is unusable, or what was assumed about it


def check_feed_entry(text: str) -> FeedListEntry:
    """Check one feed list entry; ``host/path`` without a scheme is read as ``https://``."""
    text = text.strip()
    shown = text if len(text) <= 200 else text[:197] + "..."
    if text.startswith("//"):
        url = web_url("https:" + text)
        return FeedListEntry(shown, url, "assumed https:" if url else "not an http(s) URL")
    if not _SCHEME.match(text) or _HOST_AND_PATH.match(text):
        if _HOST_AND_PATH.match(text):
            url = web_url("https://" + text)
            if url:
                return FeedListEntry(shown, url, "no scheme, assumed https://")
        return FeedListEntry(shown, None, "not a URL")
    url = web_url(text, keep_fragment=True)
    return FeedListEntry(shown, url, None if url else "not an http(s) URL")


def is_remote_list(location: str) -> bool:
    """Whether a ``feeds_file`` value names a list to fetch (``http(s)://``) not a path."""
    return location.strip().lower().startswith(("http://", "https://"))


def split_feed_urls(value: str | Iterable[str] | None) -> list[str]:
    """Feed list entries from a comma/whitespace separated string or a list."""
    if not value:
        return []
    if isinstance(value, str):
        value = re.split(r"[,\s]+", value)
    return [v.strip() for v in value if isinstance(v, str) and v.strip()]


def iter_feed_list(path: str | Path) -> Iterator[str]:
    """Entries of a feed list file (OPML or text), read as they are needed."""
    with open(path, "rb") as fh:
        yield from _iter_stream(fh)


def iter_feed_list_bytes(data: bytes) -> Iterator[str]:
    """Entries of a feed list held in memory (e.g. a fetched OPML document)."""
    return _iter_stream(io.BytesIO(data))


def read_feed_list(path: str | Path) -> list[str]:
    """All entries of a feed list file (see :func:`iter_feed_list`)."""
    return list(iter_feed_list(path))


def _iter_stream(fh: BinaryIO) -> Iterator[str]:
    head = fh.read(_OPML_SNIFF)
    fh.seek(0)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:_OPML_SNIFF].lower()
    if start.startswith(b"<") and (b"<opml" in start or b"<?xml" in start):
        yield from _iter_opml(fh)
        return
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="replace", newline=None)
    for line in text:
        # a comment starts a line or follows whitespace; a URL's own "#fragment" stays
        line = _COMMENT.sub("", line).strip()
        if line:
            yield line


def _iter_opml(fh: BinaryIO) -> Iterator[str]:
    events = etree.iterparse(
        fh, events=("end",), recover=True, resolve_entities=False, no_network=True, huge_tree=False
    )
    try:
        for _, element in events:
            if not isinstance(element.tag, str):
                continue
            if etree.QName(element).localname == "outline":
                url = element.get("xmlUrl") or element.get("xmlurl")
                if url and url.strip():
                    yield url.strip()
            if element.getparent() is not None and not len(element):
                # drop what has been read: memory stays flat however long the list
                element.clear(keep_tail=False)
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError:
        return
