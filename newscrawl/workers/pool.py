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
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any

from pebble import ProcessExpired, ProcessPool

from .job import init_worker

if TYPE_CHECKING:
    from twisted.internet.defer import Deferred

# Twisted is imported where used: a worker imports this module for _start_worker, and
# needs no reactor


class PageFailed(Exception):
    """A page job did not finish: ``reason`` is "timeout", "crashed" or "failed"."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _context() -> Any:
    # spawn: a worker starts clean, not as a fork of the running reactor and its threads,
    # and needs no fork server (which a signal to the process group would stop)
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
        self._pool = ProcessPool(
            max_workers=workers,
            initializer=_start_worker,
            initargs=(log_level, tuple(preload)),
            context=_context(),
        )

    def start(self) -> None:
        """Start the worker processes now, not with the first page (a no-op job starts them)."""
        self._pool.schedule(_ready)

    def submit(self, job: dict[str, Any]) -> Deferred[dict[str, Any]]:
        """Fires with the job's result, or fails with :class:`PageFailed`."""
        from twisted.internet import reactor
        from twisted.internet.defer import Deferred

        deferred: Deferred[dict[str, Any]] = Deferred()
        self.submitted += 1
        future = self._pool.schedule(self.function, args=(job,), timeout=self.timeout)

        def done(fut: Future) -> None:
            reactor.callFromThread(_fire, deferred, fut, self.timeout)

        future.add_done_callback(done)
        return deferred

    def close(self) -> Deferred[None]:
        """Let submitted jobs finish, then stop the workers (waits in a thread).

        A pool that never got a page waits too: stopped while still starting, a spawned
        worker prints a traceback of the pipe its parent closed.
        """
        from twisted.internet.threads import deferToThread

        self._pool.close()
        return deferToThread(self._pool.join)

    def stop(self) -> None:
        """Stop at once, abandoning jobs in progress."""
        self._pool.stop()
        self._pool.join()


def _start_worker(log_level: int, preload: tuple[str, ...]) -> None:
    """Set up a worker, then import what its jobs need before the first page arrives."""
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
