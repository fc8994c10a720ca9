"""``PagePool``: worker processes for page jobs, each page with its own time limit.

Built on pebble's ``ProcessPool``: a page that runs past ``timeout`` has its worker
killed and replaced, a worker that dies costs only the page it was on; both come back
as :class:`PageFailed`. Results are handed to the Twisted reactor as Deferreds.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from pebble import ProcessExpired, ProcessPool
from twisted.internet import reactor
from twisted.internet.defer import Deferred
from twisted.internet.threads import deferToThread

from .job import init_worker


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
    ) -> None:
        self.function = function
        self.workers = workers
        self.timeout = timeout if timeout and timeout > 0 else None
        self._pool = ProcessPool(
            max_workers=workers,
            initializer=init_worker,
            initargs=(log_level,),
            context=_context(),
        )

    def submit(self, job: dict[str, Any]) -> Deferred[dict[str, Any]]:
        """Fires with the job's result, or fails with :class:`PageFailed`."""
        deferred: Deferred[dict[str, Any]] = Deferred()
        future = self._pool.schedule(self.function, args=(job,), timeout=self.timeout)

        def done(fut: Future) -> None:
            reactor.callFromThread(_fire, deferred, fut, self.timeout)

        future.add_done_callback(done)
        return deferred

    def close(self) -> Deferred[None]:
        """Let submitted jobs finish, then stop the workers (waits in a thread)."""
        self._pool.close()
        return deferToThread(self._pool.join)

    def stop(self) -> None:
        """Stop at once, abandoning jobs in progress."""
        self._pool.stop()
        self._pool.join()


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
