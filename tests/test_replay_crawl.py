"""A live crawl of a loopback site, then a replay of its WARCs with the site gone.

The replay must yield the same records field by field, attempt no connection
(a sentinel listens on the site's port and counts them) and write no WARC.
"""

from __future__ import annotations

import gzip
import json
import subprocess

import brotli
import pytest

from newscrawl.demo.server import DemoServer, feed_urls
from tests.support.crawl import ROOT, crawl_command, crawl_env, run_crawl
from tests.support.sentinel import Sentinel
from tests.support.warc import rss, warc_files


def page(title: str, text: str) -> bytes:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{text}</p><p>It is a second paragraph about {title.lower()}.</p>"
        "</article></body></html>"
    ).encode()


GZ = page("Gzip ferry timetable", "The ferry timetable changes on Monday for the winter months")
BR = page("Brotli market hall", "The market hall reopens with forty stalls and a new roof")
PLAIN = page("Redirected library", "The library moved to the old post office building last week")


def serve_extra(site: DemoServer) -> str:
    html = [("Content-Type", "text/html; charset=utf-8")]
    site.add("/gz/ferry.html", gzip.compress(GZ), headers=[*html, ("Content-Encoding", "gzip")])
    site.add("/br/market.html", brotli.compress(BR), headers=[*html, ("Content-Encoding", "br")])
    site.add("/plain/library.html", PLAIN, headers=html)
    site.redirect("/go/library", "/plain/library.html", status=301)
    return site.add(
        "/extra.rss",
        rss(site, ["/gz/ferry.html", "/br/market.html", "/go/library"]),
        headers=[("Content-Type", "application/rss+xml")],
    )


# Two feeds list the same article; which one "lists it first" (the record's feed_url)
# depends on which feed response is parsed first. One request at a time fixes that
# order, in the live crawl and in the replay alike.
ONE_AT_A_TIME = {"CONCURRENT_REQUESTS": 1}


@pytest.fixture(scope="module")
def live_then_replay(tmp_path_factory):
    out = tmp_path_factory.mktemp("replay-crawl")
    with DemoServer() as site:
        feeds = [*feed_urls(site), serve_extra(site)]
        live = run_crawl(out / "live", feeds=feeds, settings=ONE_AT_A_TIME)
        port = site.server_address[1]
    assert live.returncode == 0, live.log[-3000:]
    warc_dir = out / "live" / "warc"
    before = sorted(p.name for p in warc_dir.iterdir())
    with Sentinel(port) as sentinel:
        replay = run_crawl(
            out / "replay",
            feeds=feeds,
            settings={**ONE_AT_A_TIME, "NEWSCRAWL_REPLAY_FROM": str(warc_dir)},
        )
    assert replay.returncode == 0, replay.log[-3000:]
    return live, replay, sentinel, before, warc_dir


def by_url(items: list[dict]) -> dict[str, dict]:
    return {item["url"]: item for item in items}


def test_replay_yields_the_live_records_field_by_field(live_then_replay):
    live, replay, *_ = live_then_replay
    assert len(live.items) >= 9
    live_items, replayed_items = by_url(live.items), by_url(replay.items)
    assert sorted(replayed_items) == sorted(live_items)
    for url, item in live_items.items():
        again = replayed_items[url]
        for name in item:
            assert again[name] == item[name], f"{url}: field {name} differs"
        assert item["warc_record_id"] and item["fetched_at"]


def test_replay_writes_the_same_posts(live_then_replay):
    live, replay, *_ = live_then_replay
    live_posts = {p.name: p.read_bytes() for p in (live.output_dir / "posts").glob("*.md")}
    replay_posts = {p.name: p.read_bytes() for p in (replay.output_dir / "posts").glob("*.md")}
    assert live_posts and replay_posts == live_posts


def test_replay_decodes_and_follows_like_a_live_crawl(live_then_replay):
    _, replay, *_ = live_then_replay
    assert "ferry timetable changes" in replay.item_for("/gz/ferry.html")["markdown"]
    assert "forty stalls" in replay.item_for("/br/market.html")["markdown"]
    library = replay.item_for("/plain/library.html")
    assert library["permalink"].endswith("/go/library")
    assert replay.stat("downloader/response_status_count/301") >= 1
    assert replay.stat("robotstxt/response_status_count/200") == 1


