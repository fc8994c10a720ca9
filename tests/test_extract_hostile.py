"""Hostile and broken input never raises; fields come back empty instead."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.extract import ARTICLE_KEYS, extract_article
from newscrawl.extract.fragments import fragment_text
from newscrawl.extract.load import disarm_controls
from newscrawl.extract.text import _WORD, word_count

URL = "https://news.example/a"
TEXT = "".join(
    f"<p>Paragraph {i}: the harbour board met on Monday to discuss the winter timetable "
    "for the island ferries and the price of a single crossing for residents.</p>"
    for i in range(5)
)


def test_control_character_reference_in_href_does_not_lose_the_document():
    # trafilatura alone discards a page with &#14; inside an href
    html = (
        '<html><body><article><h1>Ferries</h1><a href="&#14;javascript:alert(1)">x</a>'
        + TEXT
        + "</article></body></html>"
    )
    result = extract_article(html, URL)
    assert result["body_source"] == "trafilatura"
    assert "Paragraph 4" in fragment_text(result["body_html"])
    assert "\x0e" not in result["body_html"]


def test_raw_control_characters_are_removed():
    html = (
        "<html><body><article>"
        + TEXT.replace("harbour", "har\x00bo\x0bur")
        + "</article></body></html>"
    )
    result = extract_article(html, URL)
    assert "harbour board" in fragment_text(result["body_html"])


def test_disarm_controls_keeps_ordinary_references():
    assert disarm_controls("a&#14;b&#x0E;c&#10;d&#8211;e&amp;") == "abc&#10;d&#8211;e&amp;"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n\t ",
        None,
        b"",
        b"\xff\xfe\x00\x00garbage\x80\x81",
        "<html>",
        "<<<>>>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>",
        "<html><body>" + "<div>" * 5000 + "deep" + "</div>" * 5000 + "</body></html>",
        '<html><head><script type="application/ld+json">[[[[{"@graph": {"@graph": 1}}]]]]'
        "</script></head></html>",
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"author": {"name": {"x": 1}}, "datePublished": ["a"], "headline": 5, '
        '"image": [[]], "keywords": {"a": 1}, "inLanguage": 3}</script></head></html>',
        '<html><head><meta property="article:published_time" content="99999-99-99"></head></html>',
        '<html><head><link rel="canonical" href="http://[::1"></head></html>',
    ],
)
def test_broken_pages_return_all_keys_without_raising(html):
    result = extract_article(html, URL, entry={"title": None, "categories": "not a list"})
    assert tuple(result) == ARTICLE_KEYS
    assert isinstance(result["authors"], list)
    assert isinstance(result["categories"], list)
    assert isinstance(result["word_count"], int)


def test_empty_page_falls_back_to_the_feed_entry():
    entry = {
        "title": "Feed &#8211; title",
        "author": "Ana Ruiz",
        "published": "2024-01-01T10:00:00+00:00",
        "categories": ["A", "a", "B"],
        "content": "<p>Feed body text.</p>",
    }
    result = extract_article("", URL, entry=entry)
    assert result["title"] == "Feed \u2013 title"
    assert result["authors"] == ["Ana Ruiz"]
    assert result["published"] == "2024-01-01T10:00:00+00:00"
    assert result["categories"] == ["A", "B"]
    assert result["body_source"] == "feed"


def test_non_utf8_bytes_are_decoded_by_their_declared_charset():
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9 na\xefve</title></head>'
        "<body><article>" + TEXT + "</article></body></html>"
    ).encode("latin-1")
    assert extract_article(html, URL)["title"] == "Café naïve"


def test_odd_entry_values_are_ignored():
    result = extract_article("<html><body>" + TEXT + "</body></html>", URL, entry={"author": 5})
    assert result["authors"] == []


def test_fetched_at_accepts_datetime_and_garbage():
    from datetime import datetime, timezone

    html = '<html><head><meta property="article:published_time" content="2020-01-01"></head></html>'
    when = datetime(2021, 1, 1, tzinfo=timezone.utc)
    assert extract_article(html, URL, fetched_at=when)["published"] == "2020-01-01T00:00:00+00:00"
    assert extract_article(html, URL, fetched_at="nonsense")["published"].startswith("2020-01-01")


_WORDY = "ab1_ -'’.,\"()[]…/\u00a0\u2009\t\n\u200bé\u0301x٣"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_WORDY) | st.characters(), max_size=60))
def test_word_count_is_the_word_expressions_count(text: str) -> None:
    assert word_count(text) == len(_WORD.findall(text))


def test_word_count_counts_joined_words_once() -> None:
    assert word_count("A state-of-the-art (lab), rock 'n' roll... x__y 3.5 l’été") == 10
