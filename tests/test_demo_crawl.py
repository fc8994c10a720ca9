"""The demo site declares a canonical URL of its own: one article, one post, whatever port."""

from __future__ import annotations

import subprocess
import sys

from newscrawl.demo.server import DEMO_ORIGIN, feed_urls
from newscrawl.frontmatter import parse_post
from tests.support.crawl import ROOT, crawl_env, run_crawl


def test_two_demo_runs_on_different_ports_leave_six_posts(demo_site, tmp_path):
    out = tmp_path / "archive"
    # the user's path: the demo command starts its site on a free port of its own
    first = subprocess.run(
        [sys.executable, "-m", "newscrawl.demo", "crawl", "--output", str(out)],
        cwd=ROOT, env=crawl_env(), capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert first.returncode == 0, first.stdout + first.stderr
    first_base = first.stdout.split("Demo site on ", 1)[1].split("/;", 1)[0]
    assert first_base != demo_site.base
    # then a crawl of the same site served on another port
    second = run_crawl(out, feeds=feed_urls(demo_site))
    assert second.returncode == 0, second.log

    posts = sorted((out / "posts").glob("*.md"))
    assert len(posts) == 6, [p.name for p in posts]
    records = [parse_post(p.read_text(encoding="utf-8"))[0] for p in posts]
    assert len({r["id"] for r in records}) == 6
    for record in records:
        assert record["canonical_url"].startswith(DEMO_ORIGIN + "/"), record
    # the second run rewrote the same files rather than adding "-<hex>" copies
    assert second.stat("newscrawl/frontmatter/posts_written") == 6
