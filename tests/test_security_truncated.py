"""Downloads cut short (size limit, total time, reset mid-body) are archived, marked truncated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.demo.server import DemoServer
from tests.support.crawl import run_crawl
from tests.support.site import article_html
from tests.support.warc import assert_warcio_check, read_dir, rss, warc_files
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
    assert [i["url"] for i in crawled.items] == [crawled.paths["ok"]]
    assert "Traceback" not in crawled.log


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
