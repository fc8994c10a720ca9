"""The crawl state and feed politeness settings, read once and checked."""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from scrapy.settings import BaseSettings


class StateConfigError(ValueError):
    """An impossible state setting; the message names it and says how to fix it."""


@dataclass(frozen=True)
class StateConfig:
    """Everything the crawl state components read from the settings."""

    enabled: bool = True
    directory: str = "archive/state"
    store: str = "newscrawl.state.sqlite.SqliteStateStore"
    conditional: bool = True
    full_fetch_hours: float = 24.0
    feed_min_interval: float = 60.0
    backoff_base: float = 600.0
    backoff_max: float = 86400.0
    recrawl_hours: float = 0.0

    def __post_init__(self) -> None:
        for name, value in (
            ("NEWSCRAWL_STATE_FULL_FETCH_HOURS", self.full_fetch_hours),
            ("NEWSCRAWL_FEED_MIN_INTERVAL", self.feed_min_interval),
            ("NEWSCRAWL_FEED_BACKOFF_BASE", self.backoff_base),
            ("NEWSCRAWL_FEED_BACKOFF_MAX", self.backoff_max),
            ("NEWSCRAWL_RECRAWL_HOURS", self.recrawl_hours),
        ):
            if value < 0:
                raise StateConfigError(f"{name}={value} must be >= 0 (0 turns it off)")

    def backoff(self, failures: int) -> float:
        """Seconds to wait after ``failures`` failed fetches in a row (doubling, capped)."""
        if failures <= 0 or self.backoff_base <= 0:
            return 0.0
        return min(self.backoff_base * 2 ** min(failures - 1, 30), self.backoff_max)

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> StateConfig:
        directory = settings.get("NEWSCRAWL_STATE_DIR") or ""
        if not directory:
            output = str(settings.get("NEWSCRAWL_OUTPUT_DIR") or "archive")
            parts = urlsplit(output)
            if parts.scheme == "file":
                output = parts.path
            elif parts.scheme and len(parts.scheme) > 1:
                # remote outputs (s3://...): the state stays on this machine
                output = ".newscrawl"
            directory = os.path.join(output, "state")
        if "://" in directory:
            raise StateConfigError(
                f"NEWSCRAWL_STATE_DIR={directory!r}: the crawl state is kept on local disk; "
                "set it to a local folder"
            )
        return cls(
            enabled=settings.getbool("NEWSCRAWL_STATE_ENABLED", True),
            directory=directory,
            store=settings.get("NEWSCRAWL_STATE_STORE") or cls.store,
            conditional=settings.getbool("NEWSCRAWL_FEED_CONDITIONAL", True),
            full_fetch_hours=_number(settings, "NEWSCRAWL_STATE_FULL_FETCH_HOURS", 24.0),
            feed_min_interval=_number(settings, "NEWSCRAWL_FEED_MIN_INTERVAL", 60.0),
            backoff_base=_number(settings, "NEWSCRAWL_FEED_BACKOFF_BASE", 600.0),
            backoff_max=_number(settings, "NEWSCRAWL_FEED_BACKOFF_MAX", 86400.0),
            recrawl_hours=_number(settings, "NEWSCRAWL_RECRAWL_HOURS", 0.0),
        )


def _number(settings: BaseSettings, name: str, default: float) -> float:
    try:
        return settings.getfloat(name, default)
    except ValueError:
        raise StateConfigError(f"{name}={settings.get(name)!r} is not a number") from None
