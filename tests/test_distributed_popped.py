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


def queue_article(url: str, redis_address: str) -> None:
    """Queue an article request exactly as a worker would have queued it."""
    spider = RedisFeedSpider()  # for the names of its callbacks only
    data = {"kind": "article", "url": url, "feed_url": None, "entry": {"title": "Lost"}}
    client = redis.Redis.from_url(redis_address)
    PriorityQueue(client, spider, QUEUE, serializer=picklecompat).push(
        request_from_claim(spider, data)
    )


def test_a_request_popped_by_a_dead_worker_is_queued_again_and_archived(
    server,
    redis_url,  # noqa: F811
    tmp_path,
):
    path = "/news/lost.html"
    serve_article(server, path, title="The story a dead worker popped")
    url = server.url(path)
    queue_article(url, redis_url)
    client = redis.Redis.from_url(redis_url)
    lease = 5
    # the dead worker popped it (a lease ago) and died before claiming it
    popped = client.eval(_POP, 3, QUEUE, f"{QUEUE}:popped", f"{QUEUE}:popped:data", "dead:1",
                         time.time() - lease - 1)  # fmt: skip
    assert popped and client.zcard(QUEUE) == 0

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
    serve_article(server, path, title="The story a live worker is claiming")
    queue_article(server.url(path), redis_url)
    client = redis.Redis.from_url(redis_url)
    client.eval(_POP, 3, QUEUE, f"{QUEUE}:popped", f"{QUEUE}:popped:data", "alive:1",
                time.time() + 3600)  # fmt: skip

    out = tmp_path / "archive"
    worker = start_worker(redis_url, out, 0, NEWSCRAWL_REDIS_LEASE="5")
    log = wait(worker)
    assert worker.returncode in (0, 2), log[-3000:]
    assert records(out) == [] and server.hits_for(path) == 0
    assert client.zcard(f"{QUEUE}:popped") == 1
