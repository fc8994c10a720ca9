"""Unit tests of the pure feed functions in newscrawl.feeds."""

from __future__ import annotations

import pytest

from newscrawl.feeds import (
    FeedError,
    looks_like_feed,
    parse_feed,
    read_feed_list,
    resolve_permalink,
)
from tests.support.site import FEEDS_DIR

BASE = "http://news.test"


def parse(name: str, content_type: str | None = None):
    body = (FEEDS_DIR / name).read_bytes().replace(b"{base}", BASE.encode())
    return parse_feed(body, f"{BASE}/{name}", content_type)


@pytest.mark.parametrize(
    ("name", "kind", "count"),
    [
        ("rss20.xml", "rss20", 4),
        ("rss10.rdf", "rss10", 2),
        ("rss091.xml", "rss091u", 1),
        ("atom10.xml", "atom10", 2),
        ("atom03.xml", "atom03", 1),
        ("feed10.json", "json10", 2),
        ("feed11.json", "json11", 2),
    ],
)
def test_each_format_is_recognised_with_all_entries(name, kind, count):
    feed = parse(name)
    assert feed.kind == kind
    assert len(feed.entries) == count


def test_rss20_permalinks_resolve_link_guid_relative_and_fragment():
    entries = parse("rss20.xml").entries
    assert [e.permalink for e in entries] == [
        f"{BASE}/a/rss20-1.html",
        f"{BASE}/a/rss20-2.html",  # guid without isPermaLink="false" is a permalink
        f"{BASE}/a/rss20-3.html",  # relative link made absolute against the feed URL
        f"{BASE}/a/rss20-4.html",  # fragment dropped: it is never sent to the server
    ]
    first = entries[0]
    assert first.entry_id == "r20-1"
    assert first.published == "2026-11-24T10:00:00-05:00"  # the feed's own offset kept
    assert first.categories == ["One"]  # case-insensitive duplicates dropped
    assert first.summary == "First summary"


def test_atom_prefers_alternate_link_and_keeps_authors_and_content():
    entry = parse("atom10.xml").entries[0]
    assert entry.permalink == f"{BASE}/a/atom-1.html"
    assert entry.author == "Bea Lind"
    assert entry.content == "<p>Full <b>content</b></p>"
    assert entry.categories == ["Tech"]


def test_json_feed_uses_url_then_external_url_and_feed_author():
    entries = parse("feed10.json").entries
    assert entries[0].permalink == f"{BASE}/a/json10-1.html"
    assert entries[0].author == "Feed Author"
    assert entries[0].published == "2026-11-20T08:00:00+00:00"
    assert entries[1].permalink == f"{BASE}/a/json10-2.html"


def test_json_feed_entry_without_link_has_no_permalink():
    entries = parse("feed11.json").entries
    assert entries[0].author == "Cy Moss"
    assert entries[0].categories == ["A", "B"]
    assert entries[1].permalink is None


def test_feedburner_origlink_beats_the_redirector_link():
    body = (
        b'<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">'
        b"<channel><title>t</title><item><title>x</title>"
        b"<link>http://feeds.test/~r/x/~3/abc/story01.htm</link>"
        b"<guid isPermaLink='false'>g</guid>"
        b"<feedburner:origLink>http://news.test/story.html</feedburner:origLink>"
        b"</item></channel></rss>"
    )
    entry = parse_feed(body, "http://feeds.test/feed").entries[0]
    assert entry.permalink == "http://news.test/story.html"
    assert entry.original_link == "http://feeds.test/~r/x/~3/abc/story01.htm"


@pytest.mark.parametrize(
    ("name", "title"),
    [("latin1.xml", "Café naïve © Zürich"), ("cp1252.xml", "“Smart quotes” – en dash € euro")],
)
def test_declared_legacy_encodings_are_honoured(name, title):
    assert parse(name).entries[0].title == title


def test_truncated_feed_keeps_the_complete_entries_and_reports_the_problem():
    feed = parse("truncated.xml")
    assert feed.problem
    assert feed.entries[0].permalink == f"{BASE}/a/trunc-1.html"


@pytest.mark.parametrize(
    ("name", "stat"),
    [("page.html", "not_a_feed"), ("garbage.xml", "malformed")],
)
def test_documents_that_are_not_feeds_raise_feed_error(name, stat):
    with pytest.raises(FeedError) as err:
        parse(name, "text/html")
    assert err.value.stat == stat


def test_empty_body_and_broken_json_raise_feed_error():
    with pytest.raises(FeedError, match="empty"):
        parse_feed(b"  \n", "http://x.test/feed")
    with pytest.raises(FeedError, match="ill-formed JSON Feed"):
        parse_feed(b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "http://x/f")


def test_resolve_permalink_skips_non_http_candidates():
    assert resolve_permalink(["javascript:alert(1)", "", "mailto:a@b", "/ok"], BASE + "/f") == (
        f"{BASE}/ok",
        "/ok",
    )
    assert resolve_permalink([None, "  "], BASE) == (None, None)


def test_text_feed_list_ignores_comments_and_blank_lines(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text(
        "# my feeds\n\nhttp://a.test/rss  # world desk\n  http://b.test/feed#top\n"
        "#http://disabled.test/rss\n"
    )
    assert read_feed_list(path) == ["http://a.test/rss", "http://b.test/feed#top"]


def test_opml_feed_list_reads_nested_outlines(tmp_path):
    path = tmp_path / "subs.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="1.0"><head/><body>'
        '<outline text="News"><outline type="rss" xmlUrl="http://a.test/rss"/></outline>'
        '<outline type="rss" xmlUrl=" http://b.test/atom "/><outline text="folder only"/>'
        "</body></opml>"
    )
    assert read_feed_list(path) == ["http://a.test/rss", "http://b.test/atom"]


@pytest.mark.parametrize(
    ("name", "content_type", "is_feed"),
    [
        ("rss20.xml", "application/rss+xml", True),
        ("atom10.xml", "text/xml", True),
        ("rss10.rdf", None, True),
        ("feed11.json", "application/json", True),
        ("feed11.json", None, True),
        ("page.html", "text/html; charset=utf-8", False),
        ("page.html", None, False),
    ],
)
def test_looks_like_feed_tells_feeds_from_pages(name, content_type, is_feed):
    body = (FEEDS_DIR / name).read_bytes()
    assert looks_like_feed(body, content_type) is is_feed


def test_entry_links_of_odd_kinds_cost_only_their_entry():
    doc = (
        b'{"version": "https://jsonfeed.org/version/1.1", "items": ['
        b'{"id": "n", "url": 42}, {"id": "l", "url": ["https://x.example/a"]},'
        b'{"id": "j", "url": "javascript:alert(1)", "external_url": "data:text/html,x"},'
        b'{"id": "long", "url": "https://x.example/' + b"a" * 9000 + b'"},'
        b'{"id": "u", "url": "https://x.example/stra\xc3\x9fe#c"}]}'
    )
    feed = parse_feed(doc, "https://x.example/feed.json")
    links = {e.entry_id: e.permalink for e in feed.entries}
    assert links == {
        "n": None,
        "l": None,
        "j": None,
        "long": None,
        "u": "https://x.example/stra%C3%9Fe",
    }
