"""Replay from ``s3://bucket/prefix``: archive objects are mirrored to a local folder first.

Records are read by offset, many per file, so the archive objects (WARC, WACZ
and their ``.cdxj`` indexes) under the prefix are downloaded once into
``<NEWSCRAWL_REPLAY_INDEX_DIR>/s3/<bucket>/`` and kept; an object already there
with the same size is not downloaded again. Credentials and endpoint are
Scrapy's ``AWS_*`` settings (boto3's own configuration when they are unset).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from newscrawl.replay.config import ReplayConfigError
from newscrawl.replay.sources import is_archive_name

logger = logging.getLogger(__name__)

#: the Scrapy settings passed on to boto3
AWS_SETTINGS = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_ENDPOINT_URL",
    "AWS_REGION_NAME",
)


def _client(options: Mapping[str, Any]) -> Any:
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=options.get("AWS_ENDPOINT_URL") or None,
        aws_access_key_id=options.get("AWS_ACCESS_KEY_ID") or None,
        aws_secret_access_key=options.get("AWS_SECRET_ACCESS_KEY") or None,
        aws_session_token=options.get("AWS_SESSION_TOKEN") or None,
        region_name=options.get("AWS_REGION_NAME") or None,
    )


def _local_path(root: str, key: str) -> str | None:
    """Where ``key`` is mirrored; None for a key that would leave ``root``."""
    path = os.path.normpath(os.path.join(root, key))
    return path if path.startswith(root + os.sep) else None


def mirror(location: str, cache_dir: str, options: Mapping[str, Any]) -> str:
    """Mirror the archive objects under ``location``; returns the local file, folder or glob."""
    bucket, _, prefix = location[len("s3://") :].partition("/")
    if not bucket:
        raise ReplayConfigError(f"NEWSCRAWL_REPLAY_FROM={location!r} names no bucket")
    root = os.path.abspath(os.path.join(cache_dir, "s3", bucket))
    client = _client(options)
    found = fetched = 0
    try:
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            for obj in page.get("Contents", []):
                key = obj["Key"]
                target = _local_path(root, key)
                if target is None or not (is_archive_name(key) or key.endswith(".cdxj")):
                    continue
                found += 1
                if os.path.isfile(target) and os.path.getsize(target) == obj["Size"]:
                    continue
                os.makedirs(os.path.dirname(target), exist_ok=True)
                tmp = f"{target}.{os.getpid()}.part"
                client.download_file(bucket, key, tmp)
                when = obj["LastModified"].timestamp()
                os.utime(tmp, (when, when))  # keeps "index newer than WARC" meaningful
                os.replace(tmp, target)
                fetched += 1
    except ReplayConfigError:
        raise
    except Exception as exc:  # botocore's errors: no credentials, no bucket, endpoint down
        raise ReplayConfigError(
            f"NEWSCRAWL_REPLAY_FROM={location!r}: cannot list or read it "
            f"({type(exc).__name__}: {exc}); check the AWS_* settings"
        ) from None
    if not found:
        raise ReplayConfigError(
            f"NEWSCRAWL_REPLAY_FROM={location!r}: no WARC, ARC or WACZ objects there"
        )
    logger.info("Replay mirrored %s: %d objects, %d downloaded now", location, found, fetched)
    local = os.path.join(root, prefix) if prefix else root
    if os.path.isfile(local) or os.path.isdir(local):
        return local
    return local + "*"  # a key prefix such as warc/newscrawl-2026
