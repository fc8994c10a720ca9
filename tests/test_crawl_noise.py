"""A healthy crawl prints no WARNING: warnings are for what a person must act on."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.crawl import ROOT, crawl_env, run_crawl
from tests.support.warc import rss


def test_demo_crawl_prints_no_warning_and_writes_readable_posts(tmp_path):
    # exactly what a new user runs (no stats file, shipped settings but the demo's delay)
    proc = subprocess.run(
        [sys.executable, "-m", "newscrawl.demo", "crawl", "--output", str(tmp_path)],
        cwd=ROOT, env=crawl_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-3000:]
    noisy = [line for line in log.splitlines() if "WARNING" in line or "Warning" in line]
    assert noisy == []
    assert "'log_count/WARNING'" not in log
    posts = sorted((tmp_path / "posts").glob("*.md"))
    (items,) = (tmp_path / "items").glob("*.jsonl")
    assert len(posts) == 6
    # posts are readable like every other output (0644 with the usual umask)
    assert {oct(p.stat().st_mode & 0o777) for p in posts} == {oct(items.stat().st_mode & 0o777)}
    umask = os.umask(0)
    os.umask(umask)
    assert items.stat().st_mode & 0o777 == 0o666 & ~umask


def test_unknown_time_zone_name_in_a_page_is_not_printed(server, tmp_path):
    page = (
        "<html><head><title>Zone</title>"
        '<meta property="article:published_time" content="Tue, 03 Nov 2026 10:00:00 CEST">'
        "</head><body><article><h1>Zone</h1><p>An article whose date names a zone "
        "abbreviation that dateutil does not know, with enough words.</p></article>"
        "</body></html>"
    )
    server.add("/zone.html", page, headers=[("Content-Type", "text/html")])
    feed = server.add(
        "/feed.xml", rss(server, ["/zone.html"]), headers=[("Content-Type", "text/xml")]
    )
    result = run_crawl(tmp_path, feeds=[feed])
    assert result.returncode == 0, result.log[-3000:]
    assert "UnknownTimezoneWarning" not in result.log
    assert "WARNING" not in result.log
    assert result.item_for("/zone.html")["published"].startswith("2026-11-03T10:00:00")
