"""Real crawls of FeedSpider against loopback servers started by the suite."""

from __future__ import annotations

import json
import socket

from newscrawl.demo.server import feed_urls
from tests.support.crawl import run_crawl
from tests.support.site import serve_article, serve_feed

DEMO_ARTICLES = [
    "/world/2026/11/harbour-bridge-reopens.html",
    "/science/2026/11/lake-ice-cores.html",
    "/business/2026/11/cooperative-bakery.html",
    "/culture/2026/11/archive-film-festival.html",
    "/business/2026/11/night-trains-return.html",
    "/world/2026/11/coastal-district-recount.html",
]


def test_demo_site_crawl_yields_each_article_once(demo_site, tmp_path):
    result = run_crawl(tmp_path / "out", feeds=feed_urls(demo_site))

    assert result.returncode == 0, result.log
    assert sorted(i["url"] for i in result.items) == sorted(demo_site.url(p) for p in DEMO_ARTICLES)
    for path in DEMO_ARTICLES:  # listed by up to three feeds, fetched once
        assert demo_site.hits_for(path) == 1, path
    assert result.stat("newscrawl/feeds/duplicate_entry") == 4
    assert result.stat("newscrawl/feeds/parsed") == 5
    assert result.stat("item_scraped_count") == 6
    files = list((tmp_path / "out" / "items").glob("feeds-*.jsonl"))
    assert len(files) == 1
    item = result.item_for("lake-ice-cores")
    assert item["status"] == 200
    assert item["entry_author"] == "Tomasz Wren"
    assert item["fetched_at"].endswith("+00:00")
    assert "html" not in item  # raw page stays out of the JSON Lines by default


def test_feedburner_origlink_wins_and_redirects_are_followed(demo_site, tmp_path):
    result = run_crawl(tmp_path / "out", feeds=[demo_site.url("/feeds/feedburner.xml")])

    bridge = result.item_for("harbour-bridge-reopens")
    assert bridge["permalink"] == demo_site.url("/world/2026/11/harbour-bridge-reopens.html")
    assert bridge["original_link"] == demo_site.url("/~r/lakeside/world/~3/Hb7kQ2/story01.htm")
    assert demo_site.hits_for("/~r/lakeside/world/~3/Hb7kQ2/story01.htm") == 0
    assert bridge["entry_title"] == (
        "Harbour bridge reopens after two-year rebuild – with a toll nobody expected"
    )
    # an entry without origLink goes through the redirector: final URL recorded
    recount = result.item_for("coastal-district-recount")
    assert recount["permalink"] == demo_site.url("/~r/lakeside/world/~3/Rc2wZ5/story01.htm")
    assert recount["url"] == demo_site.url("/world/2026/11/coastal-district-recount.html")
    assert recount["canonical_url"] == (
        "https://demo.newscrawl.example/world/2026/11/coastal-district-recount.html"
    )


def test_every_entry_of_each_feed_format_becomes_one_item(server, tmp_path):
    feeds = [
        serve_feed(server, name)
        for name in (
            "rss20.xml",
            "rss10.rdf",
            "rss091.xml",
            "atom10.xml",
            "atom03.xml",
            "feed10.json",
            "feed11.json",
        )
    ]
    expected = {
        "rss20.xml": ["rss20-1", "rss20-2", "rss20-3", "rss20-4"],
        "rss10.rdf": ["rss10-1", "rss10-2"],
        "rss091.xml": ["rss091-1"],
        "atom10.xml": ["atom-1", "atom-2"],
        "atom03.xml": ["atom03-1"],
        "feed10.json": ["json10-1", "json10-2"],
        "feed11.json": ["json11-1"],
    }
    for names in expected.values():
        for name in names:
            serve_article(server, f"/a/{name}.html", title=name)

    result = run_crawl(tmp_path / "out", feeds=feeds)

    assert result.returncode == 0, result.log
    for feed_name, names in expected.items():
        got = sorted(i["permalink"] for i in result.items if i["feed_url"].endswith(feed_name))
        assert got == sorted(server.url(f"/a/{n}.html") for n in names), feed_name
    assert len(result.items) == 13
    assert result.stat("newscrawl/feeds/entry_without_link") == 1  # feed11's second item
    assert "No link at all" in result.log


