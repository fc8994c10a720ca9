"""The writer process's main loop: read exchanges, write them, answer, index, hand over.

The child ignores SIGINT and SIGTERM: a Ctrl-C or a service stop reaches the
whole process group, and the child must keep writing until the crawl process
ends its input (also when that process is killed: end of input is a clean stop).
However the parent goes (end of input, a reset connection, a broken pipe; on read
or on write), the child writes what it has, closes its files and exits quietly.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import resource
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from newscrawl.security.diskfull import is_disk_full
from newscrawl.warc.exchange import Exchange
from newscrawl.warc.writerproc.frames import (
    DISK_FULL_TEXT,
    EOF,
    TIMEOUT,
    FrameReader,
    frame,
    write_all,
)

if TYPE_CHECKING:
    from newscrawl.warc.files import WarcFile
    from newscrawl.warc.liveindex import LiveIndex

logger = logging.getLogger(__name__)


class _Out:
    """The child's channel to the parent, shared by the writer loop, indexer and logging."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.lock = threading.Lock()
        self.buffers: list[bytes] = []
        # The parent can be gone (killed, or a `scrapy shell` that exits without
        # closing the spider); the child must still write and close its files.
        self.parent_gone = False

    def send(self, obj: Any, flush: bool = False) -> None:
        with self.lock:
            self.buffers += frame(obj)
            # each item waits in WarcLocationPipeline for its location: a writer that falls
            # behind (a loaded machine) still answers every few records, not every 64
            if flush or len(self.buffers) >= 16:
                self._flush()

    def flush(self) -> None:
        with self.lock:
            self._flush()

    def _flush(self) -> None:
        if self.buffers:
            buffers, self.buffers = self.buffers, []
            if self.parent_gone:
                return
            try:
                write_all(self.fd, buffers)
            except ConnectionError:  # broken pipe, or reset: the parent is gone
                self.parent_gone = True


class _ParentLogHandler(logging.Handler):
    def __init__(self, out: _Out) -> None:
        super().__init__()
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):  # the parent is gone: nothing to tell
            self.out.send(("log", record.levelno, record.name, record.getMessage()), flush=True)


