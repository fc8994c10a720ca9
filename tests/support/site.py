"""Serve feed fixtures and simple article pages from a test's loopback server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newscrawl.demo.server import DemoServer

FEEDS_DIR = Path(__file__).resolve().parents[1] / "data" / "feeds"

CONTENT_TYPES = {
    ".xml": "application/rss+xml",
    ".rdf": "application/rdf+xml",
    ".json": "application/feed+json",
    ".html": "text/html; charset=utf-8",
}


def serve_feed(server: DemoServer, name: str, path: str | None = None, **kwargs) -> str:
    """Serve ``tests/data/feeds/<name>`` (``{base}`` filled in) and return its URL."""
    source = FEEDS_DIR / name
    body = source.read_bytes().replace(b"{base}", server.base.encode())
    kwargs.setdefault("headers", [("Content-Type", CONTENT_TYPES.get(source.suffix, "text/xml"))])
    return server.add(path or f"/{name}", body, **kwargs)


def article_html(title: str, canonical: str | None = None, og_url: str | None = None) -> str:
    head = f"<title>{title}</title>"
    if canonical:
        head += f'<link rel="canonical" href="{canonical}">'
    if og_url:
        head += f'<meta property="og:url" content="{og_url}">'
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head>"
        f"<body><article><h1>{title}</h1><p>Body of {title}, long enough to be an article "
        "paragraph with several words in it.</p></article></body></html>"
    )


def serve_article(server: DemoServer, path: str, title: str | None = None, **kwargs) -> str:
    html = article_html(title or path, kwargs.pop("canonical", None), kwargs.pop("og_url", None))
    return server.add(path, html, headers=[("Content-Type", "text/html; charset=utf-8")], **kwargs)


def serve_stories(
    server: DemoServer,
    count: int,
    padding: str | Callable[[], str] = "",
    delay: float = 0.0,
    title: str = "Story {n}",
) -> list[str]:
    """``robots.txt`` and ``count`` articles at ``/a/0``, ``/a/1``, ...; their paths.

    ``padding`` (a string, or a function giving one per page) goes at the end of each
    article; ``delay`` makes every answer take that long.
    """
    server.add("/robots.txt", "User-agent: *\n", headers=[("Content-Type", "text/plain")])
    paths = [f"/a/{n}" for n in range(count)]
    for n, path in enumerate(paths):
        extra = padding() if callable(padding) else padding
        html = article_html(title.format(n=n)).replace("</article>", extra + "</article>")
        server.add(path, html, headers=[("Content-Type", "text/html")], delay=delay)
    return paths