def test_canonical_url_comes_from_link_rel_then_og_url(server, tmp_path):
    feed = server.add(
        "/feed.json",
        '{"version": "https://jsonfeed.org/version/1.1", "items": ['
        f'{{"id": "1", "url": "{server.url("/c1.html")}"}},'
        f'{{"id": "2", "url": "{server.url("/c2.html")}"}}]}}',
    )
    serve_article(server, "/c1.html", canonical="/canonical/one")
    serve_article(server, "/c2.html", og_url="https://news.example/two")

    result = run_crawl(tmp_path / "out", feeds=[feed])

    assert result.item_for("/c1.html")["canonical_url"] == server.url("/canonical/one")
    assert result.item_for("/c2.html")["canonical_url"] == "https://news.example/two"


def test_feed_lists_from_opml_and_text_files(demo_site, tmp_path):
    opml = tmp_path / "feeds.opml"
    opml.write_bytes(
        (demo_site.site_dir / "feeds.opml").read_bytes().replace(b"{base}", demo_site.base.encode())
    )
    text = tmp_path / "feeds.txt"
    text.write_text(f"# culture desk\n{demo_site.url('/feeds/culture.json')}  # JSON Feed\n\n")

    from_opml = run_crawl(tmp_path / "opml", spider_args={"feeds_file": str(opml)})
    from_text = run_crawl(tmp_path / "text", spider_args={"feeds_file": str(text)})

    assert from_opml.stat("newscrawl/feeds/parsed") == 5
    assert len(from_opml.items) == 6
    assert [i["url"] for i in from_text.items] == [
        demo_site.url("/culture/2026/11/archive-film-festival.html")
    ]


def test_feeds_from_the_newscrawl_feed_urls_setting(demo_site, tmp_path):
    result = run_crawl(
        tmp_path / "out",
        settings={"NEWSCRAWL_FEED_URLS": demo_site.url("/feeds/science.rdf")},
    )
    assert len(result.items) == 2


def test_missing_feed_list_stops_at_start_with_instructions(tmp_path):
    result = run_crawl(tmp_path / "out")

    assert result.items == []
    assert "no feeds to crawl: pass -a feeds=URL" in result.log
    assert result.stat("finish_reason") == "no_feeds"
    assert "Traceback" not in result.log


def test_unreadable_feeds_file_is_reported(tmp_path):
    result = run_crawl(tmp_path / "out", spider_args={"feeds_file": str(tmp_path / "nope.txt")})
    assert "Cannot read feed list" in result.log
    assert result.stat("finish_reason") == "no_feeds"


