"""Incremental crawls with one state store: conditional feeds, known articles, new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.demo.server import DemoServer
from newscrawl.state.keys import article_key
from newscrawl.state.sqlite import SqliteStateStore
from tests.support.conditional import serve_conditional
from tests.support.crawl import CrawlResult, run_crawl
from tests.support.site import serve_article
from tests.support.warc import read_at, rss

ARTICLES_A = ["/a/one", "/a/two"]
ARTICLES_B = ["/b/three", "/b/four"]
NEW_IN_A = ["/a/five", "/a/six"]


def state_settings(state_dir: Path, **extra) -> dict:
    return {
        "NEWSCRAWL_STATE_ENABLED": "True",
        "NEWSCRAWL_STATE_DIR": str(state_dir),
        "NEWSCRAWL_FEED_MIN_INTERVAL": "0",
        **extra,
    }


def article_hits(server: DemoServer, paths: list[str]) -> dict[str, int]:
    return {path: server.hits_for(path) for path in paths}


@pytest.fixture
def site(server):
    for path in ARTICLES_A + ARTICLES_B + NEW_IN_A:
        serve_article(server, path, title=f"Story {path.rsplit('/', 1)[-1]}")
    feed_a = serve_conditional(server, "/feed-a.xml", rss(server, ARTICLES_A, "Feed A"))
    # feed B has only Last-Modified, so If-Modified-Since is exercised too
    feed_b = serve_conditional(server, "/feed-b.xml", rss(server, ARTICLES_B, "Feed B"), etag=False)
    return server, feed_a, feed_b


def crawl(tmp_path: Path, name: str, server: DemoServer, **settings) -> CrawlResult:
    result = run_crawl(
        tmp_path / name,
        feeds=[server.url("/feed-a.xml"), server.url("/feed-b.xml")],
        settings=state_settings(tmp_path / "state", **settings),
    )
    assert result.returncode == 0, result.log[-3000:]
    assert " WARNING: " not in result.log, result.log[-3000:]
    return result


def test_second_run_asks_conditionally_and_fetches_nothing_again(site, tmp_path):
    server, feed_a, feed_b = site
    first = crawl(tmp_path, "run1", server)
    assert sorted(i["url"] for i in first.items) == sorted(
        server.url(p) for p in ARTICLES_A + ARTICLES_B
    )
    assert feed_a.conditional_count == feed_b.conditional_count == 0
    assert (tmp_path / "state" / "state.sqlite3").is_file()

    second = crawl(tmp_path, "run2", server)
    # one conditional request per feed, each answered 304 and counted
    assert feed_a.requests[-1]["If-None-Match"] == feed_a.etag
    assert feed_b.requests[-1]["If-Modified-Since"] == feed_b.last_modified
    assert second.stat("newscrawl/feeds/conditional_requests") == 2
    assert second.stat("newscrawl/feeds/not_modified") == 2
    assert second.stat("newscrawl/feeds/parsed") == 0
    assert article_hits(server, ARTICLES_A + ARTICLES_B) == dict.fromkeys(
        ARTICLES_A + ARTICLES_B, 1
    )
    assert second.items == []
    assert not list((second.output_dir / "posts").glob("*.md"))

    # the site publishes two articles in feed A; feed B is unchanged
    feed_a.set(rss(server, NEW_IN_A + ARTICLES_A, "Feed A"))
    third = crawl(tmp_path, "run3", server)
    assert sorted(i["url"] for i in third.items) == sorted(server.url(p) for p in NEW_IN_A)
    assert third.stat("newscrawl/feeds/parsed") == 1
    assert third.stat("newscrawl/feeds/not_modified") == 1
    assert third.stat("newscrawl/articles/known") == 2
    assert article_hits(server, ARTICLES_A + ARTICLES_B + NEW_IN_A) == dict.fromkeys(
        ARTICLES_A + ARTICLES_B + NEW_IN_A, 1
    )
    assert all(i["record_version"] == 1 for i in third.items)

    # each run's report, in the log and as JSON named by its run ID
    report = run_report(third)
    assert (
        report["feeds"] | {"total": 2, "fetched": 1, "not_modified": 1, "failed": 0}
        == (report["feeds"])
    )
    assert report["articles"]["new"] == 2 and report["articles"]["skipped_known"] == 2
    assert report["exit_status"] == 0
    assert run_report(second)["feeds"]["not_modified"] == 2
    assert run_report(second)["articles"]["new"] == 0
    assert "  feeds     1/2 fetched, 1 not modified, 0 failed" in third.log
    assert "  articles  2 new, 2 skipped as known" in third.log


def run_report(result: CrawlResult) -> dict:
    [path] = (result.output_dir / "reports").glob("*.json")
    report = json.loads(path.read_text())
    assert path.name == report["run_id"] + ".json"
    assert result.stat("newscrawl/run_id") == report["run_id"]
    assert f"Run report {report['run_id']}: finished in " in result.log
    return report


def test_state_off_crawls_everything_again(site, tmp_path):
    server, feed_a, _ = site
    off = {"NEWSCRAWL_STATE_ENABLED": "False"}
    crawl(tmp_path, "run1", server, **off)
    second = crawl(tmp_path, "run2", server, **off)
    assert feed_a.conditional_count == 0
    assert len(second.items) == 4
    assert not (tmp_path / "state").exists()


def test_a_redirected_feed_is_asked_conditionally_under_its_listed_url(server, tmp_path):
    serve_article(server, "/a/one", title="Story one")
    feed = serve_conditional(server, "/new/feed.xml", rss(server, ["/a/one"]))
    listed = server.redirect("/old/feed.xml", server.url("/new/feed.xml"), status=301)
    settings = state_settings(tmp_path / "state")
    first = run_crawl(tmp_path / "run1", feeds=[listed], settings=settings)
    assert first.returncode == 0, first.log[-3000:]
    second = run_crawl(tmp_path / "run2", feeds=[listed], settings=settings)
    assert second.returncode == 0, second.log[-3000:]
    assert feed.requests[-1]["If-None-Match"] == feed.etag
    assert second.stat("newscrawl/feeds/not_modified") == 1
    assert server.hits_for("/a/one") == 1
    # politeness also knows the feed by its listed URL
    polite = {**settings, "NEWSCRAWL_FEED_MIN_INTERVAL": "3600"}
    third = run_crawl(tmp_path / "run3", feeds=[listed], settings=polite)
    assert third.stat("newscrawl/feeds/not_due") == 1
    assert server.hits_for("/old/feed.xml") == 2


def test_each_article_keeps_the_payload_digest_of_its_warc_response(site, tmp_path):
    server, _feed_a, _feed_b = site
    first = crawl(tmp_path, "run1", server)
    assert len(first.items) == 4
    store = SqliteStateStore(tmp_path / "state")
    try:
        for item in first.items:
            record = read_at(first.output_dir / "warc" / item["warc_file"], item["warc_offset"])
            digest = record.headers["WARC-Payload-Digest"]
            assert record.rec_type == "response" and digest.startswith("sha1:")
            assert item["warc_payload_digest"] == digest
            article = store.find_article(article_key(item["permalink"]))
            assert article is not None and article.payload_digest == digest
    finally:
        store.close()
