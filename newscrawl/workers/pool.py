"""``PagePool``: worker processes for page jobs, each page with its own time limit.

Built on pebble's ``ProcessPool``: a page that runs past ``timeout`` has its worker
killed and replaced, a worker that dies costs only the page it was on; both come back
as :class:`PageFailed`. Results are handed to the Twisted reactor as Deferreds.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any

from pebble import ProcessExpired, ProcessPool

from .job import init_worker
from .launcher import skip_launcher_main

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from twisted.internet.defer import Deferred

# Twisted is imported where used: a worker imports this module for _start_worker, and
# needs no reactor

# A page's answer (body, clean HTML and Markdown: about 100 KB for a 45 KB page) is more
# than a pipe holds by default (64 KB). pebble's workers share one pipe for answers: a
# worker whose answer does not fit waits, holding the pipe's lock (the other worker waits
# behind it), until the crawl's reader thread has drained it, which takes the GIL once per
# pipe-full. Pipes this size take several answers at once.
PIPE_BYTES = 1 << 20


class PageFailed(Exception):
    """A page job did not finish: ``reason`` is "timeout", "crashed" or "failed"."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _context() -> Any:
    # spawn: a worker starts clean, not as a fork of the running reactor and its threads,
    # and needs no fork server (which a signal to the process group would stop); and
    # does not run the `scrapy` console script again as its main module (see launcher)
    skip_launcher_main()
    return multiprocessing.get_context("spawn")


class PagePool:
    """Run ``function(job)`` on ``workers`` processes; ``submit`` returns a Deferred."""

    def __init__(
        self,
        function: Callable[[dict[str, Any]], dict[str, Any]],
        workers: int,
        timeout: float | None,
        log_level: int = logging.INFO,
        preload: tuple[str, ...] = (),
    ) -> None:
        self.function = function
        self.workers = workers
        self.timeout = timeout if timeout and timeout > 0 else None
        self.submitted = 0  # page jobs
        # each worker sends one byte here once it has unpickled its start-up state: see close
        self._started, started = _context().Pipe(duplex=False)
        self._starts_seen = 0
        self._starts_due = 0  # worker processes spawned so far (pebble spawns them all at once)
        self._pipes_widened = False
        self._pool = ProcessPool(
            max_workers=workers,
            initializer=_start_worker,
            initargs=(log_level, tuple(preload), started),
            context=_context(),
        )

    def _spawning(self) -> None:
        if not self._starts_due:
            self._starts_due = self.workers

    def start(self) -> None:
        """Start the worker processes now, not with the first page (a no-op job starts them)."""
        self._spawning()
        self._pool.schedule(_ready)
        self._widen_pipes()

    def _widen_pipes(self) -> None:
        """Make the pipes to and from the workers (made when the pool starts) ``PIPE_BYTES``."""
        if self._pipes_widened:
            return
        self._pipes_widened = True
        # pebble's own attributes: another pebble keeps its pipes as they are
        manager = getattr(getattr(self._pool, "_pool_manager", None), "worker_manager", None)
        channel = getattr(manager, "pool_channel", None)
        for end in (getattr(channel, "reader", None), getattr(channel, "writer", None)):
            if end is not None:
                widen_pipe(end.fileno(), PIPE_BYTES)

    def submit(self, job: dict[str, Any]) -> Deferred[dict[str, Any]]:
        """Fires with the job's result, or fails with :class:`PageFailed`."""
        from twisted.internet import reactor
        from twisted.internet.defer import Deferred

        deferred: Deferred[dict[str, Any]] = Deferred()
        self.submitted += 1
        self._spawning()
        future = self._pool.schedule(self.function, args=(job,), timeout=self.timeout)
        self._widen_pipes()

        def done(fut: Future) -> None:
            if not fut.cancelled() and isinstance(fut.exception(), FutureTimeout | ProcessExpired):
                self._starts_due += 1  # pebble replaces the worker it killed or lost
            reactor.callFromThread(_fire, deferred, fut, self.timeout)

        future.add_done_callback(done)
        return deferred

    def close(self) -> Deferred[None]:
        """Let submitted jobs finish, then stop the workers (waits in a thread)."""
        from twisted.internet.threads import deferToThread

        self._pool.close()
        return deferToThread(self._join)

    def stop(self) -> None:
        """Stop at once, abandoning jobs in progress."""
        self._pool.stop()
        self._join()

    def _join(self) -> None:
        # pebble unlinks its channel's semaphores before it stops the workers: a worker
        # still being spawned then fails to unpickle them and prints a traceback. So wait
        # until every worker spawned has started (bounded: a worker that dies while
        # starting is replaced, but never reports for the dead one)
        deadline = time.monotonic() + _START_WAIT
        while self._starts_seen < self._starts_due:
            left = deadline - time.monotonic()
            if left <= 0 or not self._started.poll(left):
                break
            self._started.recv_bytes()
            self._starts_seen += 1
        self._pool.join()
        self._started.close()


def widen_pipe(fd: int, size: int) -> int:
    """Ask the kernel for a pipe buffer of ``size`` bytes (at most the system's limit) for
    the pipe ``fd`` is an end of; the buffer's size, or 0 where pipes cannot be resized."""
    try:
        import fcntl

        with open("/proc/sys/fs/pipe-max-size") as fh:
            size = min(size, int(fh.read()))
        return fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, size)
    except (ImportError, AttributeError, OSError, ValueError):  # not Linux, or over a limit
        return 0


_START_WAIT = 30.0  # seconds close waits for workers still starting


def _start_worker(log_level: int, preload: tuple[str, ...], started: Connection) -> None:
    """Set up a worker, then import what its jobs need before the first page arrives."""
    started.send_bytes(b"1")  # one byte: a single write, whole even with workers in parallel
    started.close()
    init_worker(log_level)
    for name in preload:
        # a module that fails here fails again in the page job, which reports it page by page
        with contextlib.suppress(Exception):
            importlib.import_module(name)


def _ready() -> None:
    """The job that starts the workers."""


def _fire(deferred: Deferred, future: Future, timeout: float | None) -> None:
    try:
        result = future.result()
    except FutureTimeout:
        deferred.errback(PageFailed("timeout", f"no result after {timeout:g} s"))
    except ProcessExpired as exc:
        deferred.errback(PageFailed("crashed", f"worker exited with code {exc.exitcode}"))
    except CancelledError:
        deferred.errback(PageFailed("failed", "cancelled"))
    except Exception as exc:  # the job raised: its traceback stays in the worker
        deferred.errback(PageFailed("failed", f"{type(exc).__name__}: {exc}"))
    else:
        deferred.callback(result)
