"""Read WARC files back for assertions, and check them with ``warcio check``."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from warcio.archiveiterator import ArchiveIterator

from newscrawl.demo.server import DemoServer
from newscrawl.warc.compat import register_brotli

register_brotli()


@dataclass
class Rec:
    """One WARC record: its file, offset, WARC headers, and block split into head and payload."""

    file: Path
    offset: int
    rec_type: str
    headers: dict[str, str]
    head: bytes  # HTTP head as stored (status/request line + headers + CRLF CRLF)
    payload: bytes  # what follows the HTTP head (the body as stored)
    block: bytes

    @property
    def uri(self) -> str:
        return self.headers.get("WARC-Target-URI", "")

    @property
    def record_id(self) -> str:
        return self.headers["WARC-Record-ID"]

    @property
    def first_line(self) -> bytes:
        return self.head.split(b"\r\n", 1)[0]

    def header_lines(self) -> list[bytes]:
        return self.head.rstrip(b"\r\n").split(b"\r\n")[1:]

    def http_header(self, name: str) -> list[bytes]:
        """Values of an HTTP header, exactly as stored, in order."""
        prefix = name.lower().encode() + b":"
        return [
            line.split(b":", 1)[1].strip()
            for line in self.header_lines()
            if line.lower().startswith(prefix)
        ]


def warc_files(directory: Path) -> list[Path]:
    return sorted(Path(directory).glob("*.warc.gz")) + sorted(Path(directory).glob("*.warc"))


def read_records(path: Path) -> list[Rec]:
    """Every record of one file, read with warcio's ArchiveIterator (block left unparsed)."""
    records = []
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh, no_record_parse=True)
        for record in it:
            block = record.raw_stream.read()
            offset = it.get_record_offset()
            headers = dict(record.rec_headers.headers)
            if record.rec_type in ("request", "response", "revisit"):
                head, sep, payload = block.partition(b"\r\n\r\n")
                head += sep
            else:
                head, payload = b"", block
            records.append(Rec(path, offset, record.rec_type, headers, head, payload, block))
    return records


def read_dir(directory: Path) -> list[Rec]:
    return [rec for path in warc_files(directory) for rec in read_records(path)]


def read_at(path: Path, offset: int) -> Rec:
    """The record that starts at ``offset`` (as a replay tool would read it)."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        record = next(iter(ArchiveIterator(fh, no_record_parse=True)))
        block = record.raw_stream.read()
        head, sep, payload = block.partition(b"\r\n\r\n")
        return Rec(
            path,
            offset,
            record.rec_type,
            dict(record.rec_headers.headers),
            head + sep,
            payload,
            block,
        )


def warcio_check(paths: list[Path]) -> subprocess.CompletedProcess:
    """Run warcio's ``check`` command (``-v``) on ``paths`` in a fresh process.

    Through ``python -m newscrawl.warc.check``: warcio's own CLI crashes on
    brotli-encoded responses when Google's brotli is installed (see
    ``newscrawl/warc/compat.py``).
    """
    return subprocess.run(
        [sys.executable, "-m", "newscrawl.warc.check", "-v", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_warcio_check(directory: Path) -> None:
    files = warc_files(directory)
    assert files, f"no WARC files in {directory}"
    result = warcio_check(files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "digest pass" in result.stdout


def rss(server: DemoServer, links: list[str], title: str = "Fixture feed") -> bytes:
    """A small RSS 2.0 feed whose entries link to ``links`` (absolute or server paths)."""
    urls = [server.url(link) if link.startswith("/") else link for link in links]
    items = "".join(
        f"<item><title>Entry {n}</title><link>{escape(url)}</link>"
        f"<guid isPermaLink='false'>entry-{n}</guid></item>"
        for n, url in enumerate(urls)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{title}</title><link>{server.base}/</link><description>d</description>"
        f"{items}</channel></rss>"
    ).encode()
