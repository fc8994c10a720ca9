"""A run killed mid-crawl (local or S3 outputs): the next run fetches exactly the articles it
left unrecorded."""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

from tests.support.crawl import kill_crawl, run_crawl, start_crawl
from tests.support.s3 import MotoServer, list_objects, s3_settings
from tests.support.site import serve_article
from tests.support.warc import rss

FAST = ["/fast/1", "/fast/2", "/fast/3"]
SLOW = ["/slow/1", "/slow/2"]
BUCKET = "state-crash"


def recorded_urls(items_file: Path) -> list[str]:
    if not items_file.exists():
        return []
    lines = items_file.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["url"] for line in lines if line.strip()]


def wait_until(condition, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the crawl"
        time.sleep(0.2)


def test_sigkill_leaves_unrecorded_articles_for_the_next_run(server, tmp_path):
    for path in FAST:
        serve_article(server, path, title=f"Fast {path[-1]}")
    for path in SLOW:  # answers only after the crawl is killed
        serve_article(server, path, title=f"Slow {path[-1]}", delay=20)
    server.add("/feed.xml", rss(server, FAST + SLOW), headers=[("Content-Type", "text/xml")])
    out = tmp_path / "out"
    settings = {
        "NEWSCRAWL_STATE_ENABLED": "True",
        "NEWSCRAWL_FEED_MIN_INTERVAL": "0",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    }
    proc = start_crawl(out, [server.url("/feed.xml")], settings=settings)
    try:
        items = out / "items"
        wait_until(
            lambda: (
                all(server.hits_for(p) for p in SLOW)
                and len([u for f in items.glob("*.jsonl") for u in recorded_urls(f)]) == len(FAST)
            )
        )
    finally:
        kill_crawl(proc)
        proc.wait(timeout=30)
    first_files = sorted(items.glob("*.jsonl"))
    killed = [u for f in first_files for u in recorded_urls(f)]
    assert sorted(killed) == sorted(server.url(p) for p in FAST)

    for path in SLOW:
        serve_article(server, path, title=f"Slow {path[-1]}")
    second = run_crawl(out, feeds=[server.url("/feed.xml")], settings=settings)
    assert second.returncode == 0, second.log[-3000:]
    new_files = [f for f in sorted(items.glob("*.jsonl")) if f not in first_files]
    again = [u for f in new_files for u in recorded_urls(f)]
    assert sorted(again) == sorted(server.url(p) for p in SLOW)
    assert {p: server.hits_for(p) for p in FAST} == dict.fromkeys(FAST, 1)
    assert {p: server.hits_for(p) for p in SLOW} == dict.fromkeys(SLOW, 2)
    assert second.stat("newscrawl/articles/known") == len(FAST)


def batch_urls(folder: Path) -> list[str]:
    """URLs in the JSON Lines batches being written under the spool's work folder."""
    urls = []
    for path in folder.glob(".feed-*.part"):
        with contextlib.suppress(FileNotFoundError):
            lines = path.read_text(encoding="utf-8").splitlines()
            urls += [json.loads(line)["url"] for line in lines if line.endswith("}")]
    return urls


def test_sigkill_of_an_s3_crawl_sends_its_records_and_leaves_the_rest(server, tmp_path):
    for path in FAST:
        serve_article(server, path, title=f"Fast {path[-1]}")
    for path in SLOW:
        serve_article(server, path, title=f"Slow {path[-1]}", delay=20)
    server.add("/feed.xml", rss(server, FAST + SLOW), headers=[("Content-Type", "text/xml")])
    spool = tmp_path / "spool"
    with MotoServer() as moto:
        client = moto.client()
        client.create_bucket(Bucket=BUCKET)
        settings = s3_settings(
            moto.endpoint,
            f"s3://{BUCKET}/news/",
            str(spool),
            NEWSCRAWL_STATE_ENABLED="True",
            NEWSCRAWL_STATE_DIR=str(tmp_path / "state"),
            NEWSCRAWL_FEED_MIN_INTERVAL="0",
            CONCURRENT_REQUESTS_PER_DOMAIN="8",
        )
        proc = start_crawl(tmp_path / "run1", [server.url("/feed.xml")], settings=settings)
        work = spool / "work" / "items"
        try:
            wait_until(
                lambda: all(server.hits_for(p) for p in SLOW) and len(batch_urls(work)) == len(FAST)
            )
        finally:
            kill_crawl(proc)
            proc.wait(timeout=30)
        assert sorted(batch_urls(work)) == sorted(server.url(p) for p in FAST)
        assert not list_objects(client, BUCKET, "news/items/")  # the batch was never stored

        for path in SLOW:
            serve_article(server, path, title=f"Slow {path[-1]}")
        second = run_crawl(tmp_path / "run2", [server.url("/feed.xml")], settings=settings)
        assert second.returncode == 0, second.log[-3000:]
        batches = {}
        for key in sorted(list_objects(client, BUCKET, "news/items/")):
            body = client.get_object(Bucket=BUCKET, Key=key)["Body"].read().decode()
            batches[key] = sorted(json.loads(line)["url"] for line in body.splitlines())
    # the killed run's records reach the bucket; the next run fetched only the rest
    assert sorted(batches.values()) == sorted(
        [sorted(server.url(p) for p in FAST), sorted(server.url(p) for p in SLOW)]
    )
    assert {p: server.hits_for(p) for p in FAST} == dict.fromkeys(FAST, 1)
    assert {p: server.hits_for(p) for p in SLOW} == dict.fromkeys(SLOW, 2)
    assert second.stat("newscrawl/articles/known") == len(FAST)
    assert "Recovered 1 feed batch(es) of a killed run" in second.log
    assert not list(work.glob(".feed-*"))
