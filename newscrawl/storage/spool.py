"""The local spool of a remote destination: complete files wait in it until stored.

Layout under ``NEWSCRAWL_SPOOL_DIR``::

    outgoing/<key>   complete files, named by the key they are stored under
    work/...         files still being written (WARC .open files, JSON Lines batches)
    destination      the URI the outgoing files belong to

A file enters ``outgoing/`` only by an atomic rename, so whatever is there is
complete; names starting with ``.`` are files on their way in and are skipped.

A feed export batch (JSON Lines) is written in ``work/`` as
``.feed-<name>.<random>.part`` and held under an ``flock`` while open. A run killed
before storing it leaves it there, unlocked; :meth:`Spool.open` hands such
batches to ``outgoing/`` under their name (JSON Lines cut back to the last whole
line), so the records of articles the crawl state marked archived are sent.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from newscrawl.storage.base import StorageConfigError

logger = logging.getLogger(__name__)

BATCH_PREFIX = ".feed-"
BATCH_SUFFIX = ".part"
# .feed-<name>.<8 random characters of tempfile>.part
_BATCH_RE = re.compile(r"^\.feed-(?P<name>[^/]+)\.[a-z0-9_]{8}\.part$")


def lock_batch(fd: int) -> None:
    """Hold a batch file while it is written; a dead writer's lock is gone at once."""
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


@dataclass(frozen=True)
class SpoolFile:
    path: str
    key: str
    size: int
    mtime: float


@dataclass(frozen=True)
class SpoolSummary:
    count: int
    bytes: int
    oldest: float | None  # mtime of the oldest file

    def describe(self) -> str:
        if not self.count:
            return "empty"
        age = ""
        if self.oldest is not None:
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.oldest))
            age = f", oldest from {stamp}"
        return f"{self.count} files, {self.bytes} bytes{age}"


def move_into(path: str, directory: str) -> str:
    """Move a complete file into ``directory`` atomically (same name); returns the new path."""
    os.makedirs(directory, exist_ok=True)
    target = os.path.join(directory, os.path.basename(path))
    try:
        os.replace(path, target)
    except OSError:  # another file system: copy under a hidden name, then rename
        tmp = os.path.join(directory, "." + os.path.basename(path) + ".part")
        shutil.copyfile(path, tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        os.unlink(path)
    return target


class Spool:
    """Lists, counts and guards the files waiting under ``root/outgoing``."""

    def __init__(self, root: str, destination: str) -> None:
        self.root = Path(root)
        self.outgoing = self.root / "outgoing"
        self.work = self.root / "work"
        self.destination = destination.rstrip("/") + "/"

    def open(self) -> None:
        """Create the folders; refuse a spool that holds files for another destination."""
        self.outgoing.mkdir(parents=True, exist_ok=True)
        self.work.mkdir(parents=True, exist_ok=True)
        marker = self.root / "destination"
        previous = marker.read_text().strip() if marker.exists() else ""
        if previous and previous != self.destination and self.pending():
            raise StorageConfigError(
                f"the spool {self.root} holds files for {previous}, not {self.destination}: "
                f"send them first (scrapy upload -s NEWSCRAWL_OUTPUT_DIR={previous}) "
                "or set another NEWSCRAWL_SPOOL_DIR"
            )
        if previous != self.destination:
            marker.write_text(self.destination + "\n")
        self.recover_batches()

    def recover_batches(self) -> int:
        """Send the feed batches a killed run left in ``work/``; returns how many."""
        recovered = 0
        for dirpath, _dirnames, filenames in os.walk(self.work):
            for file_name in filenames:
                match = _BATCH_RE.match(file_name)
                if match is None:
                    continue
                relative = os.path.relpath(dirpath, self.work)
                target_dir = os.path.normpath(os.path.join(self.outgoing, relative))
                if os.path.commonpath([target_dir, str(self.outgoing)]) != str(self.outgoing):
                    continue  # never outside outgoing/
                path = os.path.join(dirpath, file_name)
                try:
                    if _recover_batch(path, os.path.join(target_dir, match["name"])):
                        recovered += 1
                except OSError as exc:
                    logger.error("Could not recover the feed batch %s: %s", path, exc)
        if recovered:
            logger.info("Recovered %d feed batch(es) of a killed run from %s", recovered, self.work)
        return recovered

    def pending(self) -> list[SpoolFile]:
        """Complete files waiting to be stored, oldest first."""
        files = []
        if not self.outgoing.is_dir():
            return files
        for dirpath, dirnames, filenames in os.walk(self.outgoing):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if name.startswith("."):
                    continue
                path = os.path.join(dirpath, name)
                with contextlib.suppress(FileNotFoundError):
                    st = os.stat(path)
                    key = os.path.relpath(path, self.outgoing).replace(os.sep, "/")
                    files.append(SpoolFile(path, key, st.st_size, st.st_mtime))
        files.sort(key=lambda f: (f.mtime, f.key))
        return files

    def summary(self) -> SpoolSummary:
        files = self.pending()
        oldest = min((f.mtime for f in files), default=None)
        return SpoolSummary(len(files), sum(f.size for f in files), oldest)


def _recover_batch(path: str, target: str) -> bool:
    """Move one orphaned batch to ``target``; False when a live run still holds it."""
    with open(path, "r+b") as fh:
        try:
            lock_batch(fh.fileno())
        except BlockingIOError:
            return False  # a running crawl writes it
        data = fh.read()
        if target.endswith(".jsonl"):
            data = data[: data.rfind(b"\n") + 1]  # a line cut by the kill is dropped
            fh.truncate(len(data))
        if data:
            fh.flush()
            os.fsync(fh.fileno())
            os.makedirs(os.path.dirname(target), exist_ok=True)
            tmp = os.path.join(os.path.dirname(target), "." + os.path.basename(target) + ".part")
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            os.link(path, tmp)
            os.replace(tmp, target)
        os.unlink(path)
    return bool(data)
