"""``python -m newscrawl.warc.check FILE...``: warcio's ``check`` command, brotli-safe.

Runs warcio's own checker (digests of every record, full read of every
payload) after :func:`~newscrawl.warc.compat.register_brotli`, so that
brotli-encoded responses are checked instead of crashing the reader.
"""

from __future__ import annotations

import sys

from warcio.cli import main as warcio_main

from newscrawl.warc.compat import register_brotli


def main(argv: list[str] | None = None) -> None:
    register_brotli()
    warcio_main(["check", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
