"""Exit statuses of a newscrawl run, decided from the crawl's final stats.

cron, systemd and scrapyd read only the exit status, so each one names a kind of
outcome an operator acts on differently. The README lists them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

OK = 0  # finished, and at least one feed was read (or answered "not modified")
CONFIG_ERROR = 1  # bad setting, no feeds given, or another start-up error: nothing crawled
NO_FEED_READ = 2  # the crawl ran but not one feed could be read
OUTPUTS_NOT_STORED = 3  # the crawl ran but some outputs could not be stored (they are kept)
LOCKED = 4  # another run holds the crawl state's lock; this one did nothing
INTERRUPTED = 5  # stopped early (SIGINT/SIGTERM, or a close condition) before finishing

# Stats keys the decision reads. Components increment these; nothing else is needed
# to take part in the exit status.
FEEDS_READ_KEYS = (
    "newscrawl/feeds/parsed",
    "newscrawl/feeds/not_modified",
    # a distributed worker that took work from the shared queue (another read the feeds)
    "newscrawl/distributed/taken",
)
NOT_STORED_KEY = "newscrawl/outputs/not_stored"
CONFIG_ERROR_KEY = "newscrawl/config_error"
# the spider stops at once when it was given no feeds: a start-up error
CONFIG_ERROR_KEYS = (CONFIG_ERROR_KEY, "newscrawl/feeds/none_given")
# Scrapy's FEEDS export counts batches it could not store (JSON Lines included)
FEED_EXPORT_FAILED_PREFIX = "feedexport/failed_count/"
LOCKED_KEY = "newscrawl/state/locked"  # set by the crawl state when its lock is taken


def exit_status(stats: Mapping[str, Any]) -> int:
    """The exit status for a run that ended with these stats (most urgent first)."""
    if stats.get(LOCKED_KEY):
        return LOCKED
    if any(stats.get(key) for key in CONFIG_ERROR_KEYS):
        return CONFIG_ERROR
    if stats.get(NOT_STORED_KEY) or any(
        value for key, value in stats.items() if key.startswith(FEED_EXPORT_FAILED_PREFIX)
    ):
        return OUTPUTS_NOT_STORED
    # an interrupted run says so even when it was stopped before reading a feed
    if stats.get("finish_reason", "unfinished") != "finished":
        return INTERRUPTED
    if not any(stats.get(key) for key in FEEDS_READ_KEYS):
        return NO_FEED_READ
    return OK
