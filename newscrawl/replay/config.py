"""The ``NEWSCRAWL_REPLAY_*`` settings, read once and checked."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings


class ReplayConfigError(ValueError):
    """A replay setting that cannot work; the message names it and says how to fix it."""


def parse_at(value: str) -> datetime:
    """``2026-11-01T12:00:00Z`` (ISO 8601, or a 14-digit WARC timestamp) as aware UTC."""
    text = value.strip()
    if text.isdigit() and len(text) <= 14:
        text = text.ljust(14, "0")
        parsed = datetime.strptime(text, "%Y%m%d%H%M%S")
    else:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


@dataclass(frozen=True)
class ReplayConfig:
    """Everything the replay components read from the settings."""

    source: str = ""
    at: datetime | None = None
    live_fallback: bool = False
    index_dir: str = "archive/replay-index"

    @property
    def enabled(self) -> bool:
        return bool(self.source)

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> ReplayConfig:
        source = (settings.get("NEWSCRAWL_REPLAY_FROM") or "").strip()
        at_text = (settings.get("NEWSCRAWL_REPLAY_AT") or "").strip()
        at = None
        if at_text:
            try:
                at = parse_at(at_text)
            except ValueError:
                raise ReplayConfigError(
                    f"NEWSCRAWL_REPLAY_AT={at_text!r} is not a time; use ISO 8601 such as "
                    "2026-11-01T12:00:00Z"
                ) from None
        output_dir = settings.get("NEWSCRAWL_OUTPUT_DIR") or "archive"
        if "://" in output_dir:  # outputs go to a bucket: keep the cache on this machine
            output_dir = os.path.join(os.path.expanduser("~"), ".cache", "newscrawl")
        index_dir = settings.get("NEWSCRAWL_REPLAY_INDEX_DIR") or os.path.join(
            output_dir, "replay-index"
        )
        return cls(
            source=source,
            at=at,
            live_fallback=settings.getbool("NEWSCRAWL_REPLAY_LIVE_FALLBACK", False),
            index_dir=index_dir,
        )


def replay_active(settings: BaseSettings) -> bool:
    """Whether requests are answered from an archive (``NEWSCRAWL_REPLAY_FROM`` is set)."""
    return bool((settings.get("NEWSCRAWL_REPLAY_FROM") or "").strip())
