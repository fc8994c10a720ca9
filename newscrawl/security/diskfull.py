"""One clear stop when a write finds the output disk full.

The free-space guard (:mod:`newscrawl.security.diskspace`) stops a crawl while
room is left; when a write meets ENOSPC first (the margin was smaller than what
was in flight), every writer that sees it calls :func:`stop_on_disk_full`: the
first call logs one ERROR line and closes the spider (finish reason
``disk_full``), later ones only count. Each lost output is counted in
``newscrawl/outputs/not_stored`` by its writer (exit status 3).
"""

from __future__ import annotations

import errno
import logging
from typing import Any

logger = logging.getLogger(__name__)

REASON = "disk_full"
STAT = "newscrawl/disk/write_full"
_FULL = (errno.ENOSPC, errno.EDQUOT)


def is_disk_full(exc: BaseException) -> bool:
    """True for a write that failed because the file system (or quota) is full."""
    if isinstance(exc, OSError) and exc.errno in _FULL:
        return True
    # sqlite3 reports ENOSPC as SQLITE_FULL ("database or disk is full")
    return "database or disk is full" in str(exc)


def stop_on_disk_full(crawler: Any, what: str, exc: BaseException) -> bool:
    """Stop the crawl once for a full disk; False (nothing done) for any other error."""
    if not is_disk_full(exc):
        return False
    if crawler is None:
        return True
    if crawler.stats is not None:
        crawler.stats.inc_value(STAT)
    if getattr(crawler, "_newscrawl_disk_full", False):
        return True
    crawler._newscrawl_disk_full = True
    logger.error(
        "Output disk full while writing %s (%s); stopping the crawl: what was not "
        "written is counted in newscrawl/outputs/not_stored",
        what,
        getattr(exc, "strerror", None) or exc,
    )
    engine = crawler.engine
    if engine is not None and engine.spider is not None:
        # imported here: the WARC writer process uses is_disk_full and needs no Scrapy
        from scrapy.utils.defer import _schedule_coro

        _schedule_coro(engine.close_spider_async(reason=REASON))
    return True
