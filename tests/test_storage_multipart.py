"""A large WARC goes to S3 in parts streamed from disk: memory stays far below its size."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.crawl import ROOT, crawl_env
from tests.support.s3 import ACCESS_KEY, REGION, SECRET_KEY, MotoServer

MiB = 1024 * 1024
SIZE = 128 * MiB + 12345  # not a whole number of parts
PART = 8 * MiB

# Runs in its own process, so its peak RSS is the upload's and nothing else's.
UPLOAD = """
import json, resource, sys
from newscrawl.storage.s3 import S3Storage
path, endpoint, key, secret, region, part = sys.argv[1:7]
storage = S3Storage("s3://big-archive/crawl/", access_key=key, secret_key=secret,
                    endpoint_url=endpoint, region_name=region, part_size=int(part),
                    max_concurrency=2)
with open(path + ".small", "wb") as fh:
    fh.write(b"warm-up")
storage.put(path + ".small", "warm-up.txt")  # imports, client, connection pool
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
stored = storage.put(path, "warc/big.warc.gz")
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"before": before, "peak": peak, "size": stored.size,
                  "checksum": stored.checksum}))
"""


def test_large_warc_is_uploaded_in_parts_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    parts, whole = [], hashlib.sha256()
    with open(path, "wb") as fh:
        left = SIZE
        while left:
            chunk = os.urandom(min(PART, left))
            fh.write(chunk)
            parts.append(hashlib.sha256(chunk).digest())
            whole.update(chunk)
            left -= len(chunk)
    composite = base64.b64encode(hashlib.sha256(b"".join(parts)).digest()).decode()
    with MotoServer() as moto:
        client = moto.client()
        client.create_bucket(Bucket="big-archive")
        proc = subprocess.run(
            [sys.executable, "-c", UPLOAD, str(path), moto.endpoint]
            + [ACCESS_KEY, SECRET_KEY, REGION, str(PART)],
            cwd=ROOT,
            env=crawl_env(),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 0, proc.stderr
        result = json.loads(proc.stdout)
        head = client.head_object(
            Bucket="big-archive", Key="crawl/warc/big.warc.gz", ChecksumMode="ENABLED"
        )
        body = client.get_object(Bucket="big-archive", Key="crawl/warc/big.warc.gz")["Body"]
        downloaded = hashlib.sha256()
        for chunk in body.iter_chunks(MiB):
            downloaded.update(chunk)
    growth = result["peak"] - result["before"]
    print(f"peak RSS growth {growth / MiB:.1f} MiB for a {SIZE / MiB:.0f} MiB file")
    assert growth < SIZE // 4, f"peak RSS grew by {growth / MiB:.0f} MiB"
    assert result["size"] == SIZE == head["ContentLength"]
    assert head["ETag"].strip('"').endswith(f"-{len(parts)}")  # multipart, one part per 8 MiB
    assert head["ContentType"] == "application/warc"
    assert head["ChecksumSHA256"].split("-")[0] == composite
    assert result["checksum"].split(":", 1)[1].split("-")[0] == composite
    assert downloaded.hexdigest() == whole.hexdigest()
