"""Politeness with the shipped settings: robots.txt obeyed, AutoThrottle and a delay on."""

from __future__ import annotations

import threading
import time

import pytest

from newscrawl import settings as shipped
from newscrawl.demo.server import DemoServer
from tests.support.crawl import run_crawl
from tests.support.site import article_html
from tests.support.warc import rss

# the test settings turn AutoThrottle and the delay off; put the shipped values back
SHIPPED = {
    "AUTOTHROTTLE_ENABLED": str(shipped.AUTOTHROTTLE_ENABLED),
    "DOWNLOAD_DELAY": str(shipped.DOWNLOAD_DELAY),
}
ARTICLES = [f"/news/{n}.html" for n in range(4)]


class TimedSite:
    """A loopback site that notes when each request arrives."""

    def __init__(self, robots_status: int = 200, robots_delay: float = 0.0) -> None:
        self.server = DemoServer(site_dir=None)
        self.times: list[tuple[float, str]] = []
        self.lock = threading.Lock()
        self.server.add(
            "/robots.txt",
            "User-agent: *\nDisallow: /private/\n" if robots_status == 200 else "unavailable",
            status=robots_status,
            delay=robots_delay,
            headers=[("Content-Type", "text/plain")],
        )
        for path in [*ARTICLES, "/private/secret.html"]:
            self.server.add(path, article_html(path), headers=[("Content-Type", "text/html")])
        links = [*ARTICLES, "/private/secret.html"]
        self.feed = self.server.add(
            "/feed.xml", rss(self.server, links), headers=[("Content-Type", "text/xml")]
        )

    def gaps(self) -> list[float]:
        arrivals = sorted(t for t, path in self.times if path != "/robots.txt")
        return [b - a for a, b in zip(arrivals, arrivals[1:], strict=False)]


@pytest.fixture
def timed_site():
    site = TimedSite()
    original = site.server.RequestHandlerClass.parse_request

    def noting(handler):
        ok = original(handler)
        with site.lock:
            site.times.append((time.monotonic(), handler.path))
        return ok

    site.server.RequestHandlerClass = type(
        "Timed", (site.server.RequestHandlerClass,), {"parse_request": noting}
    )
    with site.server:
        yield site


def test_shipped_defaults_obey_robots_and_space_requests(timed_site, tmp_path):
    result = run_crawl(tmp_path, feeds=[timed_site.feed], settings=SHIPPED)
    assert result.returncode == 0, result.log[-3000:]
    assert "scrapy.extensions.throttle.AutoThrottle" in result.log
    # the disallowed page is never requested, and the skip is counted
    assert timed_site.server.hits_for("/private/secret.html") == 0
    assert result.stat("robotstxt/forbidden") == 1
    assert len(result.items) == len(ARTICLES)
    # one request at a time per site, at least half of DOWNLOAD_DELAY apart
    # (Scrapy randomises the delay to 0.5-1.5x; a busy machine only adds to it)
    gaps = timed_site.gaps()
    assert len(gaps) == len(ARTICLES)
    assert min(gaps) >= shipped.DOWNLOAD_DELAY * 0.5 - 0.01, gaps


def test_robots_txt_answering_503_is_retried_then_the_site_is_crawled(tmp_path):
    site = TimedSite(robots_status=503)
    with site.server:
        result = run_crawl(tmp_path, feeds=[site.feed], settings=SHIPPED)
    assert result.returncode == 0, result.log[-3000:]
    # Scrapy retries it like any 5xx (RETRY_TIMES), then reads the answer as having no rules
    assert site.server.hits_for("/robots.txt") == 1 + shipped.RETRY_TIMES
    assert result.stat("robotstxt/response_status_count/503") == 1
    assert site.server.hits_for("/private/secret.html") == 1
    assert len(result.items) == len(ARTICLES) + 1


def test_robots_txt_timing_out_is_one_warning_then_the_site_is_crawled(tmp_path):
    site = TimedSite(robots_delay=6)
    with site.server:
        result = run_crawl(
            tmp_path, feeds=[site.feed], settings={**SHIPPED, "DOWNLOAD_TIMEOUT": "2"}, timeout=300
        )
    assert result.returncode == 0, result.log[-3000:]
    warnings = [line for line in result.log.splitlines() if " WARNING: " in line]
    assert len(warnings) == 1, warnings
    assert f"robots.txt of {site.server.base.removeprefix('http://')} not available" in warnings[0]
    assert "treating the host as allowed" in warnings[0]
    assert "Traceback" not in result.log
    assert len(result.items) == len(ARTICLES) + 1
