"""The start-up check of a distributed worker: Redis must answer before anything starts."""

from __future__ import annotations

from scrapy.settings import BaseSettings


def uses_redis(settings: BaseSettings) -> bool:
    """Whether this run's queue, state or revisit index lives in Redis."""
    return (
        "scrapy_redis" in str(settings.get("SCHEDULER") or "")
        or "newscrawl.distributed" in str(settings.get("SCHEDULER") or "")
        or "redis" in str(settings.get("NEWSCRAWL_STATE_STORE") or "").lower()
        or str(settings.get("NEWSCRAWL_WARC_DEDUP_DB") or "").lower() == "redis"
    )


def check_redis(settings: BaseSettings) -> None:
    """Raise ValueError naming ``REDIS_URL`` when Redis cannot be reached."""
    if not uses_redis(settings):
        return
    import redis

    url = str(settings.get("REDIS_URL") or "redis://127.0.0.1:6379/0")
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5)
        client.ping()
        client.close()
    except (redis.RedisError, ValueError) as exc:
        raise ValueError(f"REDIS_URL={url!r}: cannot reach Redis ({exc})") from None