def test_bad_feeds_are_logged_once_counted_and_the_crawl_goes_on(server, tmp_path):
    good = serve_feed(server, "rss10.rdf")
    serve_article(server, "/a/rss10-1.html")
    serve_article(server, "/a/rss10-2.html")
    bad = {
        "html": serve_feed(server, "page.html", "/html-feed"),
        "404": server.add("/missing-feed", "gone", status=404),
        "500": server.add("/broken-feed", "oops", status=500),
        "slow": server.add("/slow-feed", "<rss/>", delay=3),
        "truncated": serve_feed(server, "truncated.xml"),
        "garbage": serve_feed(server, "garbage.xml"),
        "latin1": serve_feed(server, "latin1.xml", headers=[("Content-Type", "text/xml")]),
        "cp1252": serve_feed(server, "cp1252.xml"),
        "empty": server.add("/empty-feed", b""),
    }
    for name in ("trunc-1", "latin1-1", "cp1252-1"):
        serve_article(server, f"/a/{name}.html")

    result = run_crawl(
        tmp_path / "out",
        feeds=[*bad.values(), good],
        settings={"DOWNLOAD_TIMEOUT": 1, "RETRY_TIMES": 1},
    )

    assert result.returncode == 0
    assert "Traceback" not in result.log
    stats = result.stats
    assert stats["newscrawl/feeds/not_a_feed"] == 1
    assert stats["newscrawl/feeds/failed/http_404"] == 1
    assert stats["newscrawl/feeds/failed/http_500"] == 1
    assert stats["newscrawl/feeds/failed/timeout"] == 1
    assert stats["newscrawl/feeds/malformed"] == 1  # garbage
    assert stats["newscrawl/feeds/malformed_partial"] == 1  # truncated, one entry kept
    assert stats["newscrawl/feeds/empty"] == 1
    for url, reason in [
        (bad["html"], "not a feed"),
        (bad["404"], "HTTP 404"),
        (bad["500"], "HTTP 500"),
        (bad["slow"], "timed out"),
        (bad["garbage"], "ill-formed feed"),
        (bad["empty"], "empty document"),
    ]:
        lines = [line for line in result.log.splitlines() if url + ":" in line]
        assert len(lines) == 1, (url, lines)
        assert reason in lines[0]
    titles = {i["entry_title"] for i in result.items}
    assert {"Café naïve © Zürich", "“Smart quotes” – en dash € euro"} <= titles
    assert "Survives the cut" in titles
    assert len(result.items) == 5  # 2 good + truncated's first + latin-1 + cp1252


def test_failing_articles_are_logged_once_counted_and_the_crawl_goes_on(server, tmp_path):
    with socket.socket() as sock:  # a port with nobody listening
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    links = {
        "dns": "http://no-such-host.invalid/story.html",
        "refused": f"http://127.0.0.1:{closed_port}/story.html",
        "404": server.add("/a/missing.html", "nope", status=404),
        "500": server.add("/a/error.html", "boom", status=500),
        "slow": server.add("/a/slow.html", "<html></html>", delay=3),
        "ok": serve_article(server, "/a/ok.html"),
    }
    feed_doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [{"id": k, "url": u, "title": k} for k, u in links.items()],
    }
    feed = server.add("/f.json", json.dumps(feed_doc))

    result = run_crawl(
        tmp_path / "out",
        feeds=[feed],
        settings={"DOWNLOAD_TIMEOUT": 1, "RETRY_TIMES": 1},
    )

    assert result.returncode == 0
    assert "Traceback" not in result.log
    assert [i["url"] for i in result.items] == [links["ok"]]
    expected = {
        "dns": ("DNS lookup failed", "newscrawl/articles/failed/dns"),
        "refused": ("connection refused", "newscrawl/articles/failed/connection_refused"),
        "404": ("HTTP 404", "newscrawl/articles/failed/http_404"),
        "500": ("HTTP 500", "newscrawl/articles/failed/http_500"),
        "slow": ("timed out", "newscrawl/articles/failed/timeout"),
    }
    for key, (reason, stat) in expected.items():
        lines = [line for line in result.log.splitlines() if links[key] in line]
        assert len(lines) == 1, (key, lines)
        assert reason in lines[0]
        assert result.stat(stat) == 1, stat
    # the unreachable host's robots.txt is reported once, about robots.txt itself
    assert result.log.count("robots.txt of no-such-host.invalid not available") == 1


def test_cookie_handling_stays_offline_and_quiet(server, tmp_path):
    # Set-Cookie makes Scrapy's cookie middleware ask tldextract for public
    # suffixes; with an empty cache it must not try the network nor log tracebacks.
    feed = serve_feed(server, "rss10.rdf", headers=[("Set-Cookie", "sid=1; Path=/")])
    serve_article(server, "/a/rss10-1.html")
    serve_article(server, "/a/rss10-2.html")

    result = run_crawl(
        tmp_path / "out",
        feeds=[feed],
        env={"HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )

    assert len(result.items) == 2
    assert "Traceback" not in result.log
    assert "publicsuffix" not in result.log.lower()
