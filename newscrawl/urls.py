"""URLs taken from pages and feeds: which ones may become a request, and how they compare.

Every URL that comes from a document (a feed entry, a redirect target, a canonical
link, a feed list line) passes :func:`web_url` before it becomes a request or an
identity, and every comparison of two URLs goes through :func:`url_key`, so
``/straße`` and ``/stra%C3%9Fe`` are one article, as they are one request to Scrapy.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from w3lib.url import canonicalize_url, safe_url_string

__all__ = ["MAX_URL_LENGTH", "WEB_SCHEMES", "safe_request_url", "url_key", "web_url"]

WEB_SCHEMES = ("http", "https")

# Longer URLs are refused by most servers and proxies (and are not an article's address).
MAX_URL_LENGTH = 8192


def safe_request_url(url: str) -> str:
    """``url`` percent-encoded the way Scrapy's ``Request`` encodes it (IDNA host, UTF-8 path)."""
    return safe_url_string(url.strip(), "utf-8")


def web_url(value: object, base: str | None = None, keep_fragment: bool = False) -> str | None:
    """``value`` as an absolute, encoded http(s) URL, or None when it cannot be one.

    Relative values are resolved against ``base``. ``javascript:``, ``data:``,
    ``mailto:`` and other schemes, host-less URLs, malformed ones (``http://[x``)
    and ones longer than :data:`MAX_URL_LENGTH` give None.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > MAX_URL_LENGTH:
        return None
    try:
        absolute = urljoin(base, text) if base else text
        url = safe_request_url(absolute)
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except (ValueError, UnicodeError):
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    if len(url) > MAX_URL_LENGTH:
        return None
    if not keep_fragment and parts.fragment:
        url = url.split("#", 1)[0]
    return url


def url_key(url: str) -> str:
    """The form two URLs are compared in: encoded, escapes upper-cased, query sorted, no fragment.

    Scrapy's dupefilter compares requests the same way (``canonicalize_url``).
    """
    try:
        return canonicalize_url(safe_request_url(url))
    except (ValueError, UnicodeError):
        return url.strip()
