"""A real crawl refuses loopback targets before connecting; only allowed networks are fetched.

The site is served from 127.0.0.2, the one address the crawl allows. Traps listen
on 127.0.0.1 and ::1 and are never accepted from: a connection the crawl opened
would sit in their backlog, so an empty backlog proves the refusal came first.
"""

from __future__ import annotations

import socket

import pytest

from newscrawl.demo.server import DemoServer
from tests.support.crawl import run_crawl
from tests.support.net import Trap, ipv6_loopback
from tests.support.site import article_html

HTML = [("Content-Type", "text/html; charset=utf-8")]
TEXT = [("Content-Type", "text/plain")]
RSS = [("Content-Type", "application/rss+xml")]
ALLOW_SITE = {"NEWSCRAWL_ALLOWED_NETWORKS": "127.0.0.2/32"}


@pytest.fixture
def site():
    with DemoServer(site_dir=None, host="127.0.0.2") as srv:
        srv.add(
            "/robots.txt", "User-agent: *\nDisallow:\n", headers=[("Content-Type", "text/plain")]
        )
        yield srv


@pytest.fixture
def traps():
    v4 = Trap(socket.AF_INET, "127.0.0.1")
    v6 = Trap(socket.AF_INET6, "::1") if ipv6_loopback() else None
    yield v4, v6
    v4.close()
    if v6:
        v6.close()


def rss(links: list[str]) -> str:
    items = "".join(
        f"<item><title>Entry {n}</title><link>{link}</link><guid>e{n}</guid></item>"
        for n, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    )


def test_loopback_targets_named_resolved_or_redirected_to_are_refused_before_connecting(
    site, traps, tmp_path
):
    v4, v6 = traps
    trap4 = f"127.0.0.1:{v4.port}"
    ok = site.add("/ok", article_html("Allowed article"), headers=HTML)
    redirect = site.redirect("/to-loopback", f"http://{trap4}/redirected")
    refresh = site.add(
        "/refresh",
        f'<html><head><meta http-equiv="refresh" content="0;url=http://localhost:{v4.port}/m">'
        "</head><body>moved</body></html>",
        headers=HTML,
    )
    links = [ok, f"http://{trap4}/direct", f"http://localhost:{v4.port}/by-name", redirect, refresh]
    if v6:
        links.append(f"http://[::1]:{v6.port}/v6")
    links.append(f"http://[::ffff:127.0.0.1]:{v4.port}/mapped")
    feed = site.add("/feed.xml", rss(links), headers=RSS)

    result = run_crawl(tmp_path, [feed], settings=ALLOW_SITE)

    assert v4.connections() == 0
    if v6:
        assert v6.connections() == 0
    assert [i["url"] for i in result.items] == [ok]
    # a redirect or a meta refresh fails as the request it led to
    refused_urls = [f"http://{trap4}/direct", f"http://localhost:{v4.port}/by-name",
                    f"http://{trap4}/redirected", f"http://localhost:{v4.port}/m",
                    f"http://[::ffff:127.0.0.1]:{v4.port}/mapped"]  # fmt: skip
    if v6:
        refused_urls.append(f"http://[::1]:{v6.port}/v6")
    lines = [line for line in result.log.splitlines() if "failed http" in line]
    for url in refused_urls:
        (line,) = [line for line in lines if f"Article failed {url}:" in line]
        assert "loopback address" in line and "NEWSCRAWL_ALLOWED_NETWORKS" in line
    assert f"localhost (127.0.0.1) port {v4.port}" in result.log
    assert len(lines) == len(refused_urls), "\n".join(lines)  # one line each, robots.txt quiet
    # the page requests, plus the robots.txt of each refused host
    assert result.stat("newscrawl/net/refused") >= len(refused_urls)
    assert result.stat("newscrawl/net/refused/loopback") == result.stat("newscrawl/net/refused")
    assert result.stat("retry/count") == 0  # a refusal is final, never retried
    assert "Traceback" not in result.log
    assert result.returncode == 0


def test_by_default_even_the_feed_on_loopback_is_refused(site, tmp_path):
    feed = site.add("/feed.xml", rss([]), headers=RSS)

    result = run_crawl(tmp_path, [feed], settings={"NEWSCRAWL_ALLOWED_NETWORKS": ""})

    assert site.hits == []
    (line,) = [line for line in result.log.splitlines() if "Feed failed" in line]
    assert f"refused to connect to 127.0.0.2 port {site.server_address[1]}: loopback" in line
    assert "add 127.0.0.2/32 to NEWSCRAWL_ALLOWED_NETWORKS" in line
    assert result.stat("newscrawl/net/refused") >= 1
    assert "Traceback" not in result.log


def test_the_guard_holds_with_warc_archiving_off(site, traps, tmp_path):
    v4, _ = traps
    ok = site.add("/ok", article_html("Allowed article"), headers=HTML)
    feed = site.add(
        "/feed.xml",
        rss([ok, f"http://127.0.0.1:{v4.port}/x"]),
        headers=RSS,
    )

    result = run_crawl(tmp_path, [feed], settings={**ALLOW_SITE, "NEWSCRAWL_WARC_ENABLED": False})

    assert v4.connections() == 0
    assert [i["url"] for i in result.items] == [ok]
    assert result.stat("newscrawl/net/refused") >= 1
