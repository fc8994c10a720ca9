"""The WARC writer in a process of its own, fed through a pipe.

Digests, gzip, dedup lookups, file I/O and CDXJ indexing cost CPU; in a
thread of the crawl process they also compete with the reactor for the GIL
(measured: about +0.4 ms of reactor CPU per page on top of the writer's own
work). In a child process they cost the reactor nothing but a pickle and a
pipe write, and those happen on a sender thread that spends its time in
system calls.

Wire format, both ways: 4-byte big-endian length, then a pickle.

- parent -> child: ``("options", dict)`` once, then one
  :class:`~newscrawl.warc.exchange.Exchange` per message; closing the pipe
  means "write what you have, close the files, exit".
- child -> parent: ``("ready",)`` or ``("failed", text)``, then
  ``("loc", record_id, file, offset, record_type)`` or
  ``("err", record_id, text)`` per exchange, ``("log", level, logger, text)``,
  and ``("counts", dict)`` last.

The child ignores SIGINT and SIGTERM: a Ctrl-C or a service stop reaches the
whole process group, and the child must keep writing until the crawl process
closes the pipe (also when that process is killed: end of input is a clean stop).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import select
import signal
import struct
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import newscrawl
from newscrawl.warc.config import WarcConfig
from newscrawl.warc.dedup import DedupIndex
from newscrawl.warc.exchange import Exchange
from newscrawl.warc.files import WarcFileManager
from newscrawl.warc.index import write_cdxj
from newscrawl.warc.writer import RotatingWarcWriter, WarcLocation

logger = logging.getLogger(__name__)

_HEADER = struct.Struct(">I")
EOF = object()
TIMEOUT = object()

Done = Callable[[WarcLocation | None, BaseException | None], None]


def frame(obj: Any) -> list[bytes]:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return [_HEADER.pack(len(data)), data]


def write_all(fd: int, buffers: list[bytes]) -> None:
    """``writev`` until every byte is out (pipes take partial writes)."""
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
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                return EOF
            self.buffer += chunk


# -- the parent's side ------------------------------------------------------------

_STOP = object()


class WarcWriterProcess:
    """Starts the writer process and talks to it; ``submit`` is all the reactor does.

    ``submit`` puts the exchange on a bounded queue (it blocks when the writer
    is ``queue_size`` exchanges behind, which paces the crawl to the disk);
    a sender thread pickles and writes to the pipe; a receiver thread reads
    the results and calls each exchange's ``done(location, error)``.
    """

    def __init__(
        self,
        options: dict[str, Any],
        queue_size: int = 256,
        on_failure: Callable[[str], None] | None = None,
    ) -> None:
        self.options = options
        self.on_failure = on_failure
        self.failure: str | None = None
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=queue_size)
        self._pending: dict[str, Done | None] = {}
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._running = False
        self._ready = threading.Event()
        self.proc: subprocess.Popen | None = None
        self._sender: threading.Thread | None = None
        self._receiver: threading.Thread | None = None

    def start(self) -> None:
        """Spawn the child and return at once; it reports ready (or why not) on its own.

        Exchanges submitted meanwhile wait in the queue and the pipe.
        """
        package_root = str(Path(newscrawl.__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newscrawl.warc.writerproc"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            env=env,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._queue.put(("options", self.options))
        reader = FrameReader(self.proc.stdout.fileno())
        self._running = True
        self._sender = threading.Thread(target=self._send, name="newscrawl-warc-send", daemon=True)
        self._receiver = threading.Thread(
            target=self._receive, args=(reader,), name="newscrawl-warc-receive", daemon=True
        )
        self._sender.start()
        self._receiver.start()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """True once the child has opened its writer; False if it failed or timed out."""
        self._ready.wait(timeout)
        return self._ready.is_set() and self.failure is None

    @property
    def alive(self) -> bool:
        # a flag, not proc.poll(): this is asked for every response, and
        # waitpid() costs a system call each time
        return self._running

    def submit(self, exchange: Exchange, done: Done | None = None) -> None:
        if not self._running:
            raise RuntimeError("the WARC writer process is not running")
        with self._lock:
            self._pending[exchange.record_id] = done
        self._queue.put(exchange)

    def close(self, timeout: float | None = None) -> None:
        """Send what is queued, let the child finish and exit, collect its counts."""
        if self._sender is not None and self._sender.is_alive():
            self._queue.put(_STOP)
            self._sender.join(timeout)
        if self._receiver is not None:
            self._receiver.join(timeout)
        if self.proc is not None:
            self.proc.wait(timeout)

    def counts(self) -> Counter[str]:
        with self._lock:
            return Counter(self._counts)

    def _send(self) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        fd = self.proc.stdin.fileno()
        try:
            while True:
                item = self._queue.get()
                if item is _STOP:
                    break
                buffers = frame(item)
                while len(buffers) < 64:  # batch what is already waiting
                    try:
                        item = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if item is _STOP:
                        write_all(fd, buffers)
                        return
                    buffers += frame(item)
                write_all(fd, buffers)
        except OSError as exc:
            self._running = False
            logger.error("The WARC writer process stopped reading: %s", exc)
        finally:
            self.proc.stdin.close()  # end of input: the child finishes and exits

    def _receive(self, reader: FrameReader) -> None:
        while True:
            message = reader.read()
            if message is EOF:
                break
            kind = message[0]
            if kind == "ready":
                self._ready.set()
            elif kind == "failed":
                self._fail(f"the WARC writer process did not start: {message[1]}")
            elif kind == "loc":
                _, record_id, file, offset, record_type = message
                self._finish(record_id, WarcLocation(file, offset, record_id, record_type), None)
            elif kind == "err":
                self._finish(message[1], None, RuntimeError(message[2]))
            elif kind == "log":
                _, level, name, text = message
                logging.getLogger(name).log(level, "%s", text)
            elif kind == "counts":
                with self._lock:
                    self._counts.update(message[1])
        self._running = False
        if not self._ready.is_set():
            self._fail("the WARC writer process did not start: it exited")
        with self._lock:
            orphans, self._pending = self._pending, {}
        if orphans:
            code = self.proc.wait() if self.proc is not None else None
            logger.error(
                "The WARC writer process exited (code %s) before writing %d exchanges",
                code,
                len(orphans),
            )
            with self._lock:
                self._counts["lost_exchanges"] += len(orphans)
            for done in orphans.values():
                if done is not None:
                    done(None, RuntimeError("the WARC writer process exited"))

    def _fail(self, text: str) -> None:
        if self.failure is not None:
            return
        self.failure = text
        self._running = False
        self._ready.set()
        if self.on_failure is not None:
            self.on_failure(text)

    def _finish(
        self, record_id: str, location: WarcLocation | None, error: Exception | None
    ) -> None:
        with self._lock:
            done = self._pending.pop(record_id, None)
        if done is not None:
            done(location, error)


# -- the child's side -------------------------------------------------------------


class _Out:
    """The child's channel to the parent, shared by the writer loop, indexer and logging."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.lock = threading.Lock()
        self.buffers: list[bytes] = []

    def send(self, obj: Any, flush: bool = False) -> None:
        with self.lock:
            self.buffers += frame(obj)
            if flush or len(self.buffers) >= 128:
                self._flush()

    def flush(self) -> None:
        with self.lock:
            self._flush()

    def _flush(self) -> None:
        if self.buffers:
            buffers, self.buffers = self.buffers, []
            write_all(self.fd, buffers)


