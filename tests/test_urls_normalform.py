"""One normal form for URLs from documents: what may be fetched, and what is equal."""

from __future__ import annotations

import pytest

from newscrawl.frontmatter import article_id
from newscrawl.urls import MAX_URL_LENGTH, url_key, web_url

SPELLINGS = [
    "https://news.example/straße",
    "https://news.example/stra%C3%9Fe",
    "https://news.example/stra%c3%9fe",
]


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "\x0ejavascript:alert(1)",
        "data:text/html,<script>x</script>",
        "mailto:editor@example.org",
        "ftp://files.example/x",
        "http://[broken/x",
        "http://host.example:notaport/x",
        "https://x.example/" + "a" * MAX_URL_LENGTH,
        "",
        None,
        42,
    ],
)
def test_web_url_refuses_what_is_not_a_web_address(value):
    assert web_url(value, "https://news.example/page") is None
    assert web_url(value) is None


def test_web_url_without_a_base_refuses_relative_and_host_less_urls():
    assert web_url("https:///no-host") is None
    assert web_url("/relative/path") is None
    assert web_url("www.example.com/rss") is None  # feed lists guess https:// themselves


def test_web_url_resolves_encodes_and_drops_the_fragment():
    base = "https://news.example/a/page.html"
    assert web_url("../straße#top", base) == "https://news.example/stra%C3%9Fe"
    assert web_url("//cdn.example/x", base) == "https://cdn.example/x"
    assert web_url("https://bücher.example/a b") == "https://xn--bcher-kva.example/a%20b"
    assert web_url("/x#frag", base, keep_fragment=True) == "https://news.example/x#frag"


def test_spellings_of_one_url_have_one_key_and_one_article_id():
    assert len({url_key(u) for u in SPELLINGS}) == 1
    assert len({article_id({"canonical_url": u}) for u in SPELLINGS}) == 1
    assert url_key("https://news.example/strasse") != url_key(SPELLINGS[0])
    assert url_key("https://x.example/p?b=2&a=1#c") == url_key("https://x.example/p?a=1&b=2")
