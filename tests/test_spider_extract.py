"""FeedSpider fills the Article's page fields from extract_article, in real crawls."""

from __future__ import annotations

from tests.support.crawl import run_crawl

HTML = [("Content-Type", "text/html; charset=utf-8")]
# body_html (unsanitised) is left out of JSON Lines by default; these tests look at it
KEEP_BODY = {"NEWSCRAWL_ITEMS_EXCLUDE_FIELDS": ["html"]}
PARAGRAPHS = "".join(
    f"<p>Paragraph {i}: the harbour board met on Monday to discuss the winter timetable "
    "for the island ferries and the price of a single crossing for residents.</p>"
    for i in range(6)
)


def rss(server, items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{server.url(path)}</link>"
        "<author>desk@news.example (Feed Desk)</author>"
        "<category>Ferries</category><pubDate>Mon, 02 Mar 2026 08:00:00 +0000</pubDate></item>"
        for path, title in items
    )
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<link>{server.base}</link>{entries}</channel></rss>"
    )
    return server.add("/feed.xml", body, headers=[("Content-Type", "application/rss+xml")])


def test_demo_articles_carry_extracted_metadata_and_body(demo_site, tmp_path):
    result = run_crawl(
        tmp_path / "out", feeds=[demo_site.url("/feeds/feedburner.xml")], settings=KEEP_BODY
    )

    assert result.returncode == 0, result.log
    bridge = result.item_for("harbour-bridge-reopens")
    assert "\u2013" in bridge["title"] and "&#" not in bridge["title"]
    assert bridge["authors"] and bridge["published"]
    assert bridge["body_source"] == "trafilatura"
    assert bridge["word_count"] > 100
    assert "<p" in bridge["body_html"]
    # the demo site declares its public address as canonical, whatever port served it
    assert bridge["canonical_url"] == (
        "https://demo.newscrawl.example/world/2026/11/harbour-bridge-reopens.html"
    )
    assert result.stat("newscrawl/extract/body_source/trafilatura") == len(result.items)


def test_hostile_and_empty_pages_still_yield_items(server, tmp_path):
    server.add(
        "/hostile.html",
        "<html><head><title>Ferry fares frozen</title></head><body><article>"
        '<h1>Ferry fares frozen</h1><a href="&#14;javascript:alert(1)">x</a>'
        + PARAGRAPHS
        + "</article></body></html>",
        headers=HTML,
    )
    server.add("/empty.html", "<html><body>   </body></html>", headers=HTML)
    feed = rss(server, [("/hostile.html", "Ferry fares frozen"), ("/empty.html", "Empty page")])

    result = run_crawl(tmp_path / "out", feeds=[feed], settings=KEEP_BODY)

    assert result.returncode == 0, result.log
    hostile = result.item_for("hostile.html")
    assert "Paragraph 5" in hostile["body_html"]
    assert hostile["categories"] == ["Ferries"]
    empty = result.item_for("empty.html")
    assert empty["title"] == "Empty page"  # from the feed entry
    assert empty["body_html"] is None
    assert result.stat("newscrawl/extract/no_body") == 1
    assert "No article body found in " + server.url("/empty.html") in result.log
    assert "Traceback" not in result.log
