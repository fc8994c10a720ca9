"""A real pywb replays the crawl from our WARCs and CDXJ; headless Chromium renders it.

pywb pins redis 2.x, which clashes with scrapy-redis, so it lives in its own
virtualenv: ``$NEWSCRAWL_PYWB_VENV``, else ``.venv-pywb/`` in the repo root
(``scripts/test.sh`` creates it). Chromium is Debian's ``/usr/bin/chromium``.
Both skip when missing, and fail under ``NEWSCRAWL_REQUIRE_ALL=1`` (CI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time

import pytest

from newscrawl.demo.server import DemoServer
from tests.conftest import require_or_skip
from tests.support.crawl import CrawlResult, run_crawl
from tests.support.pywbproc import fetch, pywb_python, running_pywb
from tests.support.warc import rss, warc_files, warcio_check

TEXT = "The harbour bridge reopened to traffic on Tuesday after eighteen months of repairs"
ARTICLE = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
    "<title>Harbour bridge reopens</title></head><body><article>"
    f"<h1>Harbour bridge reopens</h1><p>{TEXT}.</p>"
    "<p>Cyclists were first across, followed by the number 12 bus.</p>"
    "</article></body></html>"
).encode()


@pytest.fixture(scope="module")
def site():
    served = {"count": 0}

    def article(handler) -> None:
        served["count"] += 1
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("X-Served", str(served["count"]))
        handler.send_header("Content-Length", str(len(ARTICLE)))
        handler.end_headers()
        handler.wfile.write(ARTICLE)

    with DemoServer(site_dir=None) as srv:
        srv.add("/robots.txt", "User-agent: *\n", headers=[("Content-Type", "text/plain")])
        srv.add("/news/harbour-bridge.html", handler=article)
        srv.add("/feed.xml", rss(srv, ["/news/harbour-bridge.html"]),
                headers=[("Content-Type", "text/xml")])  # fmt: skip
        yield srv


@pytest.fixture(scope="module")
def crawled(site, tmp_path_factory) -> CrawlResult:
    """Two runs a second apart: the second stores the article as a revisit."""
    out = tmp_path_factory.mktemp("replay")
    first = run_crawl(out, feeds=[site.url("/feed.xml")])
    assert first.returncode == 0, first.log[-3000:]
    time.sleep(1.2)  # distinct 14-digit capture timestamps
    second = run_crawl(out, feeds=[site.url("/feed.xml")])
    assert second.returncode == 0, second.log[-3000:]
    assert second.stat("newscrawl/warc/dedup/hits") >= 1
    return second


@pytest.fixture(scope="module")
def captures(crawled, site) -> dict[str, str]:
    """mime -> 14-digit timestamp of the article's captures, from our CDXJ files."""
    url = site.url("/news/harbour-bridge.html")
    found = {}
    for index in (crawled.output_dir / "warc").glob("*.cdxj"):
        for line in index.read_text().splitlines():
            _, timestamp, data = line.split(" ", 2)
            entry = json.loads(data)
            if entry["url"] == url:
                found[entry["mime"]] = timestamp
    assert set(found) == {"text/html", "warc/revisit"}
    assert found["text/html"] != found["warc/revisit"]
    return found


@pytest.fixture(scope="module")
def pywb(crawled, tmp_path_factory):
    root = tmp_path_factory.mktemp("pywb")
    coll = root / "collections" / "news"
    (coll / "archive").mkdir(parents=True)
    (coll / "indexes").mkdir()
    for path in warc_files(crawled.output_dir / "warc"):
        os.symlink(path, coll / "archive" / path.name)
    for index in (crawled.output_dir / "warc").glob("*.cdxj"):
        shutil.copy(index, coll / "indexes" / index.name)  # our CDXJ, not pywb's indexer
    (root / "config.yaml").write_text("framed_replay: false\n")
    with running_pywb(root) as base:
        yield base + "/news"


def test_pywb_replays_the_archived_article_raw(pywb, site, captures):
    url = site.url("/news/harbour-bridge.html")
    status, headers, body = fetch(f"{pywb}/{captures['text/html']}id_/{url}")
    assert status == 200
    assert body == ARTICLE
    assert headers.get("X-Served") == "1"


def test_pywb_replays_the_revisit_with_the_original_payload(pywb, site, captures):
    url = site.url("/news/harbour-bridge.html")
    status, headers, body = fetch(f"{pywb}/{captures['warc/revisit']}id_/{url}")
    assert status == 200
    assert body == ARTICLE
    assert headers.get("X-Served") == "2"  # the revisit's own headers, the first payload


def test_pywb_serves_the_rewritten_page(pywb, site, captures):
    url = site.url("/news/harbour-bridge.html")
    status, _, body = fetch(f"{pywb}/{captures['warc/revisit']}/{url}")
    assert status == 200
    assert TEXT.encode() in body
    assert b"wombat" in body  # pywb's client-side rewriting was injected


def test_chromium_renders_the_replayed_article(pywb, site, captures, tmp_path):
    chromium = shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )
    require_or_skip(chromium is not None, "chromium (apt-get install chromium)")
    url = site.url("/news/harbour-bridge.html")
    cmd = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=5000",
        "--dump-dom",
        f"{pywb}/{captures['warc/revisit']}/{url}",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "<h1>Harbour bridge reopens</h1>" in result.stdout
    assert TEXT in result.stdout


def test_pywb_own_warcio_checks_our_files(crawled):
    """warcio's unmodified CLI (pywb's venv has a brotli it can use) passes too."""
    python = pywb_python()
    require_or_skip(python is not None, "pywb's virtualenv")
    files = warc_files(crawled.output_dir / "warc")
    result = subprocess.run(
        [str(python), "-m", "warcio.cli", "check", "-v", *map(str, files)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert warcio_check(files).returncode == 0
