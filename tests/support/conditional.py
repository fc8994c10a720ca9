"""Loopback routes that answer conditional requests like a real feed server."""

from __future__ import annotations

import hashlib
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler

from newscrawl.demo.server import DemoServer


class ConditionalRoute:
    """Serves ``body`` with an ETag and Last-Modified; answers 304 when they match.

    Change ``body`` (or call :meth:`set`) to publish a new version; ``requests``
    records the validators each request carried.
    """

    def __init__(self, body: bytes, content_type: str, etag: bool = True, lm: bool = True):
        self.content_type = content_type
        self.use_etag = etag
        self.use_lm = lm
        self.requests: list[dict[str, str | None]] = []
        self.set(body)

    def set(self, body: bytes, modified: float | None = None) -> None:
        self.body = body
        self.etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        self.last_modified = formatdate(modified or 1_700_000_000 + len(body), usegmt=True)

    def __call__(self, handler: BaseHTTPRequestHandler) -> None:
        inm = handler.headers.get("If-None-Match")
        ims = handler.headers.get("If-Modified-Since")
        self.requests.append({"If-None-Match": inm, "If-Modified-Since": ims})
        fresh = (self.use_etag and inm == self.etag) or (
            self.use_lm and inm is None and ims == self.last_modified
        )
        headers = []
        if self.use_etag:
            headers.append(("ETag", self.etag))
        if self.use_lm:
            headers.append(("Last-Modified", self.last_modified))
        if fresh:
            handler.send_response(304)
            for name, value in headers:
                handler.send_header(name, value)
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("Content-Type", self.content_type)
        for name, value in headers:
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(self.body)))
        handler.end_headers()
        handler.wfile.write(self.body)

    @property
    def conditional_count(self) -> int:
        return sum(1 for r in self.requests if r["If-None-Match"] or r["If-Modified-Since"])


def serve_conditional(
    server: DemoServer, path: str, body: bytes, content_type: str = "application/rss+xml", **kw
) -> ConditionalRoute:
    route = ConditionalRoute(body, content_type, **kw)
    server.add(path, handler=route)
    return route
