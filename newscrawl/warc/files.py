"""Naming, opening and closing WARC files: written as ``.open``, renamed when complete."""

from __future__ import annotations

import fcntl
import os
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import BinaryIO

OPEN_SUFFIX = ".open"


def safe_host(hostname: str | None = None) -> str:
    """The host part of a file name: letters, digits, dots and dashes only."""
    host = re.sub(r"[^A-Za-z0-9.-]+", "-", hostname or socket.gethostname()).strip(".-")
    return host or "localhost"


def timestamp17(dt: datetime) -> str:
    """``YYYYmmddHHMMSSfff`` in UTC."""
    dt = dt.astimezone(timezone.utc)
    return dt.strftime("%Y%m%d%H%M%S") + f"{dt.microsecond // 1000:03d}"


def warc_name(prefix: str, when: datetime, serial: int, host: str, gzip: bool = True) -> str:
    """IIPC-style ``{prefix}-{timestamp17}-{serial:05d}-{host}.warc[.gz]``."""
    ext = ".warc.gz" if gzip else ".warc"
    return f"{prefix}-{timestamp17(when)}-{serial:05d}-{host}{ext}"


def lock_file(fileobj: BinaryIO) -> bool:
    """Take the advisory lock that marks a ``.open`` file as being written."""
    try:
        fcntl.flock(fileobj.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@dataclass
class WarcFile:
    """A WARC file being written: its final name, its path on disk, its file object."""

    name: str  # final file name, as written into warcinfo and given to items
    directory: str
    fileobj: BinaryIO
    opened_at: float  # time.monotonic() when opened
    records: int = 0
    warcinfo_id: str | None = None

    @property
    def path(self) -> str:
        return os.path.join(self.directory, self.name)

    @property
    def open_path(self) -> str:
        return self.path + OPEN_SUFFIX

    def size(self) -> int:
        return self.fileobj.tell()

    def cut_unflushed(self, offset: int) -> None:
        """Cut the file back to ``offset``, dropping bytes its buffer could not write.

        A buffered file that met ENOSPC keeps the unwritten bytes and retries them
        on every seek and close; they belong to the record being cut, so the
        buffer is dropped with the old file object and a fresh one on the same
        open file (and lock) takes its place.
        """
        fd = self.fileobj.fileno()
        os.ftruncate(fd, offset)
        fresh = os.fdopen(os.dup(fd), "wb")  # an open fd: nothing is truncated here
        fresh.seek(offset)
        self.fileobj.raw.close()  # type: ignore[attr-defined]
        self.fileobj = fresh


class WarcFileManager:
    """Owns the WARC directory: picks names, opens ``.open`` files, renames them on close.

    ``on_closed`` is called with the final path of every closed file (e.g. to index it).
    """

    def __init__(
        self,
        directory: str,
        prefix: str,
        gzip: bool = True,
        host: str | None = None,
        fsync: bool = False,
        on_closed: Callable[[str], None] | None = None,
        clock: Callable[[], datetime] | None = None,
        monotonic: Callable[[], float] | None = None,
    ) -> None:
        self.directory = directory
        self.prefix = prefix
        self.gzip = gzip
        self.host = safe_host(host)
        self.fsync = fsync
        self.on_closed = on_closed
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self._monotonic = monotonic or time.monotonic
        self._serial = 0

    def open_new(self) -> WarcFile:
        """Create the next file under its ``.open`` name, exclusively, and lock it."""
        os.makedirs(self.directory, exist_ok=True)
        when = self._clock()
        while True:
            name = warc_name(self.prefix, when, self._serial, self.host, self.gzip)
            self._serial += 1
            final = os.path.join(self.directory, name)
            if os.path.exists(final):
                continue
            try:
                fileobj = open(final + OPEN_SUFFIX, "xb")  # noqa: SIM115 (closed in close())
            except FileExistsError:
                continue
            lock_file(fileobj)
            return WarcFile(name, self.directory, fileobj, self._monotonic())

    def close(self, wf: WarcFile) -> str:
        """Flush, sync, and rename to the final name; returns the final path."""
        fileobj = wf.fileobj
        if not fileobj.closed:
            fileobj.flush()
            os.fsync(fileobj.fileno())
            os.rename(wf.open_path, wf.path)
            self._fsync_dir()
            fileobj.close()  # releases the lock, after the rename
        if self.on_closed is not None:
            self.on_closed(wf.path)
        return wf.path

    def sync(self, wf: WarcFile) -> None:
        """Make what was written so far durable, when the fsync policy asks for it."""
        if self.fsync:
            os.fsync(wf.fileobj.fileno())

    def _fsync_dir(self) -> None:
        try:
            fd = os.open(self.directory, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
