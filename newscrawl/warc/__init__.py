"""WARC capture: every HTTP exchange of a crawl, as received, in rotating WARC files.

Modules, one idea each:

- ``config``: the ``NEWSCRAWL_WARC_*`` settings read into one dataclass.
- ``handler``: an HTTP/1.1 download handler that keeps the raw status line,
  header lines and request head that crossed the wire.
- ``exchange``: the captured exchange and how it becomes warcio records.
- ``middleware``: ``WarcCaptureMiddleware``, which hands each exchange to the writer.
- ``files``: ``WarcFileManager``, which names, opens, renames and indexes files.
- ``writer``: the rotating writer (warcinfo first, rotation, revisits).
- ``writerproc``: the child process the writer runs in, and the socket to it (a package:
  wire format, the crawl's handle, the child's loop).
- ``dedup``: the on-disk index of payload digests behind revisit records.
- ``recovery``: repairs ``.open`` files left by a crashed run.
- ``index``: CDXJ for each closed file.
- ``extension``: ``WarcExtension``, which opens and closes all of the above with the spider.
- ``spidermiddleware``: ``WarcItemMiddleware``, which stamps items with their record ID.
- ``pipeline``: ``WarcLocationPipeline``, which adds the record's file name and offset.
- ``addon``: ``WarcAddon``, which wires all of it when ``NEWSCRAWL_WARC_ENABLED`` is on.
- ``compat`` / ``check``: brotli-safe reading with warcio; ``python -m newscrawl.warc.check``.
"""

from newscrawl.warc.compat import register_brotli

# warcio cannot decode brotli bodies with the brotli package Scrapy requires;
# fix that for every reader in this process (see compat.py).
register_brotli()