class _ParentLogHandler(logging.Handler):
    def __init__(self, out: _Out) -> None:
        super().__init__()
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):  # the parent is gone: nothing to tell
            self.out.send(("log", record.levelno, record.name, record.getMessage()), flush=True)


def child_main() -> int:
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

    def index(path: str) -> None:
        try:
            write_cdxj(path)
        except Exception as exc:
            logger.error("Could not write the CDXJ index of %s: %s", path, exc)
            key = "cdxj_errors"
        else:
            key = "cdxj_files"
        with counts_lock:
            counts[key] += 1

    try:
        config = WarcConfig(**options["config"])
        on_closed = (lambda path: indexer.submit(index, path)) if config.cdxj else None
        files = WarcFileManager(
            config.directory, config.prefix, gzip=config.gzip, fsync=config.fsync,
            on_closed=on_closed,
        )  # fmt: skip
        writer = RotatingWarcWriter(
            files,
            options["warcinfo"],
            digest=config.digest,
            gzip=config.gzip,
            gzip_level=config.gzip_level,
            max_size=config.max_size,
            max_age=config.max_age,
            dedup=DedupIndex(config.dedup_path) if config.dedup else None,
        )
    except Exception as exc:
        out.send(("failed", f"{type(exc).__name__}: {exc}"), flush=True)
        return 1
    for path in options.get("index", []):
        if on_closed is not None:
            on_closed(path)
    out.send(("ready",), flush=True)

    try:
        while True:
            if not reader.has_frame():
                out.flush()  # about to wait: let the parent see what is done
            message = reader.read(timeout=1.0)
            if message is TIMEOUT:
                _guard(writer.rotate_if_old, counts)
                continue
            if message is EOF:
                break
            exchange: Exchange = message
            try:
                location = writer.write(exchange)
            except Exception as exc:
                counts["write_errors"] += 1
                logger.error("Could not write WARC records for %s: %s", exchange.url, exc)
                _guard(writer.close_current, counts)  # the next record starts a fresh file
                out.send(("err", exchange.record_id, str(exc)))
            else:
                out.send(
                    ("loc", exchange.record_id, location.file, location.offset,
                     location.record_type)
                )  # fmt: skip
    finally:
        _guard(writer.close, counts)
        indexer.shutdown(wait=True)
        with counts_lock:
            counts.update(writer.counts)
        out.send(("counts", dict(counts)), flush=True)
    return 0


def _guard(func: Callable[[], None], counts: Counter[str]) -> None:
    try:
        func()
    except Exception as exc:
        counts["write_errors"] += 1
        logger.error("WARC writer error in %s: %s", func.__name__, exc)


if __name__ == "__main__":
    sys.exit(child_main())
