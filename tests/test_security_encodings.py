"""Pages and feeds in legacy charsets, declared right, wrong or not at all: right, or flagged."""

from __future__ import annotations

import pytest

from newscrawl.feeds import parse_feed
from newscrawl.security.encoding import charset_fits
from tests.support.crawl import run_crawl

TEXTS = {
    "latin-1": "Café déjà vu à Genève, un été très élégant",
    "cp1252": "Smart “quotes” — €5 for a café",
    "shift_jis": "東京の天気は晴れです。明日も晴れるでしょう。",
    "gb18030": "北京今天天气很好，明天也会是晴天。",
    "utf-16": "Ünïcödé 東京 “quotes” with a byte order mark",
}
MODES = ("meta", "http", "none", "wrong")


def page(text: str, charset: str, mode: str) -> tuple[bytes, str]:
    meta = {"meta": f'<meta charset="{charset}">', "wrong": '<meta charset="utf-8">'}.get(mode, "")
    html = (
        f"<!DOCTYPE html><html><head>{meta}<title>{text}</title></head><body><article>"
        f"<h1>{text}</h1><p>{text} {text} {text}</p></article></body></html>"
    )
    content_type = f"text/html; charset={charset}" if mode == "http" else "text/html"
    return html.encode(charset), content_type  # Python's utf-16 writes a BOM


def test_a_declared_charset_that_fits_is_kept_and_one_that_does_not_is_caught():
    assert charset_fits("Café".encode("latin-1"), "latin-1")
    assert not charset_fits("Café".encode("latin-1"), "utf-8")
    assert not charset_fits(b"x", "no-such-charset")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    from newscrawl.demo.server import DemoServer
    from tests.support.warc import rss

    with DemoServer(site_dir=None) as site:
        site.add(
            "/robots.txt", "User-agent: *\nDisallow:\n", headers=[("Content-Type", "text/plain")]
        )
        urls = {}
        for charset, text in TEXTS.items():
            for mode in MODES:
                body, content_type = page(text, charset, mode)
                urls[charset, mode] = site.add(
                    f"/{charset}-{mode}.html", body, headers=[("Content-Type", content_type)]
                )
        feed = site.add("/feed.xml", rss(site, list(urls.values())),
                        headers=[("Content-Type", "application/rss+xml")])  # fmt: skip
        result = run_crawl(tmp_path_factory.mktemp("enc"), [feed])
    result.urls = urls
    return result


@pytest.mark.parametrize("charset", sorted(TEXTS))
@pytest.mark.parametrize("mode", ["meta", "http"])
def test_pages_that_declare_their_charset_come_out_right(crawled, charset, mode):
    assert TEXTS[charset] in crawled.item_for(crawled.urls[charset, mode])["markdown"]


@pytest.mark.parametrize("charset", ["shift_jis", "gb18030", "utf-16"])
def test_cjk_and_bom_pages_declared_wrong_come_out_right(crawled, charset):
    assert TEXTS[charset] in crawled.item_for(crawled.urls[charset, "wrong"])["markdown"]


@pytest.mark.parametrize("charset", sorted(TEXTS))
@pytest.mark.parametrize("mode", ["none", "wrong"])
def test_a_page_is_right_or_flagged_never_silently_garbled(crawled, charset, mode):
    url = crawled.urls[charset, mode]
    right = TEXTS[charset] in crawled.item_for(url)["markdown"]
    flagged = mode == "none" or any(
        "Charset wrong in " + url in line for line in crawled.log.splitlines()
    )
    assert right or flagged


def test_wrong_and_missing_declarations_are_counted_once_each(crawled):
    wrong = [line for line in crawled.log.splitlines() if "Charset wrong in" in line]
    # utf-16's BOM outranks the wrong <meta>, so four pages are declared wrong
    assert len(wrong) == 4
    assert crawled.stat("newscrawl/encoding/declared_wrong") == 4
    assert crawled.stat("newscrawl/encoding/undeclared") == 4  # the utf-16 one has its BOM
    assert "Traceback" not in crawled.log


def _feed(text: str, charset: str, declared: str | None) -> bytes:
    decl = f' encoding="{declared}"' if declared else ""
    return (
        f'<?xml version="1.0"{decl}?><rss version="2.0"><channel><title>c</title>'
        f"<item><title>{text}</title><link>http://example.com/1</link></item></channel></rss>"
    ).encode(charset)


@pytest.mark.parametrize("charset", sorted(TEXTS))
def test_feeds_that_declare_their_charset_come_out_right(charset):
    for declared, content_type in [(charset, None), (None, f"text/xml; charset={charset}")]:
        feed = parse_feed(_feed(TEXTS[charset], charset, declared), "http://e.com/f", content_type)
        assert feed.entries[0].title == TEXTS[charset]
        assert feed.problem is None


@pytest.mark.parametrize("charset", sorted(TEXTS))
@pytest.mark.parametrize("declared", [None, "utf-8"])
def test_feeds_declared_wrong_or_not_at_all_are_right_or_flagged(charset, declared):
    feed = parse_feed(_feed(TEXTS[charset], charset, declared), "http://e.com/f", "text/xml")
    right = feed.entries[0].title == TEXTS[charset]
    assert right or "(a guess)" in (feed.problem or "")


def test_a_feed_read_by_its_own_xml_declaration_is_not_flagged():
    """text/xml without a charset means us-ascii to feedparser; the XML declaration wins."""
    body = _feed(TEXTS["latin-1"], "latin-1", "iso-8859-1")
    feed = parse_feed(body, "http://e.com/f", "text/xml")
    assert feed.entries[0].title == TEXTS["latin-1"]
    assert feed.problem is None
