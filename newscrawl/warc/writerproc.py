"""The WARC writer in a process of its own, fed through a Unix socket.

Digests, gzip, dedup lookups, file I/O and CDXJ indexing cost CPU; in a
thread of the crawl process they also compete with the reactor for the GIL
(measured on the bench: about +0.4 ms of reactor CPU per page on top of the
writer's own work). In a child process they cost the reactor a pickle and a
non-blocking socket write per exchange.

Wire format, both ways over one socket (the child's stdin and stdout):
4-byte big-endian length, then a pickle.

- parent -> child: ``("options", dict)`` once, then one
  :class:`~newscrawl.warc.exchange.Exchange` per message; end of input means
  "write what you have, close the files, exit".
- child -> parent: ``("ready",)`` or ``("failed", text)``, then
  ``("loc", record_id, file, offset, record_type, payload_digest)`` or
  ``("err", record_id, text)`` per exchange, ``("log", level, logger, text)``,
  ``("full", what, text)`` when a write finds the output disk full,
  and ``("counts", dict)`` last.

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
import pickle
import resource
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import newscrawl
from newscrawl.security.diskfull import is_disk_full
from newscrawl.warc.exchange import Exchange
from newscrawl.warc.writer import WarcLocation

if TYPE_CHECKING:
    from newscrawl.warc.files import WarcFile
    from newscrawl.warc.liveindex import LiveIndex

logger = logging.getLogger(__name__)

#: The ``err`` text of an exchange not written because the output disk is full.
DISK_FULL_TEXT = "output disk full"

_HEADER = struct.Struct(">I")
EOF = object()
TIMEOUT = object()

Done = Callable[[WarcLocation | None, BaseException | None], None]


def frame(obj: Any) -> list[bytes]:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return [_HEADER.pack(len(data)), data]


def write_all(fd: int, buffers: list[bytes]) -> None:
    """``writev`` until every byte is out (sockets and pipes take partial writes)."""
    views = [memoryview(b) for b in buffers if b]
    while views:
        written = os.writev(fd, views)
        while views and written >= len(views[0]):
            written -= len(views[0])
            views.pop(0)
        if views and written:
            views[0] = views[0][written:]


class FrameReader:
    """Reads framed pickles from a file descriptor, with an optional timeout."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = bytearray()

    def _take(self) -> Any:
        if len(self.buffer) < _HEADER.size:
            return None
        (size,) = _HEADER.unpack_from(self.buffer)
        end = _HEADER.size + size
        if len(self.buffer) < end:
            return None
        data = bytes(self.buffer[_HEADER.size : end])
        del self.buffer[:end]
        return pickle.loads(data)

    def has_frame(self) -> bool:
        if len(self.buffer) < _HEADER.size:
            return False
        return len(self.buffer) >= _HEADER.size + _HEADER.unpack_from(self.buffer)[0]

    def read(self, timeout: float | None = None) -> Any:
        while True:
            obj = self._take()
            if obj is not None:
                return obj
            if timeout is not None:
                ready, _, _ = select.select([self.fd], [], [], timeout)
                if not ready:
                    return TIMEOUT
            try:
                chunk = os.read(self.fd, 1 << 20)
            except ConnectionError:
                # the other side is gone, and reset the connection because it left
                # answers unread: the same as a plain end of input
                chunk = b""
            if not chunk:
                return EOF
            self.buffer += chunk


# -- the parent's side ------------------------------------------------------------


class _Channel:
    """The socket to the child, as Twisted's IReadDescriptor and IWriteDescriptor."""

    def __init__(self, fd: int, on_read: Callable[[], None], on_write: Callable[[], None]) -> None:
        self.fd = fd
        self.doRead = on_read
        self.doWrite = on_write

    def fileno(self) -> int:
        return self.fd

    def connectionLost(self, reason: Any) -> None:  # noqa: N802 (Twisted's name)
        pass

    def logPrefix(self) -> str:  # noqa: N802 (Twisted's name)
        return "newscrawl-warc-writer"


