"""Normalised article URLs, so one article matches under its variants.

Fragments are dropped and tracking parameters (``utm_*``, ``fbclid``, ``gclid``
and kin) removed, then w3lib canonicalises the rest (percent-encoding, query
order). This is for matching only: requests and records keep the URL as given.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

#: article request meta: the feed URL as listed (before redirects), the feed's state key
FEED_KEY_META = "newscrawl_feed"

TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid"}
)


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def strip_tracking(url: str) -> str:
    """``url`` without its fragment and tracking query parameters."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not is_tracking_param(k)]
    query = urlencode(kept) if len(kept) != len(pairs) else parts.query
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


@lru_cache(maxsize=1024)  # each article's URL is keyed several times on its way through
def article_key(url: str | None) -> str | None:
    """The key an article is stored and looked up under; None for no URL."""
    if not url:
        return None
    try:
        return canonicalize_url(strip_tracking(url.strip()), keep_fragments=False)
    except ValueError:  # a URL w3lib cannot parse still matches itself
        return url.strip()


def feed_key(request: Any) -> str:
    """A feed is known by the URL in the feed list, also after redirects."""
    return (request.meta.get("redirect_urls") or [request.url])[0]
