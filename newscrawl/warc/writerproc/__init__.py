"""The WARC writer in a process of its own, fed through a Unix socket.

Digests, gzip, dedup lookups, file I/O and CDXJ indexing cost CPU; in a
thread of the crawl process they also compete with the reactor for the GIL
(measured on the bench: about +0.4 ms of reactor CPU per page on top of the
writer's own work). In a child process they cost the reactor a pickle and a
non-blocking socket write per exchange.

Modules, one idea each:

- ``frames``: the wire format both ways (length-prefixed pickles) and its messages.
- ``parent``: ``WarcWriterProcess``, the crawl's handle: starts the child, sends
  exchanges from the reactor thread, reads the answers.
- ``child``: ``child_main``, the child's loop: writes, answers, indexes and hands over
  closed files, sends its logging to the parent.
- ``__main__``: ``python -m newscrawl.warc.writerproc``, how the crawl starts the child.

The child imports what it needs at start-up only (no Scrapy, no redis unless used):
keep it so when adding imports to these modules. The crawl does not import ``child``: only
``__main__`` does, in the child.
"""

from newscrawl.warc.writerproc.frames import (
    DISK_FULL_TEXT,
    EOF,
    TIMEOUT,
    FrameReader,
    frame,
    write_all,
)
from newscrawl.warc.writerproc.parent import Done, WarcWriterProcess

__all__ = [
    "DISK_FULL_TEXT",
    "EOF",
    "TIMEOUT",
    "Done",
    "FrameReader",
    "WarcWriterProcess",
    "frame",
    "write_all",
]
