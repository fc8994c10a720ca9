"""Profile `distributed`: many workers share one Redis queue and crawl state.

Run ``SCRAPY_PROJECT=distributed scrapy crawl feeds`` on each worker, with
``REDIS_URL`` pointing at one Redis; push feeds with ``scrapy pushfeeds``.
"""

from newscrawl.settings import *  # noqa: F403
from newscrawl.settings import DOWNLOADER_MIDDLEWARES, SPIDER_MIDDLEWARES

NEWSCRAWL_OUTPUT_DIR = "archive"

# where every worker meets: the queue, the fingerprints and the crawl state
REDIS_URL = "redis://127.0.0.1:6379/0"

# the feed spider reads its feeds from the Redis list feeds:start_urls
SPIDER_MODULES = ["newscrawl.distributed.spiders"]

# scrapy-redis: one request queue and one fingerprint set for all workers. The
# queue survives a worker's exit (persist), or the first worker to stop would
# empty it for the others.
SCHEDULER = "newscrawl.distributed.scheduler.ClaimingScheduler"
SCHEDULER_PERSIST = True
DUPEFILTER_CLASS = "newscrawl.distributed.dupefilter.CountingRedisDupeFilter"

# an idle worker stops after this many seconds with nothing to do (0: waits for ever)
MAX_IDLE_TIME_BEFORE_CLOSE = 60

# the crawl state (validators, archived articles, claims) in the same Redis
NEWSCRAWL_STATE_STORE = "newscrawl.state.redis.RedisStateStore"

# outputs named per worker (<host>-<pid>): WARC files, JSON Lines batches
NEWSCRAWL_WORKER_ID = "auto"

DOWNLOADER_MIDDLEWARES = {
    **DOWNLOADER_MIDDLEWARES,
    "newscrawl.distributed.claims.ClaimDownloaderMiddleware": 50,
}
SPIDER_MIDDLEWARES = {
    **SPIDER_MIDDLEWARES,
    "newscrawl.distributed.claims.ClaimSpiderMiddleware": 10,
}
NEWSCRAWL_WARC_DEDUP_DB = "redis"  # revisits across workers: one digest index in Redis
