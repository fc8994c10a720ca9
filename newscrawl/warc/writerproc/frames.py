"""The wire format between the crawl process and the writer process.

Both ways over one socket (the child's stdin and stdout): a 4-byte big-endian
length, then a pickle.

- parent -> child: ``("options", dict)`` once, then one
  :class:`~newscrawl.warc.exchange.Exchange` per message; end of input means
  "write what you have, close the files, exit".
- child -> parent: ``("ready",)`` or ``("failed", text)``, then
  ``("loc", record_id, file, offset, record_type, payload_digest)`` or
  ``("err", record_id, text)`` per exchange, ``("log", level, logger, text)``,
  ``("full", what, text)`` when a write finds the output disk full,
  and ``("counts", dict)`` last.
"""

from __future__ import annotations

import os
import pickle
import select
import struct
from typing import Any

#: The ``err`` text of an exchange not written because the output disk is full.
DISK_FULL_TEXT = "output disk full"

_HEADER = struct.Struct(">I")
EOF = object()
TIMEOUT = object()


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
