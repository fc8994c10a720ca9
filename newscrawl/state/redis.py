"""``RedisStateStore``: the crawl state in Redis, shared by every worker of a crawl.

Besides the :class:`StateStore` records it keeps *claims*: a worker that takes a
request from the shared queue claims it (a key with a lease), so no two workers
fetch one article, and notes what it took in a sorted set scored by when the
lease ends. Archiving the article (or giving up on it) releases the claim. A
worker that dies leaves its claims behind; once their lease is over any worker
takes them back with :meth:`take_expired` and queues them again.

Keys (``<prefix>`` is ``NEWSCRAWL_REDIS_STATE_PREFIX``)::

    <prefix>:feeds          hash   feed URL -> FeedState as JSON
    <prefix>:articles       hash   permalink -> ArticleState as JSON
    <prefix>:canonical      hash   canonical URL -> permalink
    <prefix>:claim:<key>    string worker ID, expires with the lease
    <prefix>:taken          zset   claim key -> end of lease (Unix seconds)
    <prefix>:taken:data     hash   claim key -> what to queue again, as JSON
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from typing import Any

import redis

from newscrawl.state.store import ArticleState, FeedState, StateStore

_CLAIM = """
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] and ARGV[6] ~= '1' then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
redis.call('HSET', KEYS[3], ARGV[4], ARGV[5])
return 1
"""

_TAKE_EXPIRED = """
local keys = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
local out = {}
for _, key in ipairs(keys) do
  redis.call('ZREM', KEYS[1], key)
  local data = redis.call('HGET', KEYS[2], key)
  redis.call('HDEL', KEYS[2], key)
  if data then table.insert(out, data) end
end
return out
"""


class RedisStateStore(StateStore):
    """The crawl state in one Redis database (``REDIS_URL``), shared by all workers."""

    #: several processes use this store at once; claims replace the single-run lock
    shared = True

    def __init__(self, url: str, prefix: str = "newscrawl", lease: float = 600.0) -> None:
        self.db = redis.Redis.from_url(url, decode_responses=True)
        self.prefix = prefix
        self.lease = max(1, int(lease))
        self._claim = self.db.register_script(_CLAIM)
        self._take_expired = self.db.register_script(_TAKE_EXPIRED)
        self.db.ping()  # a wrong REDIS_URL fails here, at start-up

    @classmethod
    def from_settings(cls, settings: Any, directory: str = "") -> RedisStateStore:
        return cls(
            settings.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
            settings.get("NEWSCRAWL_REDIS_STATE_PREFIX") or "newscrawl",
            settings.getfloat("NEWSCRAWL_REDIS_LEASE", 600.0),
        )

    def _key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    # -- feeds -------------------------------------------------------------------

    def get_feed(self, url: str) -> FeedState | None:
        raw = self.db.hget(self._key("feeds"), url)
        return FeedState(**json.loads(raw)) if raw else None

    def save_feed(self, feed: FeedState) -> None:
        self.db.hset(self._key("feeds"), feed.url, json.dumps(asdict(feed)))

    # -- articles ----------------------------------------------------------------

    def find_article(self, *keys: str | None) -> ArticleState | None:
        wanted = [k for k in dict.fromkeys(keys) if k]
        if not wanted:
            return None
        permalinks = [p for p in self.db.hmget(self._key("canonical"), wanted) if p]
        names = list(dict.fromkeys(wanted + permalinks))
        found = [
            ArticleState(**json.loads(raw))
            for raw in self.db.hmget(self._key("articles"), names)
            if raw
        ]
        return max(found, key=lambda a: a.last_fetch or 0) if found else None

    def save_article(self, article: ArticleState) -> None:
        with self.db.pipeline() as pipe:
            pipe.hset(self._key("articles"), article.permalink, json.dumps(asdict(article)))
            if article.canonical_url:
                pipe.hset(self._key("canonical"), article.canonical_url, article.permalink)
            pipe.execute()
        # only after the article is saved: a worker that finds no claim finds the article
        self.release(article.permalink)

    def touch_article(self, article: ArticleState, when: float) -> None:
        article.last_fetch = when
        self.db.hset(self._key("articles"), article.permalink, json.dumps(asdict(article)))
        self.release(article.permalink)

    def count_articles(self) -> int:
        return int(self.db.hlen(self._key("articles")))

    # -- claims ------------------------------------------------------------------

    def claim(self, key: str, worker: str, data: dict[str, Any], force: bool = False) -> bool:
        """Claim ``key`` for ``worker`` for one lease; False if another worker holds it.

        ``force`` takes over a claim (a redirect or retry of a request this crawl
        already claimed, which any worker may pop).
        """
        expires = time.time() + self.lease
        return bool(
            self._claim(
                keys=[self._key(f"claim:{key}"), self._key("taken"), self._key("taken:data")],
                args=[worker, self.lease, expires, key, json.dumps(data), "1" if force else "0"],
            )
        )

    def release(self, key: str) -> None:
        """Forget the claim on ``key`` (archived, or given up for this crawl)."""
        with self.db.pipeline() as pipe:
            pipe.delete(self._key(f"claim:{key}"))
            pipe.zrem(self._key("taken"), key)
            pipe.hdel(self._key("taken:data"), key)
            pipe.execute()

    def take_expired(self, now: float | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Claims whose lease is over, removed atomically: only one caller gets each."""
        now = time.time() if now is None else now
        raw = self._take_expired(
            keys=[self._key("taken"), self._key("taken:data")], args=[now, limit]
        )
        return [json.loads(item) for item in raw]

    def claimed(self) -> int:
        """How many claims are outstanding (taken, not yet archived or given up)."""
        return int(self.db.zcard(self._key("taken")))

    def close(self) -> None:
        self.db.close()
