"""One captured HTTP exchange, and how it becomes warcio records.

The heads are kept as the bytes that crossed the wire; only where the
transport changed the body (chunked transfer coding removed) are the
headers adjusted so that headers and stored body agree: the original
``Transfer-Encoding`` (and a disagreeing ``Content-Length``) is kept under an
``X-Archive-Orig-`` name and a ``Content-Length`` for the stored body is added.
"""

from __future__ import annotations

import os
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from io import BytesIO

from warcio.recordbuilder import RecordBuilder
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date

ORIG_PREFIX = b"X-Archive-Orig-"
PROFILE_IDENTICAL = "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"
PROFILE_NOT_MODIFIED = "http://netpreserve.org/warc/1.0/revisit/server-not-modified"


# uuid4() reads os.urandom for every ID, a syscall per record; a generator
# seeded from it once gives IDs just as unique at a fraction of the cost.
_ids = random.Random(os.urandom(32))


def new_record_id() -> str:
    """A fresh ``WARC-Record-ID`` value (a random, version 4 UUID URN)."""
    return f"<urn:uuid:{uuid.UUID(int=_ids.getrandbits(128), version=4)}>"


def warc_date(dt: datetime) -> str:
    """``WARC-Date`` (WARC/1.0: seconds, UTC) for an aware datetime."""
    return datetime_to_iso_date(dt.astimezone(timezone.utc).replace(tzinfo=None))


@dataclass
class Exchange:
    """What the middleware hands to the writer process: plain bytes and values."""

    url: str
    method: str
    status: int
    request_head: bytes
    request_body: bytes
    response_lines: list[bytes]
    response_body: bytes
    date: datetime
    ip_address: str | None = None
    truncated: str | None = None  # WARC-Truncated reason, when the body is incomplete
    record_id: str = field(default_factory=new_record_id)
    request_record_id: str = field(default_factory=new_record_id)


class RawStatusAndHeaders(StatusAndHeaders):
    """warcio headers whose serialised form is fixed to the bytes received.

    warcio's writer only needs the serialised block (``headers_buff``), so the
    header lines are not parsed into a list: that parsing was the largest
    Python cost of writing a record.
    """

    def __init__(self, raw: bytes) -> None:
        first = raw.split(b"\r\n", 1)[0].decode("latin-1")
        protocol, _, statusline = first.partition(" ")
        super().__init__(statusline, [], protocol=protocol)
        self.headers_buff = raw

    def compute_headers_buffer(self, header_filter: object = None) -> None:
        # keep the wire bytes; warcio would re-serialise the parsed list
        return None


def _header_name(line: bytes) -> bytes:
    return line.split(b":", 1)[0].strip().lower() if b":" in line else b""


def fix_response_head(lines: list[bytes], body_length: int) -> bytes:
    """The response head to store, agreeing with a body of ``body_length`` bytes.

    ``lines`` is the status line then the header lines, without line ends.
    """
    lines = list(lines)
    while lines and not lines[-1]:
        lines.pop()
    status, headers = lines[:1], lines[1:]
    chunked = any(
        _header_name(line) == b"transfer-encoding" and b"chunked" in line.lower()
        for line in headers
    )
    if chunked:
        fixed: list[bytes] = []
        has_length = False
        for line in headers:
            name = _header_name(line)
            if name == b"transfer-encoding":
                line = ORIG_PREFIX + line
            elif name == b"content-length":
                if line.split(b":", 1)[1].strip() == str(body_length).encode():
                    has_length = True
                else:
                    line = ORIG_PREFIX + line
            fixed.append(line)
        if not has_length:
            fixed.append(b"Content-Length: " + str(body_length).encode())
        headers = fixed
    return b"\r\n".join(status + headers) + b"\r\n\r\n"


def response_http_headers(exchange: Exchange) -> RawStatusAndHeaders:
    return RawStatusAndHeaders(
        fix_response_head(exchange.response_lines, len(exchange.response_body))
    )


def request_http_headers(exchange: Exchange) -> RawStatusAndHeaders:
    return RawStatusAndHeaders(exchange.request_head)


def _common_headers(
    exchange: Exchange, record_type: str, record_id: str, warcinfo_id: str | None
) -> dict:
    headers = {
        "WARC-Type": record_type,  # first, as readers expect; warcio keeps the position
        "WARC-Record-ID": record_id,
        "WARC-Date": warc_date(exchange.date),
    }
    if exchange.ip_address:
        headers["WARC-IP-Address"] = exchange.ip_address
    if warcinfo_id:
        headers["WARC-Warcinfo-ID"] = warcinfo_id
    return headers


def build_response(
    builder: RecordBuilder, exchange: Exchange, warcinfo_id: str | None = None
) -> ArcWarcRecord:
    """The ``response`` record; its payload digest is set (the writer adds the block digest)."""
    warc_headers = _common_headers(exchange, "response", exchange.record_id, warcinfo_id)
    if exchange.truncated:
        warc_headers["WARC-Truncated"] = exchange.truncated
    body = exchange.response_body
    return builder.create_warc_record(
        exchange.url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        warc_headers_dict=warc_headers,
        http_headers=response_http_headers(exchange),
    )


def build_request(
    builder: RecordBuilder, exchange: Exchange, warcinfo_id: str | None = None
) -> ArcWarcRecord:
    """The ``request`` record, linked to the response by ``WARC-Concurrent-To``."""
    warc_headers = _common_headers(exchange, "request", exchange.request_record_id, warcinfo_id)
    warc_headers["WARC-Concurrent-To"] = exchange.record_id
    body = exchange.request_body
    return builder.create_warc_record(
        exchange.url,
        "request",
        payload=BytesIO(body),
        length=len(body),
        warc_headers_dict=warc_headers,
        http_headers=request_http_headers(exchange),
    )


def build_revisit(
    builder: RecordBuilder,
    exchange: Exchange,
    profile: str,
    payload_digest: str | None,
    refers_to_uri: str | None,
    refers_to_date: str | None,
    refers_to_id: str | None,
    warcinfo_id: str | None = None,
) -> ArcWarcRecord:
    """A ``revisit`` record holding the response head only."""
    warc_headers = _common_headers(exchange, "revisit", exchange.record_id, warcinfo_id)
    warc_headers["WARC-Profile"] = profile
    if refers_to_id:
        warc_headers["WARC-Refers-To"] = refers_to_id
    if refers_to_uri:
        warc_headers["WARC-Refers-To-Target-URI"] = refers_to_uri
    if refers_to_date:
        warc_headers["WARC-Refers-To-Date"] = refers_to_date
    if payload_digest:
        warc_headers["WARC-Payload-Digest"] = payload_digest
    if exchange.truncated:
        warc_headers["WARC-Truncated"] = exchange.truncated
    return builder.create_warc_record(
        exchange.url,
        "revisit",
        warc_headers_dict=warc_headers,
        http_headers=response_http_headers(exchange),
    )
