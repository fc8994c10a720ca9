"""S3 goes away mid-crawl: nothing is lost, the run says so, and the spool is sent later.

A TCP relay sits between the crawl and a moto server process; the test cuts it
once the first outputs are in the bucket, and restores it afterwards.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawl.demo.server import feed_urls
from tests.support.crawl import ROOT, collect, crawl_env, run_crawl, start_crawl
from tests.support.s3 import MotoServer, TcpRelay, list_objects, s3_settings

BUCKET = "outage-archive"
PREFIX = "news/"
URI = f"s3://{BUCKET}/{PREFIX}"


def _spooled(spool: Path) -> dict[str, bytes]:
    outgoing = spool / "outgoing"
    return {
        p.relative_to(outgoing).as_posix(): p.read_bytes()
        for p in sorted(outgoing.rglob("*"))
        if p.is_file()
    }


def _bucket(client) -> dict[str, bytes]:
    return {
        key.removeprefix(PREFIX): client.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        for key in list_objects(client, BUCKET, PREFIX)
    }


@pytest.mark.parametrize("recovery", ["next_run", "upload_command"])
def test_outage_mid_crawl_keeps_every_file_and_sends_it_later(
    demo_site, tmp_path: Path, recovery: str
) -> None:
    spool = tmp_path / "spool"
    with MotoServer() as moto, TcpRelay(moto.port) as relay:
        client = moto.client()
        client.create_bucket(Bucket=BUCKET)
        settings = s3_settings(
            relay.endpoint,
            URI,
            str(spool),
            NEWSCRAWL_UPLOAD_CLOSE_TIMEOUT=3,
            NEWSCRAWL_UPLOAD_RETRY_DELAY=0.2,
            NEWSCRAWL_UPLOAD_RETRY_MAX_DELAY=1,
        )
        slow = {**settings, "DOWNLOAD_DELAY": 1.0, "RANDOMIZE_DOWNLOAD_DELAY": False}
        out = tmp_path / "run1"
        proc = start_crawl(out, feed_urls(demo_site), settings=slow)
        deadline = time.monotonic() + 120
        while not list_objects(client, BUCKET, PREFIX + "posts/"):
            assert proc.poll() is None, "the crawl ended before any post was stored"
            assert time.monotonic() < deadline, "no post reached the bucket"
            time.sleep(0.1)
        relay.cut()
        stored_before = _bucket(client)
        log, _ = proc.communicate(timeout=180)
        first = collect(out, proc.returncode, log)

        # the crawl completed; what could not be stored is in the spool, and the run says so
        assert first.stat("finish_reason") == "finished", log
        assert first.stat("item_scraped_count") == 6
        left = _spooled(spool)
        assert left, log
        assert first.stat("newscrawl/outputs/not_stored") == len(left)
        assert first.stat("newscrawl/storage/spooled_files") == len(left)
        assert first.stat("newscrawl/storage/spooled_bytes") == sum(map(len, left.values()))
        assert f"{len(left)} outputs were not stored" in log
        assert "Traceback" not in log
        # each file is stored or spooled (a file whose upload was not confirmed before the
        # cut may be both: it is sent again, to the same key)
        assert len(set(left) | set(stored_before)) == 10  # 6 posts, JSONL, WARC, CDXJ, report
        assert any(k.startswith("warc/") for k in left) and any(
            k.startswith("items/") for k in left
        )

        relay.restore()
        if recovery == "upload_command":
            cmd = [sys.executable, "-m", "scrapy", "upload"]
            for key, value in settings.items():
                cmd += ["-s", f"{key}={value}"]
            done = subprocess.run(
                cmd, cwd=ROOT, env=crawl_env(), capture_output=True, text=True, timeout=120
            )
            assert done.returncode == 0, done.stderr
            assert f"Stored {len(left)} files" in done.stderr
            bucket = _bucket(client)
            assert set(bucket) == set(left) | set(stored_before)
        else:
            second = run_crawl(tmp_path / "run2", feed_urls(demo_site), settings=settings)
            assert second.returncode == 0, second.log
            assert "from an earlier run; sending them" in second.log
            assert second.stat("newscrawl/outputs/not_stored") == 0
            bucket = _bucket(client)
            # the second run adds its own batch, WARC, index and report; its posts are the
            # same articles under the same keys
            new = set(bucket) - set(left) - set(stored_before)
            assert sorted(k.split("/")[0] for k in new) == ["items", "reports", "warc", "warc"]
        assert _spooled(spool) == {}
        for key, data in left.items():
            if recovery == "next_run" and key.startswith("posts/"):
                continue  # rewritten by the second run under the same key
            assert bucket[key] == data, key
