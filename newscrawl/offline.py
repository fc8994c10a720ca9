"""Keep Scrapy's cookie handling from reaching for the network on its own.

Scrapy's cookie middleware asks tldextract for public suffixes; tldextract first
tries to download the Public Suffix List and, offline, logs tracebacks before
falling back to the copy bundled with it. Crawls (and replays) must be quiet and
deterministic offline, so newscrawl points that lookup at the bundled copy.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def use_bundled_public_suffix_list() -> bool:
    """Make Scrapy's cookie middleware use tldextract's bundled suffix list only."""
    try:
        from scrapy.downloadermiddlewares import cookies
        from tldextract import TLDExtract
    except ImportError:  # pragma: no cover - both come with Scrapy
        return False
    if not hasattr(cookies, "_split_domain"):
        logger.debug("Scrapy's cookie middleware has no _split_domain; nothing to change")
        return False
    cookies._split_domain = TLDExtract(suffix_list_urls=(), include_psl_private_domains=True)
    return True
