"""Progress: plain log lines in a pipe, a live rich line on a terminal."""

from __future__ import annotations

import os
import select
import subprocess
import time

from newscrawl.progress import snapshot
from tests.support.crawl import ROOT, crawl_command, crawl_env, run_crawl
from tests.support.site import serve_article
from tests.support.warc import rss


def slow_site(server) -> str:
    serve_article(server, "/fast", title="Fast story")
    serve_article(server, "/slow", title="Slow story", delay=3)
    return server.add(
        "/feed.xml", rss(server, ["/fast", "/slow"]), headers=[("Content-Type", "text/xml")]
    )


def test_snapshot_counts_feeds_and_articles():
    stats = {
        "newscrawl/feeds/parsed": 2,
        "newscrawl/feeds/not_modified": 1,
        "newscrawl/feeds/failed/http_503": 1,
        "newscrawl/feeds/backed_off": 1,
        "newscrawl/articles/fetched": 8,
        "newscrawl/articles/failed/timeout": 2,
        "downloader/response_bytes": 2048,
    }
    snap = snapshot(stats, feeds_total=6, queued=3, elapsed=5.0)
    assert (snap.feeds_done, snap.feeds_total, snap.articles_done) == (4, 5, 10)
    assert snap.line() == (
        "feeds 4/5 done, articles 10 done, 3 queued, 2.0 articles/s, 2.0 KB received"
    )


def test_a_pipe_gets_periodic_log_lines_and_no_bar(server, tmp_path):
    feed = slow_site(server)
    result = run_crawl(tmp_path, feeds=[feed], settings={"NEWSCRAWL_PROGRESS_INTERVAL": "0.5"})
    assert result.returncode == 0, result.log[-2000:]
    lines = [line for line in result.log.splitlines() if "Progress: feeds " in line]
    assert lines, result.log[-2000:]
    assert all(" INFO: " in line for line in lines)
    assert "1/1 done" in lines[-1]
    assert "\x1b[" not in result.log  # no terminal control sequences in a log


def test_a_terminal_gets_a_live_progress_line(server, tmp_path):
    feed = slow_site(server)
    primary, secondary = os.openpty()
    cmd = crawl_command(tmp_path, [feed], settings={"LOG_LEVEL": "WARNING"})
    env = crawl_env({"COLUMNS": "120", "TERM": "xterm"})
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=secondary, stderr=secondary)
    os.close(secondary)
    screen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            screen += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=30)
    os.close(primary)
    text = screen.decode("utf-8", "replace")
    assert proc.returncode == 0, text[-2000:]
    assert "feeds" in text and "1/1" in text and "articles 2 done / 0 queued" in text, text
    assert "\x1b[" in text  # drawn in place, as a live line
    assert "Progress: feeds" not in text
