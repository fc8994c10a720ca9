"""Replay straight from an S3 bucket (a moto server process over real HTTP)."""

from __future__ import annotations

import pytest

from newscrawl.demo.server import DemoServer, feed_urls
from tests.conftest import require_or_skip
from tests.support.crawl import run_crawl
from tests.support.s3 import ACCESS_KEY, REGION, SECRET_KEY, MotoServer

ONE_AT_A_TIME = {"CONCURRENT_REQUESTS": 1}


@pytest.fixture(scope="module")
def s3_server():
    try:
        import moto  # noqa: F401
    except ImportError:
        require_or_skip(False, "moto (pip install 'moto[server]')")
    with MotoServer() as server:
        yield server


def aws(server: MotoServer) -> dict[str, str]:
    """The endpoint and dummy credentials, as ``-s`` settings."""
    return {
        "AWS_ENDPOINT_URL": server.endpoint,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_REGION_NAME": REGION,
    }


def test_replay_from_an_s3_prefix_yields_the_live_records(s3_server, tmp_path):
    with DemoServer() as site:
        feeds = feed_urls(site)
        live = run_crawl(tmp_path / "live", feeds=feeds, settings=ONE_AT_A_TIME)
    assert live.returncode == 0, live.log[-3000:]
    s3 = s3_server.client()
    s3.create_bucket(Bucket="news")
    for path in sorted((tmp_path / "live" / "warc").iterdir()):
        if path.suffix in (".gz", ".cdxj"):
            s3.upload_file(str(path), "news", f"run1/warc/{path.name}")
    s3.put_object(Bucket="news", Key="run1/warc/notes.txt", Body=b"not an archive")
    replay = run_crawl(
        tmp_path / "replay",
        feeds=feeds,
        settings={
            **ONE_AT_A_TIME,
            **aws(s3_server),
            "NEWSCRAWL_REPLAY_FROM": "s3://news/run1/warc/",
        },
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


def test_an_empty_s3_prefix_is_one_error_line(s3_server, tmp_path):
    s3_server.client().create_bucket(Bucket="empty")
    result = run_crawl(
        tmp_path,
        feeds=["http://127.0.0.1:9/feed.xml"],
        settings={**aws(s3_server), "NEWSCRAWL_REPLAY_FROM": "s3://empty/nothing/"},
    )
    result.assert_one_config_error("s3://empty/nothing/")
