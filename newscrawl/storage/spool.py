"""The local spool of a remote destination: complete files wait in it until stored.

Layout under ``NEWSCRAWL_SPOOL_DIR``::

    outgoing/<key>   complete files, named by the key they are stored under
    work/...         files still being written (WARC .open files, JSON Lines batches)
    destination      the URI the outgoing files belong to

A file enters ``outgoing/`` only by an atomic rename, so whatever is there is
complete; names starting with ``.`` are files on their way in and are skipped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from newscrawl.storage.base import StorageConfigError


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
