"""A loopback HTTP server for the bundled demo news site and the test suite.

It serves the files under ``newscrawl/demo/site/`` (files are templates: ``{base}``
becomes the server's own base URL, so feed links work on any port, and ``{origin}``
becomes :data:`DEMO_ORIGIN`, the site's public address, which its articles declare
as canonical, as real sites do: one article keeps one identity whatever port served
it) and any
extra routes a test registers: fixed responses, redirects, slow answers, or a
callable that writes raw bytes to the socket.
"""

from __future__ import annotations

import mimetypes
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

SITE_DIR = Path(__file__).parent / "site"
TEMPLATED_SUFFIXES = {".xml", ".json", ".html", ".opml", ".txt", ".rss", ".atom", ".rdf"}

# The demo site's public origin (a reserved .example name that is never fetched).
DEMO_ORIGIN = "https://demo.newscrawl.example"

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Route:
    """A canned answer for one path."""

    status: int = 200
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    reason: str | None = None
    delay: float = 0.0  # seconds to wait before answering (for timeout tests)
    handler: Handler | None = None  # writes the whole answer itself when set


class _RequestHandler(BaseHTTPRequestHandler):
    server: DemoServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        self.server.log.append(format % args)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(send_body=True)

    def _answer(self, send_body: bool) -> None:
        path = self.path
        self.server.hits.append(path)
        route = self.server.routes.get(path) or self.server.routes.get(urlsplit(path).path)
        if route is None:
            route = self.server.file_route(urlsplit(path).path)
        if route.delay:
            time.sleep(route.delay)
        if route.handler is not None:
            route.handler(self)
            return
        self.send_response(route.status, route.reason)
        names = {name.lower() for name, _ in route.headers}
        for name, value in route.headers:
            self.send_header(name, value)
        if "content-length" not in names and "transfer-encoding" not in names:
            self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        if send_body:
            self.wfile.write(route.body)


class DemoServer(ThreadingHTTPServer):
    """Serves the demo site (or another folder) plus registered routes on loopback."""

    daemon_threads = True

    def __init__(
        self, port: int = 0, site_dir: Path | None = SITE_DIR, host: str = "127.0.0.1"
    ) -> None:
        super().__init__((host, port), _RequestHandler)
        self.site_dir = site_dir
        self.routes: dict[str, Route] = {}
        self.hits: list[str] = []
        self.log: list[str] = []
        self._thread: threading.Thread | None = None
        if site_dir is not None:
            self._load_redirects(site_dir / "_redirects")

    def _load_redirects(self, path: Path) -> None:
        """Read ``path target`` lines: the site's FeedBurner-style redirector links."""
        if not path.is_file():
            return
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                source, target = line.split()
                self.routes[source] = Route(status=302, headers=[("Location", target)])

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + (path if path.startswith("/") else "/" + path)

    def add(self, path: str, body: bytes | str = b"", status: int = 200, **kwargs) -> str:
        """Register a canned answer for ``path``; returns its absolute URL."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(status=status, body=body, **kwargs)
        return self.url(path)

    def redirect(self, path: str, target: str, status: int = 302) -> str:
        return self.add(path, status=status, headers=[("Location", target)])

    def hits_for(self, path: str) -> int:
        return sum(1 for hit in self.hits if urlsplit(hit).path == path)

    def file_route(self, path: str) -> Route:
        if self.site_dir is None:
            return Route(status=404, body=b"not found", headers=[("Content-Type", "text/plain")])
        root = self.site_dir.resolve()
        relative = path.lstrip("/") or "index.html"
        target = (root / relative).resolve()
        if target.is_dir():
            target = target / "index.html"
        inside = root in target.parents
        hidden = inside and any(p.startswith(("_", ".")) for p in target.relative_to(root).parts)
        if not inside or hidden or not target.is_file():
            return Route(status=404, body=b"not found", headers=[("Content-Type", "text/plain")])
        body = target.read_bytes()
        if target.suffix in TEMPLATED_SUFFIXES:
            body = body.replace(b"{base}", self.base.encode("ascii"))
            body = body.replace(b"{origin}", DEMO_ORIGIN.encode("ascii"))
        return Route(body=body, headers=[("Content-Type", _content_type(target))])

    def start(self) -> DemoServer:
        self._thread = threading.Thread(target=self.serve_forever, name="demo-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _content_type(path: Path) -> str:
    special = {
        ".xml": "application/xml; charset=utf-8",
        ".rss": "application/rss+xml; charset=utf-8",
        ".atom": "application/atom+xml; charset=utf-8",
        ".rdf": "application/rdf+xml; charset=utf-8",
        ".json": "application/feed+json; charset=utf-8",
        ".opml": "text/x-opml; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
    }
    if path.suffix in special:
        return special[path.suffix]
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def feed_urls(server: DemoServer, names: Iterable[str] | None = None) -> list[str]:
    """The demo site's feed URLs on ``server``."""
    names = names or DEMO_FEEDS
    return [server.url(f"/feeds/{name}") for name in names]


DEMO_FEEDS = ("world.rss", "science.rdf", "business.atom", "culture.json", "feedburner.xml")
