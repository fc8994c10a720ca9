"""`scrapy shell` and `scrapy parse` on the archive, as the README shows them."""

from __future__ import annotations

import gzip
import subprocess
import sys

import pytest

from newscrawl.demo.server import DemoServer
from tests.support.crawl import ROOT, crawl_env, run_crawl
from tests.support.warc import read_dir, rss

ARTICLE = (
    b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
    b"<title>Tram line extended</title></head><body><article><h1>Tram line extended</h1>"
    b"<p>The tram line now runs to the hospital, four stops further than before.</p>"
    b"<p>Trams run every eight minutes on weekdays.</p></article></body></html>"
)


@pytest.fixture(scope="module")
def archived(tmp_path_factory):
    """A crawl of one gzip-served article; the site is gone when the tests run."""
    out = tmp_path_factory.mktemp("replay-shell")
    with DemoServer(site_dir=None) as site:
        site.add("/robots.txt", "User-agent: *\n", headers=[("Content-Type", "text/plain")])
        url = site.add(
            "/news/tram.html",
            gzip.compress(ARTICLE),
            headers=[("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")],
        )
        feed = site.add("/feed.xml", rss(site, ["/news/tram.html"]))
        result = run_crawl(out, feeds=[feed])
    assert result.returncode == 0, result.log[-3000:]
    return out, url


def scrapy(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=cwd, env=crawl_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_scrapy_shell_opens_the_archived_page(archived, tmp_path):
    out, url = archived
    (stored,) = [r for r in read_dir(out / "warc") if r.rec_type == "response" and r.uri == url]
    assert stored.http_header("Content-Encoding") == [b"gzip"]
    proc = scrapy(
        "shell", "--nolog", url,
        "-s", f"NEWSCRAWL_REPLAY_FROM={out / 'warc'}",
        "-s", f"NEWSCRAWL_OUTPUT_DIR={tmp_path}",
        "-c", "(response.status, response.body.hex(), response.flags)",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    status, body_hex, flags = eval(proc.stdout.strip())  # the shell prints a repr
    assert status == 200
    assert bytes.fromhex(body_hex) == gzip.decompress(stored.payload) == ARTICLE
    assert "replayed" in flags
    assert not (tmp_path / "warc").exists() or not any((tmp_path / "warc").iterdir())


def test_scrapy_parse_extracts_from_the_archive(archived, tmp_path):
    out, url = archived
    proc = scrapy(
        "parse", "--nolog", "--spider", "feeds", "-c", "parse_article", url,
        "-s", f"NEWSCRAWL_REPLAY_FROM={out / 'warc'}",
        "-s", f"NEWSCRAWL_OUTPUT_DIR={tmp_path}",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Tram line extended" in proc.stdout
    assert "hospital" in proc.stdout  # from the body (pprint may split long strings)
