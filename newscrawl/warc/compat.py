"""Let warcio decode ``Content-Encoding: br`` with the ``brotli`` package Scrapy installs.

warcio 1.8 sets an attribute on ``brotli.Decompressor()``, which works with the
old ``brotlipy`` but raises ``AttributeError`` with Google's ``brotli`` (the one
Scrapy requires), so ``content_stream()`` and ``warcio check`` fail on any
brotli-encoded response. :func:`register_brotli` puts a small adapter in
warcio's decompressor table instead; readers then decode ``br`` like ``gzip``.
"""

from __future__ import annotations

from warcio.bufferedreaders import BufferedReader


class BrotliDecompressor:
    """The interface warcio's ``BufferedReader`` expects, over ``brotli.Decompressor``."""

    unused_data = b""

    def __init__(self) -> None:
        import brotli

        self._decompressor = brotli.Decompressor()

    def decompress(self, data: bytes) -> bytes:
        return self._decompressor.process(data)

    def flush(self) -> bytes:
        return b""


def register_brotli() -> bool:
    """Install the adapter unless warcio's own brotli support works; True if installed."""
    try:
        import brotli
    except ImportError:
        return False
    try:
        brotli.Decompressor().unused_data = None
    except AttributeError:
        BufferedReader.DECOMPRESSORS["br"] = BrotliDecompressor
        return True
    return False
