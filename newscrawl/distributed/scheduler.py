"""scrapy-redis's scheduler, claiming every feed and article request it pops.

scrapy-redis pops without acknowledgement: a worker killed after popping loses
the request. The claim (with its lease) records what was taken, so it can be
queued again; and a request another worker holds, or an article already
archived, is dropped here instead of fetched twice.

Between the pop and the claim the request is nowhere else, so the pop itself
keeps a copy (``<queue>:popped``, with the time and its queue score) until the
claim is taken or the request dropped. A worker killed in between leaves the copy
behind; once it is a lease old, a worker that finds the queue empty puts it back.
"""

from __future__ import annotations

import itertools
import logging
import time
import uuid
from typing import Any

from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from newscrawl.distributed.claims import CLAIM_META, STATS_PREFIX, claim_data, claim_key
from newscrawl.state.extension import CrawlStateExtension
from newscrawl.state.middleware import RECRAWL_META
from newscrawl.warc.handler import RAW_META_KEY
from newscrawl.warc.middleware import WARC_META_KEY
from newscrawl.worker import worker_id

logger = logging.getLogger(__name__)

# request.meta entries that belong to the process that set them (a WARC write in
# flight, the claim): a redirect copies them, but they cannot cross to another worker
LOCAL_META = (WARC_META_KEY, RAW_META_KEY, CLAIM_META)

# pop the first request of the queue (a zset) and keep a copy under a token until the
# worker has claimed or dropped it: KEYS queue, popped (zset token -> time), popped data
# (hash token -> score and request); ARGV token, now
_POP = """
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #first == 0 then return false end
redis.call('ZREM', KEYS[1], first[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], first[2] .. ' ' .. first[1])
return first[1]
"""
# put back the copies older than ARGV[1] (their worker died between pop and claim)
_PUT_BACK = """
local tokens = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, 100)
for _, token in ipairs(tokens) do
  local kept = redis.call('HGET', KEYS[3], token)
  if kept then
    local space = string.find(kept, ' ', 1, true)
    redis.call('ZADD', KEYS[1], string.sub(kept, 1, space - 1), string.sub(kept, space + 1))
  end
  redis.call('ZREM', KEYS[2], token)
  redis.call('HDEL', KEYS[3], token)
end
return #tokens
"""


class ClaimingScheduler(Scheduler):
    """Pops from the shared queue; hands out only requests this worker could claim."""

    worker = ""
    crawler: Any = None
    _tokens: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ClaimingScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.worker = worker_id(crawler.settings) or "worker"
        # tokens of popped copies: unique across workers, even unnamed ones
        scheduler._tokens = (f"{uuid.uuid4().hex}:{n}" for n in itertools.count())
        return scheduler

    def _store(self) -> Any:
        ext = self.crawler.get_extension(CrawlStateExtension) if self.crawler else None
        store = ext.store if ext is not None else None
        return store if store is not None and hasattr(store, "claim") else None

    def enqueue_request(self, request: Any) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        for key in LOCAL_META:
            request.meta.pop(key, None)
        try:
            self.queue.push(request)
        except Exception as exc:  # unserialisable meta or cb_kwargs: that request only
            logger.error("Request not queued %s: cannot serialise it (%s)", request.url, exc)
            self.stats.inc_value(f"{STATS_PREFIX}not_queued")
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Any:
        while True:
            # scrapy-redis's own next_request passes spider= to the stats (deprecated)
            request, token = self._pop()
            if request is None:
                return None
            self.stats.inc_value("scheduler/dequeued/redis")
            # a claim that raised (Redis gone) leaves the copy for the lease to put back
            taken = self._take(request)
            self._popped_done(token)
            if taken:
                return request

    def _popped_keys(self) -> list[str]:
        key = self.queue.key
        return [key, f"{key}:popped", f"{key}:popped:data"]

    def _pop(self) -> tuple[Any, str | None]:
        """The next request, a copy of it kept under a token until ``_popped_done``."""
        if self._store() is None or not isinstance(self.queue, PriorityQueue):
            return self.queue.pop(self.idle_before_close), None
        token = next(self._tokens)
        data = self.server.eval(_POP, 3, *self._popped_keys(), token, time.time())
        if data is None:
            self._put_back_popped()
            return None, None
        try:
            return self.queue._decode_request(data), token
        except Exception as exc:  # not ours to read: leave it to the lease
            logger.error("Request in the queue cannot be read: %s", exc)
            self.stats.inc_value(f"{STATS_PREFIX}unreadable")
            self._popped_done(token)
            return None, None

    def _popped_done(self, token: str | None) -> None:
        if token is None:
            return
        _, popped, data = self._popped_keys()
        with self.server.pipeline() as pipe:
            pipe.zrem(popped, token)
            pipe.hdel(data, token)
            pipe.execute()

    def _put_back_popped(self) -> None:
        """Queue again what dead workers popped a lease ago and never claimed."""
        store = self._store()
        lease = getattr(store, "lease", None)
        if lease is None:
            return
        count = self.server.eval(_PUT_BACK, 3, *self._popped_keys(), time.time() - lease)
        if count:
            logger.info("Queued again %d requests popped by a worker that died", count)
            self.stats.inc_value(f"{STATS_PREFIX}requeued/popped", count)

    def _take(self, request: Any) -> bool:
        store = self._store()
        key = claim_key(request)
        if store is None or key is None:
            return True
        article = key and not key.startswith("feed ")
        recrawl = request.meta.get(RECRAWL_META)
        if article and not recrawl and store.find_article(key):
            self._drop(request, "archived_elsewhere")
            return False
        follow_up = bool(request.meta.get("redirect_urls") or request.meta.get("retry_times"))
        if not store.claim(key, self.worker, claim_data(request), force=follow_up):
            self._drop(request, "claimed_elsewhere")
            return False
        if article and not recrawl and store.find_article(key):
            store.release(key)  # archived between the two looks
            self._drop(request, "archived_elsewhere")
            return False
        request.meta[CLAIM_META] = key
        self.stats.inc_value(f"{STATS_PREFIX}taken")
        return True

    def _drop(self, request: Any, why: str) -> None:
        logger.debug("Request not fetched (%s): %s", why.replace("_", " "), request.url)
        self.stats.inc_value(f"{STATS_PREFIX}dropped/{why}")