def test_replay_never_connects_and_writes_no_warc(live_then_replay):
    _, replay, sentinel, before, warc_dir = live_then_replay
    assert sentinel.connections == 0
    assert replay.stat("newscrawl/replay/responses") >= 10
    assert replay.stat("newscrawl/replay/not_archived") == 0
    assert not warc_files(replay.output_dir / "warc")
    assert sorted(p.name for p in warc_dir.iterdir()) == before
    assert replay.stat("newscrawl/warc/records") == 0


def test_a_url_without_capture_is_one_line_and_a_stat(live_then_replay, tmp_path):
    live, *_ = live_then_replay
    warc_dir = live.output_dir / "warc"
    with DemoServer(site_dir=None) as other:
        missing = other.url("/never/archived.rss")
        hits_before = len(other.hits)
        result = run_crawl(
            tmp_path, feeds=[missing], settings={"NEWSCRAWL_REPLAY_FROM": str(warc_dir)}
        )
        assert len(other.hits) == hits_before
    assert result.stat("newscrawl/replay/not_archived") == 2  # robots.txt and the feed
    assert result.log.count(f"Not in the archive: {missing}") == 1
    assert result.stat("newscrawl/feeds/failed/http_404") == 1
    assert "Traceback" not in result.log


def test_missing_archive_is_one_error_line(tmp_path):
    result = run_crawl(
        tmp_path,
        feeds=["http://127.0.0.1:9/feed.xml"],
        settings={"NEWSCRAWL_REPLAY_FROM": str(tmp_path / "nowhere")},
    )
    result.assert_one_config_error("NEWSCRAWL_REPLAY_FROM")


def test_a_bad_replay_time_is_one_error_line(live_then_replay, tmp_path):
    live, *_ = live_then_replay
    result = run_crawl(
        tmp_path,
        feeds=["http://127.0.0.1:9/feed.xml"],
        settings={
            "NEWSCRAWL_REPLAY_FROM": str(live.output_dir / "warc"),
            "NEWSCRAWL_REPLAY_AT": "last tuesday",
        },
    )
    result.assert_one_config_error("NEWSCRAWL_REPLAY_AT")


def test_live_fallback_fetches_and_archives_what_the_archive_lacks(live_then_replay, tmp_path):
    live, *_ = live_then_replay
    with DemoServer(site_dir=None) as other:
        other.add("/robots.txt", "User-agent: *\n", headers=[("Content-Type", "text/plain")])
        other.add("/late.html", PLAIN, headers=[("Content-Type", "text/html; charset=utf-8")])
        feed = other.add("/late.rss", rss(other, ["/late.html"]))
        result = run_crawl(
            tmp_path,
            feeds=[feed],
            settings={
                "NEWSCRAWL_REPLAY_FROM": str(live.output_dir / "warc"),
                "NEWSCRAWL_REPLAY_LIVE_FALLBACK": "True",
            },
        )
        assert other.hits_for("/late.html") == 1
    assert result.returncode == 0, result.log[-3000:]
    assert result.stat("newscrawl/replay/live_fallback") == 3  # robots.txt, feed, article
    assert len(result.items) == 1 and result.items[0]["warc_record_id"]
    assert warc_files(tmp_path / "warc")


def test_replay_into_the_live_output_ignores_the_crawl_state(tmp_path):
    # The live run's crawl state lists every article as archived; a replay that read it
    # would skip them all. Replaying into the same folder must re-extract everything.
    out = tmp_path / "archive"
    with DemoServer() as site:
        feeds = feed_urls(site)
        live = run_crawl(out, feeds=feeds, settings={"NEWSCRAWL_STATE_ENABLED": "True"})
    assert live.returncode == 0, live.log[-3000:]
    assert (out / "state").is_dir()
    items_before = set((out / "items").glob("*.jsonl"))
    cmd = crawl_command(out, feeds, settings={"NEWSCRAWL_REPLAY_FROM": str(out / "warc")})
    at = cmd.index("NEWSCRAWL_STATE_ENABLED=False")
    del cmd[at - 1 : at + 1]  # the shipped default (state on), not the tests' override
    proc = subprocess.run(
        cmd, cwd=ROOT, env=crawl_env(), capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    new_batches = set((out / "items").glob("*.jsonl")) - items_before
    replayed = [json.loads(line) for p in new_batches for line in p.read_text().splitlines()]
    assert sorted(i["url"] for i in replayed) == sorted(i["url"] for i in live.items)
