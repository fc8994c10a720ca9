"""The redirect middlewares Scrapy runs, fed answers whose targets are not web addresses."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from newscrawl.redirects import SafeMetaRefreshMiddleware, SafeRedirectMiddleware

PAGE = "https://news.example/a/story.html"


@pytest.fixture
def crawler():
    crawler = get_crawler(settings_dict={"REDIRECT_MAX_TIMES": 5})
    crawler.stats.open_spider()
    return crawler


@pytest.mark.parametrize(
    "location",
    [
        b"javascript:alert(1)",
        b"mailto:x@example.org",
        b"data:text/html,x",
        b"http://[broken/x",
        b"https://news.example/" + b"a" * 10000,
    ],
)
def test_location_that_is_not_a_web_address_passes_the_response_on(crawler, location):
    middleware = SafeRedirectMiddleware.from_crawler(crawler)
    request = Request(PAGE, meta={"newscrawl_kind": "article"})
    response = Response(PAGE, status=302, headers={"Location": location}, request=request)

    assert middleware.process_response(request, response) is response
    assert crawler.stats.get_value("newscrawl/articles/bad_redirect") == 1


def test_usable_location_and_refresh_are_still_followed(crawler):
    request = Request(PAGE, meta={"newscrawl_kind": "feed"})
    moved = Response(PAGE, status=301, headers={"Location": "/b/straße"}, request=request)
    followed = SafeRedirectMiddleware.from_crawler(crawler).process_response(request, moved)
    assert isinstance(followed, Request)
    assert followed.url == "https://news.example/b/stra%C3%9Fe"

    body = b'<html><head><meta http-equiv="refresh" content="0;url=/c/new"></head></html>'
    page = HtmlResponse(PAGE, body=body, request=request)
    refreshed = SafeMetaRefreshMiddleware.from_crawler(crawler).process_response(request, page)
    assert isinstance(refreshed, Request) and refreshed.url == "https://news.example/c/new"
    assert crawler.stats.get_value("newscrawl/feeds/bad_redirect") is None


def test_refresh_to_javascript_keeps_the_page(crawler):
    request = Request(PAGE, meta={"newscrawl_kind": "feed"})
    body = b'<html><head><meta http-equiv="refresh" content="0;url=javascript:x()"></head></html>'
    page = HtmlResponse(PAGE, body=body, request=request)

    assert SafeMetaRefreshMiddleware.from_crawler(crawler).process_response(request, page) is page
    assert crawler.stats.get_value("newscrawl/feeds/bad_redirect") == 1
