"""SIGKILL a crawl at random points, 24 times, restarting each time: nothing is left broken.

Afterwards every WARC passes warcio's check and ``python -m newscrawl.warc.check``,
every JSON Lines line parses, every item's WARC record is where the item says,
no Markdown post is half-written, and the crawl state agrees with the outputs:
every article it marks archived has its record and its WARC response.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
import yaml

from newscrawl.demo.server import DemoServer
from newscrawl.warc.files import OPEN_SUFFIX
from tests.support.crawl import ROOT, crawl_env, kill_crawl, run_crawl, start_crawl
from tests.support.site import serve_stories
from tests.support.warc import assert_warcio_check, read_at, warc_files

KILLS = 24
STEP = 40  # each run lists 60 articles from its own start: 40 new, 20 shared with the next
ARTICLES = (KILLS + 1) * STEP + 20
PADDING = "<p>" + "Story text that makes the page a realistic size. " * 60 + "</p>"
SETTINGS = {
    "NEWSCRAWL_WARC_MAX_SIZE": 256 * 1024,  # rotations happen, and get killed too
    "NEWSCRAWL_STATE_ENABLED": True,  # known articles are skipped: the feeds move on
}


@pytest.fixture(scope="module")
def site():
    with DemoServer(site_dir=None) as srv:
        # each answer takes 0.7 s: with 4 requests per host a run fetches its 40 new ones
        # for about 7 s, so a kill drawn from 0.5-7 s lands before the run ends
        serve_stories(srv, ARTICLES, PADDING, delay=0.7)
        yield srv


def _feed(site: DemoServer, run: int) -> str:
    from tests.support.warc import rss

    # each run lists the stories from its own starting point, so runs overlap
    links = [f"/a/{run * STEP + k}" for k in range(60)]
    return site.add(f"/feed-{run}.xml", rss(site, links), headers=[("Content-Type", "text/xml")])


@pytest.mark.slow
def test_two_dozen_sigkills_leave_every_output_readable(site, tmp_path):
    rng = random.Random(12)
    killed = 0
    for run in range(KILLS):
        proc = start_crawl(tmp_path, [_feed(site, run)], settings=SETTINGS)
        time.sleep(rng.uniform(0.5, 7.0))  # from start-up to mid-crawl to the final flush
        if proc.poll() is None:
            kill_crawl(proc, signal.SIGKILL)
            killed += 1
        proc.communicate(timeout=60)
    assert killed >= 20, f"only {killed} runs were still going when killed"

    final = run_crawl(tmp_path, [_feed(site, KILLS)], settings=SETTINGS, timeout=300)
    assert final.returncode == 0, final.log[-3000:]
    assert "Traceback" not in final.log

    warc_dir = tmp_path / "warc"
    assert not list(warc_dir.glob("*" + OPEN_SUFFIX))
    files = warc_files(warc_dir)
    assert files
    assert_warcio_check(warc_dir)
    check = subprocess.run(
        [sys.executable, "-m", "newscrawl.warc.check", *map(str, files)],
        cwd=ROOT, env=crawl_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]

    items = []
    for path in sorted((tmp_path / "items").glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError:
                pytest.fail(f"{path.name} line {number} does not parse: {line[:80]!r}")
    assert items
    # items from killed runs are checked too, not only the final run's
    assert len(list((tmp_path / "items").glob("*.jsonl"))) > 1

    by_name = {p.name: p for p in files}
    for item in items:
        path = by_name.get(item["warc_file"])
        assert path is not None, f"{item['url']}: {item['warc_file']} is missing"
        record = read_at(path, item["warc_offset"])
        assert record.record_id == item["warc_record_id"]
        assert record.uri == item["url"]

    for post in (tmp_path / "posts").glob("*.md"):
        text = post.read_text(encoding="utf-8")
        head, sep, body = text.removeprefix("---\n").partition("\n---\n")
        assert text.startswith("---\n") and sep, f"{post.name} is half-written"
        assert isinstance(yaml.safe_load(head), dict)
        assert body.strip(), f"{post.name} has no body"

    # the crawl state marks an article archived only with its record and response written
    with sqlite3.connect(tmp_path / "state" / "state.sqlite3") as db:
        query = "SELECT permalink, warc_file, warc_offset, warc_record_id FROM articles"
        marked = db.execute(query).fetchall()
    assert len(marked) >= 60  # the final run's articles, at least
    recorded = {item["warc_record_id"] for item in items}
    for permalink, warc_file, offset, record_id in marked:
        assert record_id in recorded, f"{permalink} is marked archived without its record"
        record = read_at(by_name[warc_file], offset)
        assert record.record_id == record_id and record.uri == permalink
