"""Bombs, oversized bodies, slow drips and endless streams: each cut, logged once, counted."""

from __future__ import annotations

import time
import zlib

import brotli
import pytest

from newscrawl.demo.server import DemoServer
from tests.support.crawl import run_crawl
from tests.support.site import article_html
from tests.support.warc import read_dir, rss

HTML = [("Content-Type", "text/html; charset=utf-8")]
BOMB_MB = 256  # decompressed size of each bomb; the limit below is 4 MB
LIMIT = 4 << 20


def bomb(encoding: str) -> bytes:
    """``BOMB_MB`` of zeros, compressed (a few hundred KB at most)."""
    if encoding == "br":
        return brotli.compress(b"\0" * (BOMB_MB << 20), quality=1)
    wbits = 31 if encoding == "gzip" else 15  # gzip wrapper, or zlib ("deflate")
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    chunk = b"\0" * (1 << 20)
    return b"".join([packer.compress(chunk) for _ in range(BOMB_MB)] + [packer.flush()])


def slow_drip(handler) -> None:
    """Announces 100 KB, then sends a byte every 0.2 s: never idle, never done."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    _stream(handler, lambda: handler.wfile.write(b"<"), 0.2)


def endless_chunked(handler, size: int, pause: float) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    chunk = b"%x\r\n%s\r\n" % (size, b"a" * size)
    _stream(handler, lambda: handler.wfile.write(chunk), pause)


def _stream(handler, write, pause: float, seconds: float = 300) -> None:
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end:
            write()
            handler.wfile.flush()
            time.sleep(pause)
    except OSError:
        pass  # the crawler hung up: that is the point


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    with DemoServer(site_dir=None) as site:
        site.add(
            "/robots.txt", "User-agent: *\nDisallow:\n", headers=[("Content-Type", "text/plain")]
        )
        paths = {"/ok": site.add("/ok", article_html("Fine"), headers=HTML)}
        for encoding in ("gzip", "deflate", "br"):
            paths[f"/bomb-{encoding}"] = site.add(
                f"/bomb-{encoding}", bomb(encoding), headers=[*HTML, ("Content-Encoding", encoding)]
            )
        paths["/announced-big"] = site.add("/announced-big", b"a" * (LIMIT + 1), headers=HTML)
        paths["/endless-fast"] = site.add(
            "/endless-fast", handler=lambda h: endless_chunked(h, 65536, 0)
        )
        paths["/endless-slow"] = site.add(
            "/endless-slow", handler=lambda h: endless_chunked(h, 1024, 0.01)
        )
        paths["/drip"] = site.add("/drip", handler=slow_drip)
        feed = site.add("/feed.xml", rss(site, list(paths.values())),
                        headers=[("Content-Type", "application/rss+xml")])  # fmt: skip
        result = run_crawl(
            tmp_path_factory.mktemp("limits"),
            [feed],
            settings={
                "DOWNLOAD_MAXSIZE": LIMIT,
                "DOWNLOAD_TIMEOUT": 5,
                "RETRY_TIMES": 0,
                "MEMUSAGE_CHECK_INTERVAL_SECONDS": 0.25,
            },
            timeout=240,
        )
    result.paths = paths
    return result


def _failure_lines(result, url: str) -> list[str]:
    return [line for line in result.log.splitlines() if url in line and "WARNING" in line]


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_decompression_bombs_stop_at_the_size_limit_with_one_line(crawled, encoding):
    url = crawled.paths[f"/bomb-{encoding}"]
    lines = _failure_lines(crawled, url)
    assert len(lines) == 1, "\n".join(lines)
    (line,) = lines
    assert f"Article failed {url}" in line
    assert "exceeded DOWNLOAD_MAXSIZE (4194304 B) during decompression" in line
    # the WARC keeps the response as sent: compressed, small
    records = read_dir(crawled.output_dir / "warc")
    (record,) = [r for r in records if r.uri == url and r.rec_type == "response"]
    assert record.http_header("Content-Encoding") == [encoding.encode()]
    assert len(record.payload) < LIMIT


def test_decompression_cuts_are_counted(crawled):
    assert crawled.stat("newscrawl/limits/decompressed_size") == 3


def test_memory_stays_flat_through_the_bombs(crawled):
    # 3 x 256 MB decompressed in full would show; the 4 MB cut keeps growth small
    growth = crawled.stat("memusage/max") - crawled.stat("memusage/startup")
    assert growth < 150 * 1024 * 1024, growth


@pytest.mark.parametrize("path", ["/announced-big", "/endless-fast"])
def test_oversized_bodies_are_cancelled_with_one_line(crawled, path):
    url = crawled.paths[path]
    (line,) = _failure_lines(crawled, url)
    assert f"Article failed {url}: DownloadCancelledError" in line
    assert "larger than download max size (4194304)" in line


def test_size_cuts_are_counted(crawled):
    assert crawled.stat("newscrawl/limits/max_size") == 2


@pytest.mark.parametrize("path", ["/drip", "/endless-slow"])
def test_slow_drip_and_endless_streams_end_at_the_total_download_timeout(crawled, path):
    """Bytes keep coming (never idle), so only a limit on the whole download ends these."""
    url = crawled.paths[path]
    (line,) = _failure_lines(crawled, url)
    assert line.endswith(f"Article failed {url}: timed out")


def test_the_crawl_goes_on_and_reports_each_cut(crawled):
    whole = [i["url"] for i in crawled.items if not i.get("warc_truncated")]
    assert whole == [crawled.paths["/ok"]]
    # a download cut short is archived as far as it got, and its item says so
    cut = {i["url"]: i["warc_truncated"] for i in crawled.items if i.get("warc_truncated")}
    assert cut == {
        crawled.paths["/announced-big"]: "length",
        crawled.paths["/endless-fast"]: "length",
        crawled.paths["/endless-slow"]: "time",
        crawled.paths["/drip"]: "time",
    }
    assert crawled.stat("newscrawl/articles/failed/timeout") == 2
    assert crawled.returncode == 0
    assert "Traceback" not in crawled.log


def test_entries_past_the_per_feed_limit_are_not_followed(server, tmp_path):
    links = [server.add(f"/a/{n}.html", article_html(f"A{n}"), headers=HTML) for n in range(8)]
    feed = server.add("/feed.xml", rss(server, links), headers=[("Content-Type", "text/xml")])

    result = run_crawl(tmp_path, [feed], settings={"NEWSCRAWL_FEED_MAX_ENTRIES": 3})

    assert sorted(i["url"] for i in result.items) == sorted(links[:3])
    assert sum(server.hits_for(f"/a/{n}.html") for n in range(3, 8)) == 0
    (line,) = [line for line in result.log.splitlines() if "NEWSCRAWL_FEED_MAX_ENTRIES" in line]
    assert f"Feed {feed} lists 8 entries; following the first 3" in line
    assert result.stat("newscrawl/limits/feed_entries") == 1
