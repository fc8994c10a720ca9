"""scrapy-redis's scheduler, claiming every feed and article request it pops.

scrapy-redis pops without acknowledgement: a worker killed after popping loses
the request. The claim (with its lease) records what was taken, so it can be
queued again; and a request another worker holds, or an article already
archived, is dropped here instead of fetched twice.
"""

from __future__ import annotations

import logging
from typing import Any

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


class ClaimingScheduler(Scheduler):
    """Pops from the shared queue; hands out only requests this worker could claim."""

    worker = ""
    crawler: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ClaimingScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.worker = worker_id(crawler.settings) or "worker"
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
            request = self.queue.pop(self.idle_before_close)
            if request is None:
                return None
            self.stats.inc_value("scheduler/dequeued/redis")
            if self._take(request):
                return request

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
