"""A crawl writing to a nearly full disk (a small tmpfs) stops cleanly, every file whole."""

from __future__ import annotations

import base64
import json
import os
import subprocess
from collections.abc import Callable

import pytest

from newscrawl.demo.server import DemoServer
from newscrawl.security.diskspace import free_bytes
from newscrawl.warc.files import OPEN_SUFFIX
from tests.conftest import require_or_skip
from tests.support.crawl import run_crawl
from tests.support.site import serve_stories
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


def serve_feed_of_stories(site: DemoServer, padding: Callable[[], str], delay: float = 0) -> str:
    """300 padded articles and the feed listing them (its URL)."""
    paths = serve_stories(site, 300, padding, delay)
    return site.add("/f.xml", rss(site, paths), headers=[("Content-Type", "text/xml")])


def test_free_space_is_read_from_the_nearest_existing_folder(tmp_path):
    assert free_bytes(tmp_path / "not" / "yet" / "made") == free_bytes(tmp_path)


def test_a_nearly_full_disk_stops_the_crawl_with_one_line_and_no_torn_file(small_disk, tmp_path):
    with DemoServer(site_dir=None) as site:
        # 0.1 s an answer: the disk fills well before the 300th, and the guard checks
        # every 2 s; answered at once, all 300 could arrive before its first look
        feed = serve_feed_of_stories(site, lambda: PADDING, delay=0.1)
        stats_file = tmp_path / "stats.json"  # off the full disk
        result = run_crawl(
            small_disk / "out",
            [feed],
            settings={
                "NEWSCRAWL_MIN_FREE_SPACE": MIN_FREE,
                "NEWSCRAWL_WARC_QUEUE_SIZE": 4,  # at most 512 KiB in flight
                "NEWSCRAWL_STATS_FILE": str(stats_file),
                # the report is written after the stop, onto the nearly full disk
                "NEWSCRAWL_RUN_REPORT": False,
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
    # the guard checks every 2 s; a burst of worker output can reach the disk's end
    # first, and then the whole-line writers stop the run (checked below: no torn file)
    assert "Traceback" not in result.log

    out = small_disk / "out"
    assert not list((out / "warc").glob("*" + OPEN_SUFFIX))
    assert_warcio_check(out / "warc")
    for path in (out / "items").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            json.loads(line)
    for post in (out / "posts").glob("*.md"):
        assert post.read_text(encoding="utf-8").startswith("---\n")


@pytest.mark.parametrize(
    "first, settings",
    [
        ("", {}),  # whichever writer meets it first (the JSON Lines export, a post)
        ("WARC records", {"NEWSCRAWL_ITEMS_JSONL": False, "NEWSCRAWL_FRONTMATTER_POSTS": False}),
    ],
    ids=["all-outputs", "warc-only"],
)
def test_a_write_that_finds_the_disk_full_stops_the_run_with_status_3(
    small_disk, tmp_path, first, settings
):
    """The free-space guard off: the writes themselves meet ENOSPC."""
    with DemoServer(site_dir=None) as site:
        # random text: gzip keeps it big
        feed = serve_feed_of_stories(
            site, lambda: PADDING + f"<p>{base64.b64encode(os.urandom(30000)).decode()}</p>"
        )
        stats_file = tmp_path / "stats.json"  # off the full disk
        result = run_crawl(
            small_disk / "out",
            [feed],
            settings={
                "NEWSCRAWL_MIN_FREE_SPACE": 0,
                "NEWSCRAWL_STATS_FILE": str(stats_file),
                **settings,
            },
            timeout=300,
        )
    stats = json.loads(stats_file.read_text())
    errors = [line for line in result.log.splitlines() if " ERROR: " in line]
    assert len(errors) == 1, "\n".join(errors)
    assert f"Output disk full while writing {first}" in errors[0]
    warnings = [line for line in result.log.splitlines() if " WARNING: " in line]
    assert all("NEWSCRAWL_MIN_FREE_SPACE is 0" in line for line in warnings), warnings
    assert "Traceback" not in result.log
    assert result.returncode == 3  # outputs not stored
    assert stats["finish_reason"] == "disk_full"
    assert stats["newscrawl/outputs/not_stored"] > 0

    out = small_disk / "out"
    warcs = sorted((out / "warc").iterdir())
    assert not [p for p in warcs if p.name.endswith(OPEN_SUFFIX)], warcs
    assert len([p for p in warcs if ".warc" in p.name]) <= 2, warcs  # no file after file
    assert_warcio_check(out / "warc")
    lines = 0
    for path in (out / "items").glob("*.jsonl"):
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n") or not text
        for line in text.splitlines():
            json.loads(line)
            lines += 1
    assert lines > 0 or not (out / "items").exists()  # some items stored before it filled
    for post in (out / "posts").glob("*.md"):
        assert post.read_text(encoding="utf-8").startswith("---\n")
