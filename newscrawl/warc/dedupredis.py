"""The payload-digest index behind revisit records, in Redis: one index for many workers.

Workers of a distributed crawl each write their own WARC files; with this index a
worker writes a revisit for a payload any worker archived before. Same interface
as :class:`newscrawl.warc.dedup.DedupIndex`; used from the writer process's one
thread. Keys (``<prefix>`` is ``NEWSCRAWL_REDIS_STATE_PREFIX``)::

    <prefix>:captures:<url key>   hash  payload digest -> first capture, as JSON
    <prefix>:latest               hash  url key -> latest capture, as JSON
"""

from __future__ import annotations

import json
from dataclasses import asdict

from newscrawl.urls import url_key
from newscrawl.warc.dedup import Capture


class RedisDedupIndex:
    """``(url, payload digest) -> first capture`` in Redis; each row added once written."""

    #: a SQLite index found corrupt is set aside and rebuilt; Redis has no such file
    set_aside: str | None = None

    def __init__(self, url: str, prefix: str = "newscrawl") -> None:
        import redis  # here: the WARC writer process of a local crawl never needs it

        self.db = redis.Redis.from_url(url, decode_responses=True)
        self.prefix = prefix
        self.missing: list[str] = []  # the SQLite index's gone files; none to find here
        self.db.ping()

    def lookup(self, url: str, digest: str) -> Capture | None:
        raw = self.db.hget(f"{self.prefix}:captures:{url_key(url)}", digest)
        return Capture(**json.loads(raw)) if raw else None

    def latest(self, url: str) -> Capture | None:
        raw = self.db.hget(f"{self.prefix}:latest", url_key(url))
        return Capture(**json.loads(raw)) if raw else None

    def add(self, capture: Capture) -> None:
        key = url_key(capture.url)
        data = json.dumps(asdict(capture))
        with self.db.pipeline() as pipe:
            pipe.hsetnx(f"{self.prefix}:captures:{key}", capture.digest, data)
            pipe.hset(f"{self.prefix}:latest", key, data)
            pipe.execute()

    def commit(self) -> None:
        """Every add is already in Redis."""

    def close(self) -> None:
        self.db.close()


def open_dedup_index(path: str, prefix: str = "newscrawl", warc_dir: str | None = None) -> object:
    """The index named by ``path``: a ``redis://`` URL, or a SQLite file.

    ``warc_dir`` lets a SQLite index forget captures in files gone from that folder;
    a shared Redis index spans other machines' folders, so it cannot check.
    """
    if path.startswith(("redis://", "rediss://", "unix://")):
        return RedisDedupIndex(path, prefix)
    from newscrawl.warc.dedup import DedupIndex

    return DedupIndex(path, warc_dir=warc_dir)