class WarcWriterProcess:
    """Starts the writer process and talks to it from the reactor thread.

    No threads on this side: a helper thread that writes to the socket must
    take the GIL back after every system call, and while the reactor runs
    Python that waits up to the interpreter's switch interval (5 ms), which
    capped the crawl at about 200 pages/s. Instead ``submit`` pickles the
    exchange and writes what the socket takes without blocking; the reactor
    writes the rest when it drains (``addWriter``) and reads the child's
    answers when they come (``addReader``), calling each exchange's ``done``.

    Back-pressure: when more than ``max_pending`` bytes wait for the socket,
    ``submit`` blocks until the child has caught up, which paces the crawl to
    the disk. Without a reactor (``reactor=None``, e.g. in tests) it works the
    same, reading answers whenever it waits.
    """

    def __init__(
        self,
        options: dict[str, Any],
        queue_size: int = 256,
        on_failure: Callable[[str], None] | None = None,
        reactor: Any = None,
        on_disk_full: Callable[[str, str], None] | None = None,
    ) -> None:
        self.options = options
        self.on_failure = on_failure
        self.on_disk_full = on_disk_full  # (what, error text): a write found the disk full
        self.failure: str | None = None
        self.reactor = reactor
        # a queue of exchanges of a typical news page size, in bytes
        self.max_pending = max(1, queue_size) * 128 * 1024
        self._pending: dict[str, Done | None] = {}
        self._out: list[memoryview] = []
        self._out_bytes = 0
        self._counts: Counter[str] = Counter()
        self._waited = 0.0  # seconds submit() blocked on a writer that fell behind
        self._running = False
        self._ready = False
        self._eof = False
        self._closing = False
        self._writing = False
        self.proc: subprocess.Popen | None = None
        self._reader: FrameReader | None = None
        self._sock: socket.socket | None = None
        self._channel: _Channel | None = None

    def start(self) -> None:
        """Spawn the child and return at once; it reports ready (or why not) on its own."""
        package_root = str(Path(newscrawl.__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        # one Unix stream socket both ways: the child's stdin and stdout. (A pipe
        # makes the writer wait on the pipe's lock while the child copies out.)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        with contextlib.suppress(OSError):
            ours.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
            theirs.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "newscrawl.warc.writerproc"],
                stdin=theirs.fileno(),
                stdout=theirs.fileno(),
                env=env,
            )
        finally:
            theirs.close()
        ours.setblocking(False)
        self._sock = ours
        self._reader = FrameReader(ours.fileno())
        self._channel = _Channel(ours.fileno(), self._read_ready, self._write_ready)
        self._running = True
        if self.reactor is not None:
            self.reactor.addReader(self._channel)
        self._send(("options", self.options))

    @property
    def alive(self) -> bool:
        return self._running

    def wait_ready(self, timeout: float = 60) -> bool:
        """Wait (blocking) until the child has opened its writer; False if it failed."""
        self._pump(lambda: self._ready or self.failure is not None or self._eof, timeout)
        return self._ready and self.failure is None

    def submit(self, exchange: Exchange, done: Done | None = None) -> None:
        if not self._running:
            raise RuntimeError("the WARC writer process is not running")
        self._pending[exchange.record_id] = done
        self._send(exchange)
        if self._out_bytes > self.max_pending:
            started = time.monotonic()
            self._pump(lambda: self._out_bytes <= self.max_pending // 2)
            self._waited += time.monotonic() - started

    def close(self, timeout: float | None = None) -> None:
        """Send what is left, let the child finish and exit, collect its counts."""
        if self.proc is None:
            return
        self._closing = True
        self._pump(lambda: not self._out or not self._running, timeout)
        if self.reactor is not None and self._channel is not None and self._writing:
            self.reactor.removeWriter(self._channel)
            self._writing = False
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_WR)  # end of input: the child finishes and exits
        self._pump(lambda: self._eof, timeout)
        if self.reactor is not None and self._channel is not None and not self._eof:
            self.reactor.removeReader(self._channel)
        self.proc.wait(timeout)
        self._sock.close()
        self._running = False

    def counts(self) -> Counter[str]:
        counts = Counter(self._counts)
        if self._waited:
            counts["backpressure_seconds"] = round(self._waited, 3)
        return counts

    # -- I/O ------------------------------------------------------------------

    def _send(self, obj: Any) -> None:
        for buffer in frame(obj):
            self._out.append(memoryview(buffer))
            self._out_bytes += len(buffer)
        self._write_ready()

    def _write_ready(self) -> None:
        assert self._channel is not None
        try:
            while self._out:
                written = os.writev(self._channel.fd, self._out[:64])
                self._out_bytes -= written
                while written and written >= len(self._out[0]):
                    written -= len(self._out[0])
                    self._out.pop(0)
                if written:
                    self._out[0] = self._out[0][written:]
        except BlockingIOError:
            pass
        except OSError as exc:  # the child is gone
            self._lost(f"the WARC writer process stopped reading: {exc}")
            return
        if self.reactor is None:
            return
        if self._out and not self._writing:
            self.reactor.addWriter(self._channel)
            self._writing = True
        elif not self._out and self._writing:
            self.reactor.removeWriter(self._channel)
            self._writing = False

    def _read_ready(self) -> None:
        assert self._reader is not None
        try:
            chunk = os.read(self._reader.fd, 1 << 20)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._on_eof()
            return
        self._reader.buffer += chunk
        while self._reader.has_frame():
            self._dispatch(self._reader.read())

    def _pump(self, until: Callable[[], bool], timeout: float | None = None) -> None:
        """Block, serving both directions, until ``until()`` (back-pressure and close)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not until() and not self._eof:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            if wait == 0.0:
                return
            writers = [self._channel.fd] if self._out and self._channel is not None else []
            readable, writable, _ = select.select([self._reader.fd], writers, [], wait)
            if writable:
                self._write_ready()
            if readable:
                self._read_ready()

    # -- answers ----------------------------------------------------------------

    def _dispatch(self, message: Any) -> None:
        kind = message[0]
        if kind == "loc":
            _, record_id, file, offset, record_type, digest = message
            location = WarcLocation(file, offset, record_id, record_type, digest)
            self._finish(record_id, location, None)
        elif kind == "err":
            self._finish(message[1], None, RuntimeError(message[2]))
        elif kind == "log":
            _, level, name, text = message
            logging.getLogger(name).log(level, "%s", text)
        elif kind == "full":
            if self.on_disk_full is not None:
                self.on_disk_full(message[1], message[2])
        elif kind == "ready":
            self._ready = True
        elif kind == "failed":
            self._fail(f"the WARC writer process did not start: {message[1]}")
        elif kind == "counts":
            self._counts.update(message[1])

    def _finish(
        self, record_id: str, location: WarcLocation | None, error: Exception | None
    ) -> None:
        done = self._pending.pop(record_id, None)
        if done is not None:
            done(location, error)

    def _on_eof(self) -> None:
        self._eof = True
        if self.reactor is not None and self._channel is not None:
            self.reactor.removeReader(self._channel)
            if self._writing:
                self.reactor.removeWriter(self._channel)
                self._writing = False
        if not self._ready:
            self._fail("the WARC writer process did not start: it exited")
        elif not self._closing:
            code = self.proc.wait() if self.proc is not None else None
            self._fail(f"the WARC writer process exited unexpectedly (code {code})")
        self._lost("the WARC writer process exited")

    def _lost(self, text: str) -> None:
        self._running = False
        orphans, self._pending = self._pending, {}
        if not orphans:
            return
        code = self.proc.poll() if self.proc is not None else None
        logger.error("%s (code %s) before writing %d exchanges", text, code, len(orphans))
        self._counts["lost_exchanges"] += len(orphans)
        for done in orphans.values():
            if done is not None:
                done(None, RuntimeError(text))

    def _fail(self, text: str) -> None:
        if self.failure is not None:
            return
        self.failure = text
        self._running = False
        if self.on_failure is not None:
            self.on_failure(text)


# -- the child's side -------------------------------------------------------------


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


if __name__ == "__main__":
    sys.exit(child_main())
