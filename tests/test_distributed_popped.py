"""A worker killed between popping a request from Redis and claiming it loses nothing.

The pop keeps a copy of the request (``<queue>:popped``) until the worker has claimed or
dropped it. The test leaves such a copy as a dead worker would (the scheduler's own pop
script against the real redis-server, timed a lease ago) and runs one real worker: it must
put the request back and archive the article.
"""

from __future__ import annotations

import time

import pytest
from scrapy_redis import picklecompat
from scrapy_redis.queue import PriorityQueue

from newscrawl.distributed.claims import request_from_claim
from newscrawl.distributed.scheduler import _POP
from newscrawl.distributed.spiders.feeds import RedisFeedSpider
from tests.support.site import serve_article
from tests.test_distributed_crawl import (
    assert_clean_log,
    records,
    redis_url,  # noqa: F401 (fixture)
    start_worker,
    wait,
)

redis = pytest.importorskip("redis")

QUEUE = "feeds:requests"


def popped_article(server, path: str, redis_address: str, token: str, when: float):
    """Serve an article, queue its request as a worker would, and pop it as the scheduler
    pops (keeping the copy under ``token``, dated ``when``), as a worker that stopped
    before its claim leaves it; the Redis client."""
    serve_article(server, path, title=f"The story {token} popped")
    spider = RedisFeedSpider()  # for the names of its callbacks only
    data = {"kind": "article", "url": server.url(path), "feed_url": None, "entry": {}}
    client = redis.Redis.from_url(redis_address)
    PriorityQueue(client, spider, QUEUE, serializer=picklecompat).push(
        request_from_claim(spider, data)
    )
    keys = (QUEUE, f"{QUEUE}:popped", f"{QUEUE}:popped:data")
    assert client.eval(_POP, 3, *keys, token, when) and client.zcard(QUEUE) == 0
    return client


def test_a_request_popped_by_a_dead_worker_is_queued_again_and_archived(
    server,
    redis_url,  # noqa: F811
    tmp_path,
):
    path, lease = "/news/lost.html", 5
    # the dead worker popped it (a lease ago) and died before claiming it
    client = popped_article(server, path, redis_url, "dead:1", time.time() - lease - 1)
    url = server.url(path)

    out = tmp_path / "archive"
    worker = start_worker(
        redis_url, out, 0, NEWSCRAWL_REDIS_LEASE=str(lease), MAX_IDLE_TIME_BEFORE_CLOSE="10"
    )
    log = wait(worker)
    assert_clean_log(log)
    assert worker.returncode == 0, log[-3000:]
    assert [r["url"] for r in records(out)] == [url]
    assert server.hits_for(path) == 1
    assert "Queued again 1 requests popped by a worker that died" in log
    # nothing left behind: no copy, no claim, nothing queued
    assert client.zcard(f"{QUEUE}:popped") == 0 and client.hlen(f"{QUEUE}:popped:data") == 0
    assert client.zcard("newscrawl:taken") == 0 and client.zcard(QUEUE) == 0


def test_a_copy_younger_than_the_lease_stays_with_its_worker(
    server,
    redis_url,  # noqa: F811
    tmp_path,
):
    # a live worker between its pop and its claim: nobody else may take its request
    path = "/news/busy.html"
    client = popped_article(server, path, redis_url, "alive:1", time.time() + 3600)

    out = tmp_path / "archive"
    worker = start_worker(redis_url, out, 0, NEWSCRAWL_REDIS_LEASE="5")
    log = wait(worker)
    assert worker.returncode in (0, 2), log[-3000:]
    assert records(out) == [] and server.hits_for(path) == 0
    assert client.zcard(f"{QUEUE}:popped") == 1
