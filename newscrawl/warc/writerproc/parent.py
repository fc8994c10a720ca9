"""The crawl's side of the writer process: starts it and talks to it from the reactor."""

from __future__ import annotations

import contextlib
import logging
import os
import select
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import newscrawl
from newscrawl.warc.exchange import Exchange
from newscrawl.warc.writer import WarcLocation
from newscrawl.warc.writerproc.frames import FrameReader, frame

logger = logging.getLogger(__name__)

Done = Callable[[WarcLocation | None, BaseException | None], None]


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
