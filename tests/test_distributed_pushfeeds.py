"""``scrapy pushfeeds`` and per-worker output names, with a real redis-server."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from scrapy.settings import Settings

from newscrawl.addon import NewscrawlAddon
from newscrawl.warc.config import WarcConfig
from newscrawl.worker import worker_id
from tests.conftest import require_executable
from tests.support.crawl import ROOT, crawl_env
from tests.support.redisserver import redis_server

redis = pytest.importorskip("redis")


@pytest.fixture
def redis_url(tmp_path):
    executable = require_executable("redis-server")
    with redis_server(executable, tmp_path / "redis") as url:
        yield url


def pushfeeds(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", "pushfeeds", *args],
        cwd=ROOT,
        env=crawl_env({"SCRAPY_PROJECT": "distributed"}),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_pushfeeds_reads_opml_and_urls_and_skips_bad_entries(redis_url, tmp_path):
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="a" xmlUrl="http://127.0.0.1:9/a.xml"/>'
        '<outline text="b" xmlUrl="javascript:alert(1)"/>'
        "</body></opml>"
    )
    proc = pushfeeds("-s", f"REDIS_URL={redis_url}", str(opml), "http://127.0.0.1:9/b.xml")
    assert proc.returncode == 0, proc.stderr
    assert "pushed 2 feeds to feeds:start_urls (1 skipped)" in proc.stdout
    assert "javascript:alert(1)" in proc.stderr  # one line naming the bad entry
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    assert client.lrange("feeds:start_urls", 0, -1) == [
        "http://127.0.0.1:9/a.xml",
        "http://127.0.0.1:9/b.xml",
    ]
    status = pushfeeds("-s", f"REDIS_URL={redis_url}", "--status")
    assert "feeds waiting     2" in status.stdout


def test_pushfeeds_without_redis_is_one_line_and_status_1(tmp_path):
    proc = pushfeeds("-s", "REDIS_URL=redis://127.0.0.1:9/0", "http://127.0.0.1:9/a.xml")
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "REDIS_URL" in proc.stderr


def test_crawl_without_redis_is_one_line_and_status_1(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "feeds", "-s", "REDIS_URL=redis://127.0.0.1:9/0",
         "-s", f"NEWSCRAWL_OUTPUT_DIR={tmp_path}"],
        cwd=ROOT, env=crawl_env({"SCRAPY_PROJECT": "distributed"}),
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "REDIS_URL='redis://127.0.0.1:9/0': cannot reach Redis" in proc.stderr


def test_worker_id_names_jsonl_batches_and_warc_files():
    settings = Settings({"NEWSCRAWL_WORKER_ID": "auto", "NEWSCRAWL_OUTPUT_DIR": "out"})
    wid = worker_id(settings)
    assert wid.endswith(f"-{os.getpid()}")
    NewscrawlAddon().update_settings(settings)
    assert list(settings.getdict("FEEDS")) == [f"out/items/%(name)s-%(time)s-{wid}.jsonl"]
    assert WarcConfig.from_settings(settings).host == wid
    # one process (the default): names as before
    plain = Settings({"NEWSCRAWL_OUTPUT_DIR": "out"})
    NewscrawlAddon().update_settings(plain)
    assert list(plain.getdict("FEEDS")) == ["out/items/%(name)s-%(time)s.jsonl"]
    assert WarcConfig.from_settings(plain).host == ""
    # a worker ID never leaves the folder
    assert worker_id(Settings({"NEWSCRAWL_WORKER_ID": "../../etc x"})) == "etc-x"
