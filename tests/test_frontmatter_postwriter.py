"""The post-writing threads write every post and answer for each on the calling thread.

The crawl tests (``test_frontmatter_crawl.py``) run them under the real reactor; here
the test thread stands in for the reactor's thread: ``call_from_thread`` hands it the
answers, and it runs them.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from twisted.python.failure import Failure

from newscrawl.pipelines.postwriter import PostWriterThreads
from newscrawl.posts import MarkdownPostExporter


class CallingThread:
    """Runs what the writer threads hand back, on the test's own thread."""

    def __init__(self) -> None:
        self.calls: queue.SimpleQueue = queue.SimpleQueue()
        self.count = 0

    def call_from_thread(self, fn, *args) -> None:  # type: ignore[no-untyped-def]
        self.calls.put((fn, args))

    def run_until(self, done, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
        while not done():
            fn, args = self.calls.get(timeout=timeout)
            self.count += 1
            fn(*args)


def test_every_post_is_written_and_answered_on_the_calling_thread(tmp_path: Path) -> None:
    exporter = MarkdownPostExporter(tmp_path)
    exporter.open()
    caller = CallingThread()
    writer = PostWriterThreads(exporter.write, caller.call_from_thread, threads=3)
    answered: list[tuple[str, object, threading.Thread]] = []
    names = [f"2026-12-03-post-{n}.md" for n in range(200)]
    for name in names:
        writer.submit(name, f"---\ntitle: {name}\n---\n").addBoth(
            lambda result, name=name: answered.append((name, result, threading.current_thread()))
        )
    caller.run_until(lambda: len(answered) == len(names))
    assert sorted(a[0] for a in answered) == sorted(names)
    assert all(result is None for _, result, _ in answered)
    assert {a[2] for a in answered} == {threading.current_thread()}
    for name in names:
        assert (tmp_path / name).read_text(encoding="utf-8") == f"---\ntitle: {name}\n---\n"
    assert caller.count <= len(names)  # answers come in batches when posts wait
    writer.stop(timeout=30)
    assert not [t for t in threading.enumerate() if t.name.startswith("newscrawl-posts-")]


def test_a_post_that_cannot_be_written_fails_alone(tmp_path: Path) -> None:
    exporter = MarkdownPostExporter(tmp_path)
    exporter.open()
    caller = CallingThread()
    writer = PostWriterThreads(exporter.write, caller.call_from_thread, threads=2)
    results: dict[str, object] = {}
    for name in ("2026-12-03-good.md", "../2026-12-03-escape.md", "2026-12-03-fine.md"):
        writer.submit(name, "---\n---\n").addBoth(
            lambda result, name=name: results.__setitem__(name, result)
        )
    caller.run_until(lambda: len(results) == 3)
    writer.stop(timeout=30)
    failure = results["../2026-12-03-escape.md"]
    assert isinstance(failure, Failure) and failure.check(ValueError)
    assert results["2026-12-03-good.md"] is None and results["2026-12-03-fine.md"] is None
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2026-12-03-fine.md",
        "2026-12-03-good.md",
    ]


def test_stop_without_a_post_starts_no_thread(tmp_path: Path) -> None:
    writer = PostWriterThreads(lambda name, text: None, CallingThread().call_from_thread)
    writer.stop(timeout=30)
    assert not [t for t in threading.enumerate() if t.name.startswith("newscrawl-posts-")]
