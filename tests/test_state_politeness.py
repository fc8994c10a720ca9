"""Per-feed politeness across runs: a minimum interval, and backoff for failing feeds."""

from __future__ import annotations

from newscrawl import exitcodes
from tests.support.conditional import serve_conditional
from tests.support.crawl import run_crawl
from tests.support.site import serve_article
from tests.support.warc import rss


def settings_for(tmp_path, **extra) -> dict:
    return {
        "NEWSCRAWL_STATE_ENABLED": "True",
        "NEWSCRAWL_STATE_DIR": str(tmp_path / "state"),
        "NEWSCRAWL_FEED_MIN_INTERVAL": "0",
        "RETRY_ENABLED": "False",
        **extra,
    }


def test_a_feed_fetched_recently_is_not_fetched_again(server, tmp_path):
    serve_article(server, "/a", title="A story")
    server.add("/feed.xml", rss(server, ["/a"]), headers=[("Content-Type", "text/xml")])
    first = run_crawl(
        tmp_path / "r1", feeds=[server.url("/feed.xml")], settings=settings_for(tmp_path)
    )
    assert first.returncode == 0, first.log[-2000:]
    polite = settings_for(tmp_path, NEWSCRAWL_FEED_MIN_INTERVAL="3600")
    second = run_crawl(tmp_path / "r2", feeds=[server.url("/feed.xml")], settings=polite)
    assert server.hits_for("/feed.xml") == 1
    assert second.stat("newscrawl/feeds/not_due") == 1
    assert "Feed not due " in second.log and "NEWSCRAWL_FEED_MIN_INTERVAL=3600" in second.log


def test_a_failing_feed_is_backed_off_and_reported(server, tmp_path):
    server.add("/broken.xml", "down", status=503, headers=[("Content-Type", "text/plain")])
    serve_article(server, "/a", title="A story")
    server.add("/ok.xml", rss(server, ["/a"]), headers=[("Content-Type", "text/xml")])
    feeds = [server.url("/broken.xml"), server.url("/ok.xml")]
    first = run_crawl(tmp_path / "r1", feeds=feeds, settings=settings_for(tmp_path))
    assert first.stat("newscrawl/feeds/failed/http_503") == 1
    assert server.hits_for("/broken.xml") == 1

    second = run_crawl(tmp_path / "r2", feeds=feeds, settings=settings_for(tmp_path))
    assert second.returncode == exitcodes.OK, second.log[-2000:]
    assert server.hits_for("/broken.xml") == 1  # not hammered
    assert server.hits_for("/ok.xml") == 2
    assert second.stat("newscrawl/feeds/backed_off") == 1
    lines = [line for line in second.log.splitlines() if "Feed backed off" in line]
    assert len(lines) == 1 and "WARNING" in lines[0] and "1 failed fetches" in lines[0]

    # once the backoff has passed (here: backoff off), the feed is tried again
    retry = settings_for(tmp_path, NEWSCRAWL_FEED_BACKOFF_BASE="0")
    run_crawl(tmp_path / "r3", feeds=feeds, settings=retry)
    assert server.hits_for("/broken.xml") == 2


def test_a_full_fetch_is_forced_when_validators_may_be_stale(server, tmp_path):
    serve_article(server, "/a", title="A story")
    feed = serve_conditional(server, "/feed.xml", rss(server, ["/a"]))
    settings = settings_for(tmp_path)
    run_crawl(tmp_path / "r1", feeds=[server.url("/feed.xml")], settings=settings)
    # the last full fetch is older than the limit (here: a few milliseconds)
    stale = settings_for(tmp_path, NEWSCRAWL_STATE_FULL_FETCH_HOURS="0.000001")
    second = run_crawl(tmp_path / "r2", feeds=[server.url("/feed.xml")], settings=stale)
    assert second.returncode == 0, second.log[-2000:]
    assert feed.requests[-1] == {"If-None-Match": None, "If-Modified-Since": None}
    assert second.stat("newscrawl/feeds/forced_full_fetch") == 1
    assert second.stat("newscrawl/feeds/parsed") == 1
    assert server.hits_for("/a") == 1  # the article is still known
    third = run_crawl(tmp_path / "r3", feeds=[server.url("/feed.xml")], settings=settings)
    assert feed.requests[-1]["If-None-Match"] == feed.etag
    assert third.stat("newscrawl/feeds/not_modified") == 1
