"""A crawl writing to a nearly full disk (a small tmpfs) stops cleanly, every file whole."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from newscrawl.demo.server import DemoServer
from newscrawl.security.diskspace import free_bytes
from newscrawl.warc.files import OPEN_SUFFIX
from tests.conftest import require_or_skip
from tests.support.crawl import run_crawl
from tests.support.site import article_html
from tests.support.warc import assert_warcio_check, rss

PADDING = "<p>" + "Story text that makes the page a realistic size. " * 200 + "</p>"
MIN_FREE = 2 * 1024 * 1024


@pytest.fixture
def small_disk(tmp_path):
    """A 6 MB tmpfs (root can mount one; CI runs as root)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], capture_output=True
    )
    require_or_skip(done.returncode == 0 and os.path.ismount(mount), "a tmpfs mount (root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_free_space_is_read_from_the_nearest_existing_folder(tmp_path):
    assert free_bytes(tmp_path / "not" / "yet" / "made") == free_bytes(tmp_path)


def test_a_nearly_full_disk_stops_the_crawl_with_one_line_and_no_torn_file(small_disk, tmp_path):
    with DemoServer(site_dir=None) as site:
        site.add("/robots.txt", "User-agent: *\n", headers=[("Content-Type", "text/plain")])
        for n in range(300):
            html = article_html(f"Story {n}").replace("</article>", PADDING + "</article>")
            site.add(f"/a/{n}", html, headers=[("Content-Type", "text/html")])
        feed = site.add("/f.xml", rss(site, [f"/a/{n}" for n in range(300)]),
                        headers=[("Content-Type", "text/xml")])  # fmt: skip
        stats_file = tmp_path / "stats.json"  # off the full disk
        result = run_crawl(
            small_disk / "out",
            [feed],
            settings={
                "NEWSCRAWL_MIN_FREE_SPACE": MIN_FREE,
                "NEWSCRAWL_WARC_QUEUE_SIZE": 4,  # at most 512 KiB in flight
                "NEWSCRAWL_STATS_FILE": str(stats_file),
            },
            timeout=300,
        )
    stats = json.loads(stats_file.read_text())
    lines = [line for line in result.log.splitlines() if "Output disk almost full" in line]
    assert len(lines) == 1, result.log[-3000:]
    assert "NEWSCRAWL_MIN_FREE_SPACE=2097152" in lines[0]
    assert stats["finish_reason"] == "disk_full"
    assert stats["newscrawl/disk/low_space"] < MIN_FREE
    assert stats.get("newscrawl/articles/fetched", 0) < 300  # it did stop early
    assert "No space left" not in result.log and "Traceback" not in result.log

    out = small_disk / "out"
    assert not list((out / "warc").glob("*" + OPEN_SUFFIX))
    assert_warcio_check(out / "warc")
    for path in (out / "items").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            json.loads(line)
    for post in (out / "posts").glob("*.md"):
        assert post.read_text(encoding="utf-8").startswith("---\n")
