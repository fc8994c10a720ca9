"""Import Scrapy's HTTP/1.1 download handler without reading the source of every caller.

Importing ``scrapy.core.downloader.handlers.http11`` defines three deprecated aliases
(``ScrapyClientContextFactory`` and two more) with ``create_deprecated_class``, which
calls ``inspect.stack()`` only to learn its caller's module name. ``inspect.stack()``
reads the source lines of every frame on the stack and, for each frozen importlib frame,
walks all of ``sys.modules``: 0.15-0.7 s of a crawl's start-up, depending on how deep
the import happens (most of the time before the first log line).

:func:`cheap_caller_lookup` lets that code find its caller from the frame itself while
the handler is imported; the aliases get the same ``__module__`` as before. Without the
hook Scrapy relies on (another Scrapy version) the import simply runs as it would.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class _CallerOnly:
    """Stands in for :mod:`inspect` inside ``scrapy.utils.deprecate``."""

    def __init__(self, real: types.ModuleType) -> None:
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def stack(self, context: int = 1) -> list[tuple[types.FrameType | None]]:
        # [the caller of stack(), its caller]: all create_deprecated_class reads
        frame = sys._getframe(1)
        return [(frame,), (frame.f_back,)]

    def getmodule(self, obj: Any, _filename: str | None = None) -> types.ModuleType | None:
        if isinstance(obj, types.FrameType):
            return sys.modules.get(obj.f_globals.get("__name__", ""))
        return self._real.getmodule(obj, _filename)


@contextmanager
def cheap_caller_lookup() -> Iterator[None]:
    """While in the block, Scrapy's deprecated-class helper skips ``inspect.stack()``."""
    try:
        from scrapy.utils import deprecate
    except ImportError:  # pragma: no cover - every supported Scrapy has it
        yield
        return
    real = getattr(deprecate, "inspect", None)
    if not isinstance(real, types.ModuleType):
        yield
        return
    deprecate.inspect = _CallerOnly(real)  # type: ignore[assignment]
    try:
        yield
    finally:
        deprecate.inspect = real


def import_http11_handler() -> None:
    """Import Scrapy's HTTP/1.1 handler module (a no-op once it is imported)."""
    if "scrapy.core.downloader.handlers.http11" in sys.modules:
        return
    with cheap_caller_lookup():
        import scrapy.core.downloader.handlers.http11  # noqa: F401
