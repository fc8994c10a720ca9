"""Real crawls: one URL spelt several ways is one article, and no request vanishes unlogged."""

from __future__ import annotations

import json

from tests.support.crawl import run_crawl
from tests.support.site import serve_article


def _json_feed(server, path: str, urls: list[str]) -> str:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [{"id": str(n), "url": u, "title": f"entry {n}"} for n, u in enumerate(urls)],
    }
    return server.add(path, json.dumps(doc, ensure_ascii=False))


def test_unicode_and_percent_encoded_permalinks_are_one_article(server, tmp_path):
    serve_article(server, "/news/stra%C3%9Fe", title="Straßenbahn kehrt zurück")
    base = server.base
    feed = _json_feed(
        server,
        "/feed.json",
        [f"{base}/news/straße", f"{base}/news/stra%C3%9Fe", f"{base}/news/stra%c3%9fe"],
    )

    result = run_crawl(tmp_path / "out", feeds=[feed])

    assert result.returncode == 0, result.log
    assert len(result.items) == 1
    assert result.items[0]["permalink"] == f"{base}/news/stra%C3%9Fe"
    assert result.stat("newscrawl/feeds/duplicate_entry") == 2
    assert result.stat("dupefilter/filtered") == 0  # the spider saw it; nothing dropped silently
    assert server.hits_for("/news/stra%C3%9Fe") == 1
    assert len(list((tmp_path / "out" / "posts").glob("*.md"))) == 1


def test_a_request_the_dupefilter_drops_is_logged_and_counted(server, tmp_path):
    target = serve_article(server, "/news/final.html", title="Final")
    one = server.redirect("/go/one", target)
    two = server.redirect("/go/two", target)
    feed = _json_feed(server, "/feed.json", [one, two])

    result = run_crawl(tmp_path / "out", feeds=[feed])

    assert result.returncode == 0, result.log
    assert len(result.items) == 1
    assert result.stat("newscrawl/requests/duplicate_dropped") == 1
    lines = [ln for ln in result.log.splitlines() if "Duplicate request dropped" in ln]
    assert len(lines) == 1 and target in lines[0] and "INFO" in lines[0]
    assert "redirected from" in lines[0]
