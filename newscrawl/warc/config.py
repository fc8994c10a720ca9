"""The ``NEWSCRAWL_WARC_*`` settings, read once and checked."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newscrawl.warc.members import ENGINES, isal_available

if TYPE_CHECKING:  # the writer process imports this module and needs no Scrapy
    from scrapy.settings import BaseSettings

DIGEST_ALGORITHMS = ("sha1", "sha256")


def warc_enabled(settings: BaseSettings) -> bool:
    """``NEWSCRAWL_WARC_ENABLED``, except in a replay: a replay answers from the archive
    and writes no WARC, unless misses go to the live web (``NEWSCRAWL_REPLAY_LIVE_FALLBACK``).
    """
    if not settings.getbool("NEWSCRAWL_WARC_ENABLED", True):
        return False
    if (settings.get("NEWSCRAWL_REPLAY_FROM") or "").strip():
        return settings.getbool("NEWSCRAWL_REPLAY_LIVE_FALLBACK", False)
    return True


class WarcConfigError(ValueError):
    """A contradictory or impossible WARC setting; the message says how to fix it."""


@dataclass(frozen=True)
class WarcConfig:
    """Everything the WARC components read from the settings."""

    enabled: bool = True
    directory: str = "archive/warc"
    prefix: str = "newscrawl"
    max_size: int = 1024**3
    max_age: float = 3600.0
    gzip: bool = True
    gzip_level: int = 6
    gzip_engine: str = "auto"
    digest: str = "sha1"
    dedup: bool = True
    dedup_db: str = ""
    operator: str = ""
    crawl_name: str = ""
    fsync: bool = False
    cdxj: bool = True
    queue_size: int = 256
    #: where closed files (and their indexes) are moved for storage; "" = they stay
    done_dir: str = ""
    host: str = ""  # the host part of file names; empty: this machine's name
    dedup_prefix: str = "newscrawl"  # key prefix of a Redis dedup index

    def __post_init__(self) -> None:
        if self.digest not in DIGEST_ALGORITHMS:
            raise WarcConfigError(
                f"NEWSCRAWL_WARC_DIGEST={self.digest!r} is not supported; "
                f"use one of {', '.join(DIGEST_ALGORITHMS)}"
            )
        hashlib.new(self.digest)
        if self.max_size <= 0:
            raise WarcConfigError(
                f"NEWSCRAWL_WARC_MAX_SIZE={self.max_size} must be a positive number of bytes"
            )
        if self.max_age < 0:
            raise WarcConfigError(
                f"NEWSCRAWL_WARC_MAX_AGE={self.max_age} must be >= 0 seconds (0 turns it off)"
            )
        if not 1 <= self.gzip_level <= 9:
            raise WarcConfigError(f"NEWSCRAWL_WARC_GZIP_LEVEL={self.gzip_level} must be 1..9")
        if self.gzip_engine not in ENGINES:
            raise WarcConfigError(
                f"NEWSCRAWL_WARC_GZIP_ENGINE={self.gzip_engine!r} is not one of "
                f"{', '.join(ENGINES)}"
            )
        if self.gzip_engine == "isal" and not isal_available():
            raise WarcConfigError(
                "NEWSCRAWL_WARC_GZIP_ENGINE='isal' but the isal package is not installed: "
                "pip install isal, or set it to 'auto' or 'zlib'"
            )
        if self.queue_size <= 0:
            raise WarcConfigError(f"NEWSCRAWL_WARC_QUEUE_SIZE={self.queue_size} must be >= 1")
        if not self.prefix or any(c in self.prefix for c in "/\\\0") or self.prefix[0] == ".":
            raise WarcConfigError(
                f"NEWSCRAWL_WARC_PREFIX={self.prefix!r} must be a plain file name part "
                "(no slashes, not starting with a dot)"
            )

    @property
    def dedup_path(self) -> str:
        return self.dedup_db or os.path.join(self.directory, "dedup.sqlite3")

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> WarcConfig:
        from newscrawl.storage.layout import OutputLayout

        layout = OutputLayout.from_settings(settings)
        directory = settings.get("NEWSCRAWL_WARC_DIR") or layout.work_dir("warc")
        if "://" in directory:
            raise WarcConfigError(
                f"NEWSCRAWL_WARC_DIR={directory!r}: WARC files are written to a local "
                "directory; set NEWSCRAWL_WARC_DIR to a local path"
            )
        return cls(
            enabled=warc_enabled(settings),
            directory=directory,
            prefix=settings.get("NEWSCRAWL_WARC_PREFIX") or "newscrawl",
            max_size=settings.getint("NEWSCRAWL_WARC_MAX_SIZE", 1024**3),
            max_age=settings.getfloat("NEWSCRAWL_WARC_MAX_AGE", 3600.0),
            gzip=settings.getbool("NEWSCRAWL_WARC_GZIP", True),
            gzip_level=settings.getint("NEWSCRAWL_WARC_GZIP_LEVEL", 6),
            gzip_engine=(settings.get("NEWSCRAWL_WARC_GZIP_ENGINE") or "auto").lower(),
            digest=(settings.get("NEWSCRAWL_WARC_DIGEST") or "sha1").lower(),
            dedup=settings.getbool("NEWSCRAWL_WARC_DEDUP", True),
            dedup_db=_dedup_db(settings),
            dedup_prefix=settings.get("NEWSCRAWL_REDIS_STATE_PREFIX") or "newscrawl",
            operator=settings.get("NEWSCRAWL_WARC_OPERATOR") or "",
            crawl_name=settings.get("NEWSCRAWL_WARC_CRAWL_NAME") or "",
            fsync=settings.getbool("NEWSCRAWL_WARC_FSYNC", False),
            cdxj=settings.getbool("NEWSCRAWL_WARC_CDXJ", True),
            queue_size=settings.getint("NEWSCRAWL_WARC_QUEUE_SIZE", 256),
            done_dir=layout.done_dir("warc") if layout.remote else "",
            host=_worker_id(settings),
        )


def _worker_id(settings: BaseSettings) -> str:
    from newscrawl.worker import worker_id  # the package imports this module

    return worker_id(settings)


def _dedup_db(settings: BaseSettings) -> str:
    value = str(settings.get("NEWSCRAWL_WARC_DEDUP_DB") or "")
    if value.strip().lower() == "redis":  # the index shared by distributed workers
        return str(settings.get("REDIS_URL") or "redis://127.0.0.1:6379/0")
    return value
