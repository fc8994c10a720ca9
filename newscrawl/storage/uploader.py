"""``Uploader``: a thread that stores spooled files, retries, deletes what is confirmed."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import Counter

from newscrawl.storage.base import OutputStorage
from newscrawl.storage.spool import Spool, SpoolFile

logger = logging.getLogger(__name__)


class Uploader:
    """Sends every file in ``spool`` to ``storage``, oldest first, one at a time.

    A file is deleted only once ``storage.put`` confirmed it (size and checksum),
    and only if it was not replaced meanwhile. A failure keeps the file and waits
    ``retry_delay`` seconds, doubling up to ``max_delay``, before the next try;
    the key is the file's path in the spool, so a retry overwrites, never duplicates.
    """

    def __init__(
        self,
        storage: OutputStorage,
        spool: Spool,
        retry_delay: float = 1.0,
        max_delay: float = 60.0,
        scan_interval: float = 1.0,
    ) -> None:
        self.storage = storage
        self.spool = spool
        self.retry_delay = retry_delay
        self.max_delay = max(max_delay, retry_delay)
        self.scan_interval = scan_interval
        self.counts: Counter[str] = Counter()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._idle = threading.Condition()
        self._empty = False
        self._failing = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="newscrawl-upload", daemon=True)
        self._thread.start()

    def notify(self) -> None:
        """A file was added to the spool: look now instead of at the next scan."""
        self._wake.set()

    def drain(self, timeout: float | None) -> bool:
        """Wait until the spool is empty (True) or ``timeout`` seconds pass (False)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._idle:
            self._empty = False
            self._wake.set()
            while not self._empty:
                wait = None if deadline is None else deadline - time.monotonic()
                if wait is not None and wait <= 0:
                    return False
                self._idle.wait(wait)
        return True

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the current file; a file cut off mid-upload stays in the spool."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    # -- the thread ----------------------------------------------------------------

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self._loop()
            except Exception as exc:  # the spool vanished, a bug: keep trying, never die
                logger.error("Uploader error (retrying): %s", exc)
                self._stopping.wait(self.max_delay)

    def _loop(self) -> None:
        delay = self.retry_delay
        while not self._stopping.is_set():
            files = self.spool.pending()
            if not files:
                with self._idle:
                    self._empty = True
                    self._idle.notify_all()
                self._wake.wait(self.scan_interval)
                self._wake.clear()
                continue
            for spooled in files:
                if self._stopping.is_set():
                    return
                if not self._send(spooled):
                    self._stopping.wait(delay)
                    delay = min(delay * 2, self.max_delay)
                    break
                delay = self.retry_delay

    def _send(self, spooled: SpoolFile) -> bool:
        try:
            before = os.stat(spooled.path)
        except FileNotFoundError:
            return True  # replaced or taken meanwhile: the next scan sees its successor
        try:
            stored = self.storage.put(spooled.path, spooled.key)
        except Exception as exc:
            self.counts["upload_errors"] += 1
            if not self._failing:
                self._failing = True
                logger.warning(
                    "Cannot store %s: %s; outputs stay in the spool %s and are retried",
                    self.storage.describe(spooled.key),
                    exc,
                    self.spool.outgoing,
                )
            else:
                logger.debug("Upload of %s failed again: %s", spooled.key, exc)
            return False
        if self._failing:
            self._failing = False
            logger.info("Storing outputs in %s again", self.storage.describe())
        try:
            after = os.stat(spooled.path)
        except FileNotFoundError:
            after = None
        if after is not None and (after.st_ino, after.st_size, after.st_mtime_ns) == (
            before.st_ino,
            before.st_size,
            before.st_mtime_ns,
        ):
            os.unlink(spooled.path)
        self.counts["uploaded"] += 1
        self.counts["uploaded_bytes"] += stored.size
        logger.debug("Stored %s (%d bytes, %s)", spooled.key, stored.size, stored.checksum)
        return True
