"""`scrapy crawl` exits with a status that says how the run went (newscrawl/exitcodes.py).

Each status comes from a real `scrapy crawl` subprocess against a loopback site.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

from newscrawl import exitcodes
from newscrawl.demo.server import DemoServer, feed_urls
from tests.support.crawl import finish_crawl, kill_crawl, run_crawl, start_crawl
from tests.support.site import article_html, serve_article, serve_stories
from tests.support.warc import rss


def wait_until(condition, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_demo_crawl_exits_0(demo_site, tmp_path):
    result = run_crawl(tmp_path, feeds=feed_urls(demo_site))
    assert result.returncode == exitcodes.OK, result.log[-3000:]
    assert "newscrawl: exit status 0 (finished)" in result.log


def test_no_feeds_given_exits_1(tmp_path):
    result = run_crawl(tmp_path)
    assert result.returncode == exitcodes.CONFIG_ERROR, result.log[-3000:]
    assert result.stat("newscrawl/feeds/none_given") == 1


def test_unknown_spider_exits_1_with_one_line(tmp_path):
    result = run_crawl(tmp_path, feeds=[], spider="fedes")
    assert result.returncode == exitcodes.CONFIG_ERROR
    assert result.log.strip().splitlines() == [
        "newscrawl: no spider named 'fedes' in this project (spiders: feeds)"
    ]


def test_no_feed_could_be_read_exits_2(server, tmp_path):
    missing = server.url("/gone.xml")  # 404
    broken = server.add(
        "/broken.xml", "<html>not a feed</html>", headers=[("Content-Type", "text/html")]
    )
    result = run_crawl(tmp_path, feeds=[missing, broken])
    assert result.returncode == exitcodes.NO_FEED_READ, result.log[-3000:]
    assert result.stat("newscrawl/feeds/failed/http_404") == 1
    assert "newscrawl: exit status 2 (no feed could be read)" in result.log


def test_warc_folder_gone_mid_run_exits_3(server, tmp_path):
    # the second article answers slowly; while it is on its way the WARC folder is
    # replaced by a file, so its records (and the rotation) cannot be written
    server.add("/a/1", article_html("First"), headers=[("Content-Type", "text/html")])
    server.add("/a/2", article_html("Second"), headers=[("Content-Type", "text/html")], delay=3)
    feed = server.add(
        "/feed.xml", rss(server, ["/a/1", "/a/2"]), headers=[("Content-Type", "text/xml")]
    )
    out = tmp_path / "out"
    # a new file for every exchange: each needs the folder
    proc = start_crawl(out, [feed], settings={"NEWSCRAWL_WARC_MAX_SIZE": "1"})
    try:
        warc = out / "warc"
        wait_until(
            lambda: server.hits_for("/a/2") == 1 and any(warc.glob("*.warc.gz")),
            "the first WARC files and the slow article's request",
        )
        warc.rename(tmp_path / "warc-moved")
        warc.write_text("not a folder any more\n")
        log = finish_crawl(proc, timeout=120)
    finally:
        if proc.poll() is None:
            kill_crawl(proc, signal.SIGKILL)
    assert proc.returncode == exitcodes.OUTPUTS_NOT_STORED, log[-3000:]
    assert "newscrawl: exit status 3 (some outputs could not be stored)" in log
    assert "Could not write WARC records for " + server.url("/a/2") in log
    import json

    stats = json.loads((out / "stats.json").read_text())
    assert stats["newscrawl/outputs/not_stored"] >= 1
    assert stats["newscrawl/warc/write_errors"] >= 1
    assert "Traceback" not in log


def test_post_that_cannot_be_written_exits_3(demo_site, tmp_path):
    # a folder where one post file must go: that post cannot be written
    blocked = "2026-11-10-recount-confirms-narrow-result-in-coastal-district.md"
    (tmp_path / "posts" / blocked).mkdir(parents=True)
    result = run_crawl(tmp_path, feeds=feed_urls(demo_site))
    assert result.returncode == exitcodes.OUTPUTS_NOT_STORED, result.log[-3000:]
    assert result.stat("newscrawl/outputs/not_stored") == 1
    assert len(list((tmp_path / "posts").glob("*.md"))) == 6  # the other five, and the folder
    assert len(result.items) == 6  # the record itself is still exported


def test_item_a_pipeline_fails_on_exits_3(server, tmp_path):
    serve_article(server, "/ok.html", title="A good story")
    serve_article(server, "/fail-me.html", title="A story the pipeline fails on")
    feed = server.add(
        "/feed.xml",
        rss(server, ["/ok.html", "/fail-me.html"]),
        headers=[("Content-Type", "text/xml")],
    )
    pipelines = {"tests.support.failing_pipeline.FailOnMarkedPages": 450}
    result = run_crawl(tmp_path, feeds=[feed], settings={"ITEM_PIPELINES": pipelines})
    assert result.returncode == exitcodes.OUTPUTS_NOT_STORED, result.log[-3000:]
    assert result.stat("newscrawl/items/failed") == 1
    assert [i["url"] for i in result.items] == [server.url("/ok.html")]


def test_sigterm_exits_5(tmp_path):
    with DemoServer(site_dir=None) as srv:
        links = serve_stories(srv, 40, delay=0.5)
        feed = srv.add("/feed.xml", rss(srv, links), headers=[("Content-Type", "text/xml")])
        proc = start_crawl(Path(tmp_path), [feed])
        try:
            wait_until(lambda: srv.hits_for("/a/3") == 1, "the crawl to be under way")
            kill_crawl(proc, signal.SIGTERM)
            log = finish_crawl(proc, timeout=120)
        finally:
            if proc.poll() is None:
                kill_crawl(proc, signal.SIGKILL)
    assert proc.returncode == exitcodes.INTERRUPTED, log[-3000:]
    assert "newscrawl: exit status 5 (interrupted before the end)" in log
    assert "(shutdown)" in log