def child_main() -> int:
    # imported here: the crawl process (which imports this module) needs none of it
    from newscrawl.storage.spool import move_into
    from newscrawl.warc.config import WarcConfig
    from newscrawl.warc.dedupredis import open_dedup_index
    from newscrawl.warc.files import WarcFileManager
    from newscrawl.warc.writer import RotatingWarcWriter

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    out = _Out(sys.stdout.fileno())
    sys.stdout = sys.stderr  # stray prints must not corrupt the channel
    root = logging.getLogger()
    root.handlers[:] = [_ParentLogHandler(out)]
    root.setLevel(logging.INFO)
    reader = FrameReader(sys.stdin.fileno())
    message = reader.read()
    if message is EOF:
        return 0
    options = message[1]
    counts: Counter[str] = Counter()
    counts_lock = threading.Lock()
    indexer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newscrawl-cdxj")
    # set at the first write that finds the disk full: later exchanges are refused
    # at once (not one new empty file each) and the crawl process says it once
    disk_full = threading.Event()

    def report_full(what: str, exc: BaseException) -> None:
        disk_full.set()
        out.send(("full", what, str(exc)), flush=True)  # the crawl process says it, once

    # the indexes of the files being written, made as their records are (see liveindex)
    # (None: that file is indexed whole once closed)
    live: dict[str, LiveIndex | None] = {}

    def index_written(wf: WarcFile, offset: int) -> None:
        if wf.path not in live:
            try:
                from newscrawl.warc.liveindex import LiveIndex
            except Exception:  # indexed whole at close, which reports what fails
                live[wf.path] = None
                return
            live[wf.path] = LiveIndex(wf.path, wf.open_path)
        made = live[wf.path]
        if made is not None:
            made.add(wf.fileobj, offset)

    def index_incomplete(exc: BaseException) -> None:
        # a failed write may leave records in the file that the index did not see
        for made in list(live.values()):
            if made is not None and made.failed is None:
                made.failed = exc

    def index(path: str, made: LiveIndex | None) -> None:
        try:
            if made is None or made.write() is None:
                from newscrawl.warc.index import write_cdxj

                write_cdxj(path)
                with counts_lock:  # a file recovered at start, or a live index that failed
                    counts["cdxj_indexed_after_close"] += 1
        except Exception as exc:
            if is_disk_full(exc):
                report_full(f"the CDXJ index of {path}", exc)
            else:
                logger.error("Could not write the CDXJ index of %s: %s", path, exc)
            key = "cdxj_errors"
        else:
            key = "cdxj_files"
        with counts_lock:
            counts[key] += 1

    def hand_over(path: str, directory: str) -> None:
        """Move a closed file and its index to where the uploader takes them."""
        from newscrawl.warc.index import cdxj_path

        try:
            index_path = cdxj_path(path)
            if os.path.exists(index_path):
                move_into(index_path, directory)
            move_into(path, directory)
        except OSError as exc:
            logger.error("Could not move %s to %s: %s", path, directory, exc)
            key = "handover_errors"
        else:
            key = "handed_over_files"
        with counts_lock:
            counts[key] += 1

    try:
        config = WarcConfig(**options["config"])

        def finish(path: str, made: LiveIndex | None = None) -> None:
            if config.cdxj:
                index(path, made)
            if config.done_dir:
                hand_over(path, config.done_dir)

        needed = config.cdxj or config.done_dir
        if config.cdxj:
            # cdxj_indexer takes a large share of this process's start-up (pyamf and
            # pkg_resources come with it): import it in the indexer's thread while the
            # crawl starts, not when the first file closes (which at the end of a short
            # crawl is what its closing would wait for)
            indexer.submit(importlib.import_module, "newscrawl.warc.index")

        def closed(path: str) -> None:
            # the writer thread hands the file's index over, caught up, to the indexer
            made = live.pop(path, None)
            if made is not None:
                made.catch_up()
            indexer.submit(finish, path, made)

        on_closed = closed if needed else None
        files = WarcFileManager(
            config.directory, config.prefix, gzip=config.gzip, fsync=config.fsync,
            host=config.host or None, on_closed=on_closed,
        )  # fmt: skip
        writer = RotatingWarcWriter(
            files,
            options["warcinfo"],
            digest=config.digest,
            gzip=config.gzip,
            gzip_level=config.gzip_level,
            gzip_engine=config.gzip_engine,
            max_size=config.max_size,
            max_age=config.max_age,
            on_written=index_written if config.cdxj else None,
            dedup=open_dedup_index(
                config.dedup_path,
                config.dedup_prefix,
                # local files only: handed-over files leave the folder by design
                warc_dir=None if config.done_dir else config.directory,
            )
            if config.dedup
            else None,
        )
    except Exception as exc:
        out.send(("failed", f"{type(exc).__name__}: {exc}"), flush=True)
        return 1
    if writer.dedup is not None and writer.dedup.set_aside:
        counts["dedup_rebuilt"] += 1
    for path in options.get("index", []):
        if on_closed is not None:
            on_closed(path)
    out.send(("ready",), flush=True)

    try:
        while True:
            if not reader.has_frame():
                out.flush()  # about to wait: let the parent see what is done
                for made in list(live.values()):
                    if made is not None:
                        made.catch_up()  # and index what was written meanwhile
            message = reader.read(timeout=1.0)
            if message is TIMEOUT:
                _guard(writer.rotate_if_old, counts)
                continue
            if message is EOF:
                break
            exchange: Exchange = message
            if disk_full.is_set():
                counts["write_errors"] += 1
                out.send(("err", exchange.record_id, DISK_FULL_TEXT))
                continue
            try:
                location = writer.write(exchange)
            except Exception as exc:
                counts["write_errors"] += 1
                index_incomplete(exc)
                if is_disk_full(exc):
                    report_full(f"WARC records for {exchange.url}", exc)
                    _guard(writer.close_current, counts, report_full)
                    out.send(("err", exchange.record_id, f"{DISK_FULL_TEXT}: {exc}"))
                    continue
                logger.error("Could not write WARC records for %s: %s", exchange.url, exc)
                _guard(writer.close_current, counts)  # the next record starts a fresh file
                out.send(("err", exchange.record_id, str(exc)))
            else:
                out.send(
                    ("loc", exchange.record_id, location.file, location.offset,
                     location.record_type, location.payload_digest)
                )  # fmt: skip
    finally:
        _guard(writer.close, counts, report_full)
        indexer.shutdown(wait=True)
        with counts_lock:
            counts.update(writer.counts)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        counts["writer_cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 3)
        out.send(("counts", dict(counts)), flush=True)
    return 0


def _guard(
    func: Callable[[], None],
    counts: Counter[str],
    on_full: Callable[[str, BaseException], None] | None = None,
) -> None:
    try:
        func()
    except Exception as exc:
        counts["write_errors"] += 1
        if on_full is not None and is_disk_full(exc):
            on_full(f"the WARC files ({func.__name__})", exc)
            return
        logger.error("WARC writer error in %s: %s", func.__name__, exc)
