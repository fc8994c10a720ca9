"""Stage 5 helpers: safe absolute URLs, the page's base URL, ``srcset`` candidates."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from lxml import etree

from .rules import _URL_STRIP_RE, _URL_UNSAFE_RE, IMAGE_SCHEMES, LINK_SCHEMES
from .tree import _parse


def safe_url(value: str | None, base: str, schemes: Iterable[str] = LINK_SCHEMES) -> str | None:
    """Resolve ``value`` against ``base``; None unless the result uses one of ``schemes``.

    Control characters, tabs and newlines are removed first, as browsers do, so
    ``java&#9;script:``, ``&#14;javascript:`` and ``JaVaScRiPt:`` are all caught.
    """
    if value is None:
        return None
    cleaned = _URL_STRIP_RE.sub("", value).strip(" \u00a0")
    if not cleaned:
        return None
    try:
        absolute = urljoin(base, cleaned) if base else cleaned
        parts = urlsplit(absolute)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in set(schemes):
        return None
    if scheme in ("http", "https") and not parts.netloc:
        return None
    # characters a URL may not carry raw (RFC 3986); encoding them keeps the URL's
    # meaning and keeps Markdown link destinations and attributes unambiguous
    return _URL_UNSAFE_RE.sub(lambda m: f"%{ord(m.group(0)):02X}", absolute)


def find_base_url(page_html: str | None, url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` if it is http(s), else ``url``."""
    if not page_html or not _has_base_tag(page_html):
        return url
    try:
        doc = _parse(page_html)
    except (etree.ParserError, ValueError):
        return url
    if doc is None:
        return url
    for base in doc.iter("base"):
        href = base.get("href")
        if href is None:
            continue
        resolved = safe_url(href, url, IMAGE_SCHEMES)
        return resolved or url  # only the first <base href> counts, as in browsers
    return url


def _has_base_tag(markup: str) -> bool:
    """``"<base" in markup.lower()`` without lowering the whole page (a tenth of a millisecond
    for 40 KB): no character but the ASCII letters lowers to one of "<base"."""
    for opener in ("<b", "<B"):
        position = markup.find(opener)
        while position >= 0:
            if markup[position + 2 : position + 5].lower() == "ase":
                return True
            position = markup.find(opener, position + 2)
    return False


def _parse_srcset(value: str) -> list[tuple[str, float]]:
    """Candidates of a ``srcset`` as (url, size); size is the width or density descriptor."""
    candidates = []
    pos = 0
    length = len(value)
    while pos < length:
        while pos < length and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < length and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            start = pos
            while pos < length and value[pos] != ",":
                pos += 1
            descriptor = value[start:pos].strip()
        if not url:
            continue
        size = 1.0
        match = re.match(r"^(\d+(?:\.\d+)?)[wx]$", descriptor.split(" ")[0])
        if match:
            size = float(match.group(1))
        candidates.append((url, size))
    return candidates


def _best_srcset_url(value: str | None) -> str | None:
    if not value:
        return None
    candidates = _parse_srcset(value)
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[1])[0]
