"""Read one record by offset with warcio: HTTP status, headers and the body as stored.

The body keeps its ``Content-Encoding`` (gzip, br...) so that Scrapy's
``HttpCompressionMiddleware`` decodes it exactly as in a live crawl; only a
stored ``Transfer-Encoding: chunked`` (wget and others keep it) is undone,
because Scrapy's HTTP client undoes it before any middleware sees a body.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime, timezone

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.timeutils import iso_date_to_datetime

from newscrawl.replay.sources import ArchiveSource

HTTP_RECORD_TYPES = ("response", "revisit")
PLAYABLE_TYPES = ("response", "revisit", "resource")


class RecordError(Exception):
    """The record at an indexed offset could not be read (damaged or not a capture)."""


@dataclass
class StoredRecord:
    """What one capture record holds."""

    rec_type: str
    record_id: str
    date: datetime
    url: str
    status: int | None  # None: a revisit without an HTTP head
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytes = b""
    ip_address: str | None = None
    refers_to_url: str | None = None
    refers_to_date: datetime | None = None


def _header_pairs(status_headers) -> list[tuple[bytes, bytes]]:
    return [
        (name.encode("latin-1", "replace"), value.encode("latin-1", "replace"))
        for name, value in status_headers.headers
    ]


def _dechunk(body: bytes) -> bytes:
    reader = ChunkedDataReader(io.BytesIO(body))
    return reader.read()


def _warc_date(value: str | None) -> datetime:
    if not value:
        return datetime.fromtimestamp(0, timezone.utc)
    return iso_date_to_datetime(value).replace(tzinfo=timezone.utc)


def read_record(source: ArchiveSource, offset: int) -> StoredRecord:
    """The capture record at ``offset`` of ``source``; raises :class:`RecordError`."""
    try:
        with open(source.path, "rb") as fh:
            fh.seek(source.base + offset)
            record = next(iter(ArchiveIterator(fh, check_digests=False, arc2warc=True)))
            return _stored(record)
    except RecordError:
        raise
    except Exception as exc:  # warcio raises several types on damaged records
        raise RecordError(f"{type(exc).__name__}: {exc}") from None


def _stored(record) -> StoredRecord:
    rec_type = record.rec_type
    if rec_type not in PLAYABLE_TYPES:
        raise RecordError(f"a {rec_type} record, not a capture")
    headers = record.rec_headers
    refers_date = headers.get_header("WARC-Refers-To-Date")
    stored = StoredRecord(
        rec_type=rec_type,
        record_id=headers.get_header("WARC-Record-ID") or "",
        date=_warc_date(headers.get_header("WARC-Date")),
        url=headers.get_header("WARC-Target-URI") or "",
        status=None,
        ip_address=headers.get_header("WARC-IP-Address"),
        refers_to_url=headers.get_header("WARC-Refers-To-Target-URI"),
        refers_to_date=_warc_date(refers_date) if refers_date else None,
    )
    body = record.raw_stream.read()
    http = record.http_headers
    if rec_type == "resource" or (http is None and rec_type == "response"):
        # a resource (or a response without HTTP head): the block is the document
        content_type = headers.get_header("Content-Type") or "application/octet-stream"
        stored.status = 200
        stored.headers = [(b"Content-Type", content_type.encode("latin-1", "replace"))]
        stored.body = body
        return stored
    if http is not None:
        try:
            stored.status = int(http.get_statuscode())
        except (TypeError, ValueError):
            raise RecordError(f"bad HTTP status line {http.statusline!r}") from None
        pairs = _header_pairs(http)
        chunked = any(
            n.lower() == b"transfer-encoding" and b"chunked" in v.lower() for n, v in pairs
        )
        if chunked:
            body = _dechunk(body)
            pairs = [(n, v) for n, v in pairs if n.lower() != b"transfer-encoding"]
        stored.headers = pairs
    stored.body = body
    return stored
