"""The storage interface, its errors, and the key layout every output follows."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

#: Top-level folders (local) or key prefixes (S3) of each kind of output.
AREAS = ("warc", "items", "posts", "reports")

_CONTENT_TYPES = (
    (".warc.gz", "application/warc"),
    (".warc", "application/warc"),
    (".cdxj", "text/x-cdxj; charset=utf-8"),
    (".jsonl", "application/x-ndjson"),
    (".md", "text/markdown; charset=utf-8"),
    (".json", "application/json"),
)


def content_type(key: str) -> str:
    """The Content-Type an object stored under ``key`` is served with."""
    for suffix, ctype in _CONTENT_TYPES:
        if key.endswith(suffix):
            return ctype
    return "application/octet-stream"


def safe_key(key: str) -> str:
    """``key`` as a relative POSIX path that stays under its root, or ``ValueError``."""
    norm = posixpath.normpath(key.replace("\\", "/"))
    if not key or norm.startswith(("/", "../")) or norm in (".", "..") or "\0" in key:
        raise ValueError(f"unsafe storage key {key!r}")
    return norm


class StorageConfigError(ValueError):
    """A destination that will never work (bad URI, no bucket, rejected credentials)."""


class StorageUnavailable(Exception):
    """A store failed but may work later (connection refused, timeout, 5xx, throttling)."""


@dataclass(frozen=True)
class StoredObject:
    """What a storage confirmed it holds after a ``put``."""

    key: str
    size: int
    checksum: str = ""  # "<algorithm>:<value as the storage reports it>", or "" if none


class OutputStorage:
    """Where complete output files end up; one class per URI scheme.

    ``spooled`` storages are remote: outputs are completed in a local spool and
    handed to ``put`` from an uploader thread. Local storages hold the files in
    place, so there is nothing to upload.
    """

    spooled: bool = False

    def __init__(self, uri: str) -> None:
        self.uri = uri

    def check(self) -> None:
        """Raise ``StorageConfigError`` for what will never work, ``StorageUnavailable`` else."""

    def local_root(self) -> str | None:
        """The folder outputs are written to directly (local storages), else None."""
        return None

    def put(self, path: str, key: str) -> StoredObject:
        """Store the local file ``path`` under ``key`` and confirm it (blocking)."""
        raise NotImplementedError

    def describe(self, key: str = "") -> str:
        """Human-readable destination of ``key``, for log lines."""
        return self.uri.rstrip("/") + "/" + key if key else self.uri
