"""CleanMarkupPipeline on Article items: fields filled, fallbacks, stats and bad input."""

from __future__ import annotations

import logging

import pytest
from scrapy.utils.test import get_crawler

from newscrawl.items import Article
from newscrawl.pipelines.clean import CleanMarkupPipeline


def pipeline(**settings: object) -> CleanMarkupPipeline:
    return CleanMarkupPipeline.from_crawler(get_crawler(settings_dict=settings))


def test_fills_clean_html_markdown_and_excerpt() -> None:
    item = Article(
        url="https://example.com/news/a.html",
        html='<html><head><base href="/static/"></head><body></body></html>',
        body_html='[ad_1]<div class="x"><p>Hello <a href="b.html">world</a>.</p></div>[ad_2]',
        entry_summary="<p>Feed summary [&#8230;]</p>",
    )
    p = pipeline()
    assert p.process_item(item) is item
    assert item.clean_html == (
        '<p>Hello <a href="https://example.com/static/b.html" rel="noopener noreferrer nofollow">'
        "world</a>.</p>"
    )
    assert item.markdown == "Hello [world](https://example.com/static/b.html).\n"
    assert item.excerpt == "Feed summary"
    assert p.stats.get_value("newscrawl/clean/cleaned") == 1


def test_falls_back_to_entry_content() -> None:
    item = Article(url="https://example.com/a", body_html="<script>x</script>",
                   entry_content="<p>From the feed.</p>")  # fmt: skip
    p = pipeline()
    p.process_item(item)
    assert item.clean_html == "<p>From the feed.</p>"
    assert p.stats.get_value("newscrawl/clean/from_entry_content") == 1


def test_no_body_still_gives_an_excerpt(caplog: pytest.LogCaptureFixture) -> None:
    item = Article(url="https://example.com/a", description="Meta description.")
    p = pipeline()
    with caplog.at_level(logging.INFO):
        p.process_item(item)
    assert item.clean_html is None
    assert item.excerpt == "Meta description."
    assert p.stats.get_value("newscrawl/clean/no_body") == 1
    assert "No body to clean for https://example.com/a" in caplog.text


def test_body_with_nothing_left_is_counted() -> None:
    item = Article(url="https://example.com/a", body_html='<div class="ad">Buy</div>')
    p = pipeline()
    p.process_item(item)
    assert item.clean_html is None
    assert p.stats.get_value("newscrawl/clean/empty") == 1


def test_excerpt_length_setting() -> None:
    item = Article(url="https://example.com/a", body_html="<p>" + "word " * 200 + "</p>")
    pipeline(NEWSCRAWL_CLEAN_EXCERPT_LENGTH=40).process_item(item)
    assert len(item.excerpt) <= 40 and item.excerpt.endswith("…")


def test_drop_selectors_setting() -> None:
    item = Article(url="https://example.com/a", body_html='<p>Keep</p><p class="credit">Drop</p>')
    pipeline(NEWSCRAWL_CLEAN_DROP_SELECTORS=["p.credit"]).process_item(item)
    assert item.clean_html == "<p>Keep</p>"


def test_bad_selector_stops_at_start_up() -> None:
    with pytest.raises(ValueError, match="NEWSCRAWL_CLEAN_DROP_SELECTORS"):
        pipeline(NEWSCRAWL_CLEAN_DROP_SELECTORS=["p[["])


@pytest.mark.parametrize(
    "body",
    ["\x00\x01\x02", "<" * 10000, "<p>" * 5000 + "deep", "&#xD800;&#0;&#x110000;", "\ufffe<p>x"],
)
def test_broken_markup_never_crashes(body: str, caplog: pytest.LogCaptureFixture) -> None:
    item = Article(url="https://example.com/a", body_html=body)
    pipeline().process_item(item)
    assert "Traceback" not in caplog.text


def test_items_without_the_fields_are_left_alone(caplog: pytest.LogCaptureFixture) -> None:
    from dataclasses import dataclass

    @dataclass
    class Other:
        url: str = "https://example.com/a"
        body_html: str = "<p>x</p>"

    p = pipeline()
    other = Other()
    with caplog.at_level(logging.WARNING):
        assert p.process_item(other) is other
    assert p.stats.get_value("newscrawl/clean/unsupported_item") == 1
