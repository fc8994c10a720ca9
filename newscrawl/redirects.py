"""Redirect middlewares that ignore a target which is not a web address.

Scrapy's ``RedirectMiddleware`` (``Location:``) and ``MetaRefreshMiddleware``
(``<meta http-equiv=refresh>``) build a request from whatever URL a page names; a
``javascript:``, ``data:`` or ``mailto:`` target, a malformed or an over-long one
makes that request raise and the page is lost. These subclasses check the target
first: an unusable one is logged once, counted
(``newscrawl/articles/bad_redirect``, ``newscrawl/feeds/...`` for feeds) and the
response itself goes on to the spider. The settings swap them in for Scrapy's own.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urljoin

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.response import get_meta_refresh
from w3lib.url import safe_url_string

from newscrawl.urls import web_url

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_STAT_GROUPS = {"article": "articles", "feed": "feeds", "feed_list": "feeds"}


class _BadTargetMixin:
    crawler: Any

    def _ignore_target(self, request: Request, target: object, how: str) -> None:
        group = _STAT_GROUPS.get(request.meta.get("newscrawl_kind"), "requests")
        shown = repr(target)
        if len(shown) > 120:
            shown = shown[:117] + "...'"
        logger.info("%s target ignored in %s (not an http(s) URL): %s", how, request.url, shown)
        self.crawler.stats.inc_value(f"newscrawl/{group}/bad_redirect")


class SafeRedirectMiddleware(_BadTargetMixin, RedirectMiddleware):
    """``RedirectMiddleware`` that passes a 3xx response on when its ``Location`` is unusable."""

    def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        location = response.headers.get("Location")
        if (
            location is not None
            and response.status in REDIRECT_STATUSES
            and not request.meta.get("dont_redirect", False)
            and _location_url(request.url, location) is None
        ):
            self._ignore_target(request, location.decode("latin-1"), "Redirect")
            return response
        return super().process_response(request, response)


class SafeMetaRefreshMiddleware(_BadTargetMixin, MetaRefreshMiddleware):
    """``MetaRefreshMiddleware`` that keeps the page when its refresh target is unusable."""

    def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        if (
            isinstance(response, HtmlResponse)
            and request.method != "HEAD"
            and not request.meta.get("dont_redirect", False)
        ):
            try:
                interval, target = get_meta_refresh(response, ignore_tags=self._ignore_tags)
            except (ValueError, UnicodeError):
                interval, target = 0.0, "(unparsable refresh)"
            if target and interval < self._maxdelay and web_url(target) is None:
                self._ignore_target(request, target, "Meta refresh")
                return response
        return super().process_response(request, response)


def _location_url(request_url: str, location: bytes) -> str | None:
    """The absolute http(s) URL a ``Location`` header points to, as Scrapy resolves it."""
    try:
        text = safe_url_string(location)
        if location.startswith(b"//"):
            text = request_url.split(":", 1)[0] + "://" + text.lstrip("/")
        return web_url(urljoin(request_url, text), keep_fragment=True)
    except (ValueError, UnicodeError):
        return None
