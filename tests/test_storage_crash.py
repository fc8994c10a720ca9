"""A crawl to S3 killed mid-run: the next run repairs its WARC and sends what it left."""

from __future__ import annotations

import io
import signal
import time
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from newscrawl.demo.server import feed_urls
from tests.support.crawl import kill_crawl, run_crawl, start_crawl
from tests.support.s3 import MotoServer, list_objects, s3_settings

BUCKET = "crash-archive"
URI = f"s3://{BUCKET}/news/"


def test_killed_crawl_leaves_nothing_behind_after_the_next_run(demo_site, tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    with MotoServer() as moto:
        client = moto.client()
        client.create_bucket(Bucket=BUCKET)
        settings = s3_settings(moto.endpoint, URI, str(spool))
        slow = {**settings, "DOWNLOAD_DELAY": 1.0, "RANDOMIZE_DOWNLOAD_DELAY": False}
        proc = start_crawl(tmp_path / "run1", feed_urls(demo_site), settings=slow)
        deadline = time.monotonic() + 120
        try:
            while not list_objects(client, BUCKET, "news/posts/"):
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        finally:
            kill_crawl(proc, signal.SIGKILL)
            proc.wait(30)
        (open_warc,) = (spool / "work" / "warc").glob("*.warc.gz.open")
        name = open_warc.name.removesuffix(".open")

        second = run_crawl(tmp_path / "run2", feed_urls(demo_site), settings=settings)
        assert second.returncode == 0, second.log
        assert "Recovered WARC file" in second.log
        objects = list_objects(client, BUCKET, "news/")
        assert f"news/warc/{name}" in objects and f"news/warc/{name[:-8]}.cdxj" in objects
        body = client.get_object(Bucket=BUCKET, Key=f"news/warc/{name}")["Body"].read()
        kinds = [r.rec_type for r in ArchiveIterator(io.BytesIO(body))]
        assert kinds[0] == "warcinfo" and "response" in kinds
    assert not [p for p in (spool / "outgoing").rglob("*") if p.is_file()]
    assert not list((spool / "work" / "warc").glob("*.warc*"))
    assert second.stat("newscrawl/outputs/not_stored") == 0
