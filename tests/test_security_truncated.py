"""Downloads cut short (size limit, total time, reset mid-body) are archived, marked truncated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.demo.server import DemoServer
from tests.support.conditional import ConditionalRoute
from tests.support.crawl import run_crawl
from tests.support.site import article_html
from tests.support.warc import assert_warcio_check, read_at, read_dir, rss, warc_files
from tests.test_security_limits import endless_chunked, slow_drip

HTML = [("Content-Type", "text/html; charset=utf-8")]
LIMIT = 256 * 1024
SENT_BEFORE_RESET = 5000


def reset_mid_body(handler) -> None:
    """Announces 100 KB, sends 5000 bytes, then hangs up."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    handler.wfile.write(b"r" * SENT_BEFORE_RESET)
    handler.wfile.flush()
    handler.close_connection = True


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    with DemoServer(site_dir=None) as site:
        site.add(
            "/robots.txt", "User-agent: *\nDisallow:\n", headers=[("Content-Type", "text/plain")]
        )
        paths = {
            "ok": site.add("/ok", article_html("Fine"), headers=HTML),
            "length": site.add("/endless", handler=lambda h: endless_chunked(h, 65536, 0)),
            "time": site.add("/drip", handler=slow_drip),
            "disconnect": site.add("/reset", handler=reset_mid_body),
        }
        feed = site.add("/feed.xml", rss(site, list(paths.values())),
                        headers=[("Content-Type", "application/rss+xml")])  # fmt: skip
        result = run_crawl(
            tmp_path_factory.mktemp("truncated"),
            [feed],
            settings={"DOWNLOAD_MAXSIZE": LIMIT, "DOWNLOAD_TIMEOUT": 4, "RETRY_TIMES": 0},
            timeout=240,
        )
    result.paths = paths
    return result


@pytest.fixture(scope="module")
def responses(crawled):
    return {r.uri: r for r in read_dir(crawled.output_dir / "warc") if r.rec_type == "response"}


@pytest.mark.parametrize("reason", ["length", "time", "disconnect"])
def test_a_download_cut_short_is_archived_with_its_reason(crawled, responses, reason):
    record = responses[crawled.paths[reason]]
    assert record.headers.get("WARC-Truncated") == reason
    assert record.first_line.startswith(b"HTTP/1.")
    body = record.payload
    if reason == "length":
        assert len(body) == LIMIT and set(body) == {ord("a")}
    elif reason == "time":
        assert body and set(body) == {ord("<")}
    else:
        assert body == b"r" * SENT_BEFORE_RESET


@pytest.mark.parametrize("reason", ["length", "time", "disconnect"])
def test_each_cut_is_logged_and_counted(crawled, reason):
    url = crawled.paths[reason]
    lines = [line for line in crawled.log.splitlines() if f"of {url}, cut short" in line]
    assert len(lines) == 1, lines
    assert f"(WARC-Truncated: {reason})" in lines[0]
    assert crawled.stat(f"newscrawl/warc/truncated/{reason}") == 1
    assert crawled.stat("newscrawl/warc/truncated") == 3


def test_a_whole_download_is_not_marked(crawled, responses):
    record = responses[crawled.paths["ok"]]
    assert record.headers.get("WARC-Truncated") is None
    assert crawled.item_for(crawled.paths["ok"])["warc_truncated"] is None
    assert "Traceback" not in crawled.log


@pytest.mark.parametrize("reason", ["length", "time", "disconnect"])
def test_the_item_of_a_download_cut_short_says_so_and_where_it_is(crawled, responses, reason):
    url = crawled.paths[reason]
    item = crawled.item_for(url)
    assert item["warc_truncated"] == reason
    assert item["entry_title"]  # what the feed said is kept
    record = read_at(crawled.output_dir / "warc" / item["warc_file"], item["warc_offset"])
    assert record.record_id == item["warc_record_id"] == responses[url].record_id
    assert record.headers.get("WARC-Truncated") == reason
    assert crawled.stat("newscrawl/articles/truncated") == 3


def test_the_warcs_with_truncated_records_pass_both_checkers(crawled):
    directory = crawled.output_dir / "warc"
    assert_warcio_check(directory)
    warcio = Path(sys.executable).with_name("warcio")  # warcio's own command, too
    check = subprocess.run(
        [str(warcio), "check", "-v", *map(str, warc_files(directory))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "digest pass" in check.stdout


def test_an_announced_oversize_body_is_archived_empty_and_marked(server, tmp_path):
    url = server.add("/big", b"b" * (LIMIT + 1), headers=HTML)
    feed = server.add("/feed.xml", rss(server, [url]), headers=[("Content-Type", "text/xml")])

    result = run_crawl(tmp_path, [feed], settings={"DOWNLOAD_MAXSIZE": LIMIT, "RETRY_TIMES": 0})

    (record,) = [
        r for r in read_dir(tmp_path / "warc") if r.uri == url and r.rec_type == "response"
    ]
    assert record.headers.get("WARC-Truncated") == "length"
    assert record.payload == b""
    assert result.stat("newscrawl/warc/truncated/length") == 1
    assert_warcio_check(tmp_path / "warc")


def service_unavailable(handler) -> None:
    handler.send_response(503)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


@pytest.mark.parametrize("first_answer", [reset_mid_body, service_unavailable])
def test_an_article_that_failed_is_fetched_again_by_the_next_run(server, tmp_path, first_answer):
    """Its feed, unchanged, is fetched in full (not 304) so the entry is seen again."""
    calls = {"n": 0}

    def first_fails_then_whole(handler) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            first_answer(handler)
            return
        body = article_html("Whole at last").encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    url = server.add("/flaky", handler=first_fails_then_whole)
    route = ConditionalRoute(rss(server, [url]), "application/rss+xml")
    feed = server.add("/feed.xml", handler=route)
    settings = {"RETRY_TIMES": 0, "NEWSCRAWL_STATE_ENABLED": True, "NEWSCRAWL_FEED_MIN_INTERVAL": 0}

    first = run_crawl(tmp_path, [feed], settings=settings)
    assert first.stat("newscrawl/state/feeds_incomplete") == 1
    if first_answer is reset_mid_body:
        assert [i["warc_truncated"] for i in first.items] == ["disconnect"]
        assert first.stat("newscrawl/state/not_marked") == 1
    else:
        assert first.items == []
    second = run_crawl(tmp_path, [feed], settings=settings)
    assert second.stat("newscrawl/feeds/not_modified", 0) == 0
    assert calls["n"] == 2  # not skipped as known
    whole = [i for i in second.items if i["warc_truncated"] is None]  # items/ holds run 1's too
    assert [i["url"] for i in whole] == [url]
    assert "Whole at last" in whole[0]["markdown"]
    assert route.requests[1]["If-None-Match"] is None  # asked in full
    third = run_crawl(tmp_path, [feed], settings=settings)  # now archived: a 304, no fetch
    assert route.requests[2]["If-None-Match"] == route.etag
    assert third.stat("newscrawl/feeds/not_modified") == 1
    assert calls["n"] == 2
    assert len(third.items) == len(second.items)  # no new item
