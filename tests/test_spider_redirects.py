"""Real crawls: a page whose refresh or redirect target is not a web address is kept."""

from __future__ import annotations

import json

from tests.support.crawl import run_crawl
from tests.support.site import article_html, serve_article

BAD_TARGETS = {
    "javascript": "javascript:alert(1)",
    "data": "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;",
    "mailto": "mailto:editor@example.org",
    "garbage": "http://[not-a-host/x",
    "long": "http://127.0.0.1/" + "a" * 10000,
}


def _refresh_page(title: str, target: str) -> str:
    html = article_html(title)
    return html.replace("<head>", f'<head><meta http-equiv="refresh" content="0;url={target}">', 1)


def _feed(server, links: dict[str, str]) -> str:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [{"id": k, "url": u, "title": k} for k, u in links.items()],
    }
    return server.add("/feed.json", json.dumps(doc))


def test_meta_refresh_to_a_non_web_target_keeps_the_page_as_the_article(server, tmp_path):
    links = {}
    for name, target in BAD_TARGETS.items():
        links[name] = server.add(
            f"/a/{name}.html",
            _refresh_page(f"Refresh {name}", target),
            headers=[("Content-Type", "text/html; charset=utf-8")],
        )
    # a good refresh is still followed
    links["good"] = server.add(
        "/a/moved.html",
        _refresh_page("Moved", "/a/new-home.html"),
        headers=[("Content-Type", "text/html; charset=utf-8")],
    )
    serve_article(server, "/a/new-home.html", title="New home")

    result = run_crawl(tmp_path / "out", feeds=[_feed(server, links)])

    assert "Traceback" not in result.log
    assert "Missing scheme" not in result.log
    urls = sorted(i["url"] for i in result.items)
    expected = [links[name] for name in BAD_TARGETS] + [server.url("/a/new-home.html")]
    assert urls == sorted(expected)
    # w3lib does not read a refresh URL that long at all; the page is kept either way
    counted = [name for name in BAD_TARGETS if name != "long"]
    assert result.stat("newscrawl/articles/bad_redirect") == len(counted)
    assert not any(k.startswith("newscrawl/articles/failed") for k in result.stats)
    for name in counted:
        lines = [ln for ln in result.log.splitlines() if links[name] + " " in ln]
        assert len(lines) == 1, (name, lines)
        assert "Meta refresh target ignored" in lines[0]
        assert "WARNING" not in lines[0] and "ERROR" not in lines[0]
    # each record exists and its post was written
    assert len(list((tmp_path / "out" / "posts").glob("*.md"))) == len(BAD_TARGETS) + 1


def test_location_header_to_a_non_web_target_is_counted_not_a_crash(server, tmp_path):
    links = {
        name: server.add(
            f"/r/{name}",
            article_html(f"Redirect {name}"),
            status=302,
            headers=[("Location", target), ("Content-Type", "text/html; charset=utf-8")],
        )
        for name, target in BAD_TARGETS.items()
        if name != "long"  # the loopback server's own header limit is lower
    }
    links["ok"] = serve_article(server, "/a/ok.html", title="Fine")

    result = run_crawl(tmp_path / "out", feeds=[_feed(server, links)])

    assert "Traceback" not in result.log
    assert "Missing scheme" not in result.log
    assert result.stat("newscrawl/articles/bad_redirect") == len(links) - 1
    assert [i["url"] for i in result.items] == [links["ok"]]
    for name, url in links.items():
        if name == "ok":
            continue
        lines = [ln for ln in result.log.splitlines() if url in ln]
        # one INFO line for the ignored target, one for the 302 the spider cannot use
        assert any("Redirect target ignored" in ln for ln in lines), (name, lines)
        assert sum("Article failed" in ln for ln in lines) == 1, (name, lines)


def test_canonical_and_og_url_that_are_not_web_addresses_are_ignored(server, tmp_path):
    page = article_html("Hostile canonical", canonical="javascript:alert(1)", og_url="data:x,1")
    url = server.add("/a/hostile.html", page, headers=[("Content-Type", "text/html")])

    result = run_crawl(tmp_path / "out", feeds=[_feed(server, {"hostile": url})])

    assert "Traceback" not in result.log
    [item] = result.items
    assert item["canonical_url"] == url
    [post] = (tmp_path / "out" / "posts").glob("*.md")
    assert "javascript:" not in post.read_text() and "data:x" not in post.read_text()
