"""Distributed crawls: many workers share one Redis (scrapy-redis) queue and crawl state.

- ``spiders.feeds``: ``RedisFeedSpider``, the feed spider reading feed URLs from Redis.
- ``scheduler``: scrapy-redis's scheduler, claiming each request it pops.
- ``claims``: claim keys, and the middlewares that release claims.
- ``dupefilter``: scrapy-redis's dupefilter, counting what it drops.
- ``quiet``: keeps scrapy-redis's deprecation warnings out of the log.
- The crawl state itself is ``newscrawl.state.redis.RedisStateStore``.
"""
