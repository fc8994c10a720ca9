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
FEEDS_READ_KEYS = ("newscrawl/feeds/parsed", "newscrawl/feeds/not_modified")
NOT_STORED_KEY = "newscrawl/outputs/not_stored"
CONFIG_ERROR_KEY = "newscrawl/config_error"
LOCKED_KEY = "newscrawl/state/locked"  # set by the crawl state when its lock is taken


def exit_status(stats: Mapping[str, Any]) -> int:
    """The exit status for a run that ended with these stats (most urgent first)."""
    if stats.get(LOCKED_KEY):
        return LOCKED
    if stats.get(CONFIG_ERROR_KEY):
        return CONFIG_ERROR
    if stats.get(NOT_STORED_KEY):
        return OUTPUTS_NOT_STORED
    if not any(stats.get(key) for key in FEEDS_READ_KEYS):
        return NO_FEED_READ
    if stats.get("finish_reason") not in (None, "finished"):
        return INTERRUPTED
    return OK
