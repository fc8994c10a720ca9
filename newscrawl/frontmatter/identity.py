"""What names an article across runs and replay: its key (a reduced URL) and its IDs."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newscrawl.frontmatter.values import clean_text
from newscrawl.urls import safe_request_url

__all__ = ["article_id", "article_key"]

_TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|ocid|cmpid|ncid"
    r"|ito|CMP|yclid|igshid)$",
    re.IGNORECASE,
)
_ESCAPE_RE = re.compile(r"%[0-9a-fA-F]{2}")


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


@lru_cache(maxsize=1024)  # asked of the same URLs for each of the article's IDs
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
    return _ids(article_key(item))


# the post name, the record and the crawl state each ask for an article's IDs
@lru_cache(maxsize=1024)
def _ids(key: str) -> tuple[str, int]:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return digest[:16], int(digest[:13], 16) or 1
