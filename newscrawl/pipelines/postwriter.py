"""``PostWriterThreads``: write posts off the reactor thread, a few threads, answers in batches.

Each post is written and fsync'ed before its item goes on; an fsync waits on the disk for
milliseconds, so it cannot happen on the reactor thread. Twisted's ``deferToThread``
did it, but its thread pool's bookkeeping (a coordinator, a context per call, one
wake-up of the reactor per post) cost the reactor thread about as much as building the
post's record. Here a post is one put on a queue; a thread takes every post waiting,
writes them in turn and answers for all of them with one call into the reactor. A
few threads write at once, so the disk can commit their fsyncs together.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

__all__ = ["PostWriterThreads"]

_STOP = None
# posts a thread writes before it answers: bounds how long a written post's item waits
_BATCH = 16


class PostWriterThreads:
    """Call ``write(name, text)`` in one of ``threads`` threads; a Deferred fires on the reactor.

    ``call_from_thread`` is the reactor's ``callFromThread``. The threads start with
    the first post and end at :meth:`stop`, once every post put before it is written.
    """

    def __init__(
        self,
        write: Callable[[str, str], Any],
        call_from_thread: Callable[..., Any],
        threads: int = 4,
    ) -> None:
        self._write = write
        self._call_from_thread = call_from_thread
        self._count = max(1, threads)
        self._jobs: queue.SimpleQueue[tuple[str, str, Deferred] | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []

    def submit(self, name: str, text: str) -> Deferred:
        """Write the post ``name``; the Deferred fires (on the reactor) once it is on disk."""
        if not self._threads:
            self._start()
        done: Deferred = Deferred()
        self._jobs.put((name, text, done))
        return done

    def _start(self) -> None:
        for n in range(self._count):
            thread = threading.Thread(target=self._run, name=f"newscrawl-posts-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def _run(self) -> None:
        while True:
            batch = [self._jobs.get()]
            while batch[-1] is not _STOP and len(batch) < _BATCH:
                try:  # each thread takes one stop, so every thread gets one
                    batch.append(self._jobs.get_nowait())
                except queue.Empty:
                    break
            answers: list[tuple[Deferred, Failure | None]] = []
            stop = False
            for job in batch:
                if job is _STOP:
                    stop = True
                    continue
                name, text, done = job
                try:
                    self._write(name, text)
                except BaseException:
                    answers.append((done, Failure()))
                else:
                    answers.append((done, None))
            if answers:
                self._call_from_thread(_answer, answers)
            if stop:
                return

    def stop(self, timeout: float | None = None) -> None:
        """Let the threads write what they were given, then end them."""
        threads, self._threads = self._threads, []
        for _ in threads:
            self._jobs.put(_STOP)
        for thread in threads:
            thread.join(timeout)


def _answer(answers: list[tuple[Deferred, Failure | None]]) -> None:
    for done, failure in answers:
        if failure is None:
            done.callback(None)
        else:
            done.errback(failure)
