"""Replay straight from an S3 bucket (a moto server process over real HTTP)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest

from newscrawl.demo.server import DemoServer, feed_urls
from tests.conftest import require_or_skip
from tests.support.crawl import run_crawl

ACCESS_KEY = "testing-access-key"  # dummy credentials for the local endpoint only
SECRET_KEY = "testing-secret-key"
ONE_AT_A_TIME = {"CONCURRENT_REQUESTS": 1}


@pytest.fixture(scope="module")
def s3_endpoint():
    try:
        import moto  # noqa: F401
    except ImportError:
        require_or_skip(False, "moto (pip install 'moto[server]')")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail("moto server did not start")
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)


def client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
    )


def test_replay_from_an_s3_prefix_yields_the_live_records(s3_endpoint, tmp_path):
    with DemoServer() as site:
        feeds = feed_urls(site)
        live = run_crawl(tmp_path / "live", feeds=feeds, settings=ONE_AT_A_TIME)
    assert live.returncode == 0, live.log[-3000:]
    s3 = client(s3_endpoint)
    s3.create_bucket(Bucket="news")
    for path in sorted((tmp_path / "live" / "warc").iterdir()):
        if path.suffix in (".gz", ".cdxj"):
            s3.upload_file(str(path), "news", f"run1/warc/{path.name}")
    s3.put_object(Bucket="news", Key="run1/warc/notes.txt", Body=b"not an archive")
    aws = {
        "AWS_ENDPOINT_URL": s3_endpoint,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_REGION_NAME": "us-east-1",
    }
    replay = run_crawl(
        tmp_path / "replay",
        feeds=feeds,
        settings={**ONE_AT_A_TIME, **aws, "NEWSCRAWL_REPLAY_FROM": "s3://news/run1/warc/"},
    )
    assert replay.returncode == 0, replay.log[-3000:]
    assert replay.stat("newscrawl/replay/not_archived") == 0
    assert sorted(i["url"] for i in replay.items) == sorted(i["url"] for i in live.items)
    for item in live.items:
        assert replay.item_for(item["url"]) == item
    mirrored = tmp_path / "replay" / "replay-index" / "s3" / "news" / "run1" / "warc"
    assert sorted(p.name for p in mirrored.iterdir()) == sorted(
        p.name for p in (tmp_path / "live" / "warc").iterdir() if p.suffix in (".gz", ".cdxj")
    )


def test_an_empty_s3_prefix_is_one_error_line(s3_endpoint, tmp_path):
    client(s3_endpoint).create_bucket(Bucket="empty")
    result = run_crawl(
        tmp_path,
        feeds=["http://127.0.0.1:9/feed.xml"],
        settings={
            "AWS_ENDPOINT_URL": s3_endpoint,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "NEWSCRAWL_REPLAY_FROM": "s3://empty/nothing/",
        },
    )
    errors = [line for line in result.log.splitlines() if "] ERROR:" in line]
    assert len(errors) == 1 and "s3://empty/nothing/" in errors[0], result.log[-2000:]
    assert result.stat("newscrawl/config_error") == 1
