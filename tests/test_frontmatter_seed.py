"""The seed record's clean successor: a real crawl of the seed article behind a FeedBurner feed.

``tests/data/seed/000_c13cbbe82ca65ac2.txt`` is a record as the old pipeline made it
(ad markers, span soup, ``readability`` attributes, an entity in the title). The same
article HTML, in a Reuters-2016-like page with nav, ads and scripts, is served behind an
RSS entry whose ``<link>`` is a FeedBurner redirect carrying ``feedburner:origLink``.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import yaml

from newscrawl.frontmatter import parse_post
from tests.support.crawl import run_crawl

DATA = Path(__file__).parent / "data" / "seed"
SEED = DATA / "000_c13cbbe82ca65ac2.txt"
ARTICLE_PATH = "/article/us-mexico-guns-idUSKCN0UP1Y420160111"
REDIRECT_PATH = "/~r/Reuters/domesticNews/~3/Dz4LXo9py04/story01.htm"


def seed_parts() -> tuple[dict, str]:
    _, head, body = SEED.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), body


def seed_paragraphs() -> list[str]:
    _, body = seed_parts()
    doc = lxml.html.document_fromstring(body)
    return [" ".join(p.text_content().split()) for p in doc.iter("p")]


def serve_seed(server) -> str:
    page = (DATA / "reuters-2016-article.html").read_text(encoding="utf-8")
    feed = (DATA / "reuters-domesticnews.xml").read_text(encoding="utf-8")
    html_type = [("Content-Type", "text/html; charset=utf-8")]
    server.add(ARTICLE_PATH, page.replace("{base}", server.base), headers=html_type)
    server.redirect(REDIRECT_PATH, server.url(ARTICLE_PATH + "?feedType=RSS"), status=301)
    return server.add(
        "/Reuters/domesticNews",
        feed.replace("{base}", server.base),
        headers=[("Content-Type", "application/rss+xml; charset=utf-8")],
    )


def test_seed_article_yields_its_clean_wordpress_successor(server, tmp_path: Path) -> None:
    feed_url = serve_seed(server)
    out = tmp_path / "archive"
    result = run_crawl(
        out,
        feeds=[feed_url],
        settings={
            "NEWSCRAWL_FRONTMATTER_PRESET": "wordpress",
            "NEWSCRAWL_FRONTMATTER_PERMALINK_BASE": "https://www.whenitson.com",
            "NEWSCRAWL_ITEMS_EXCLUDE_FIELDS": "html,body_html",
        },
    )
    assert result.returncode == 0, result.log
    assert len(result.items) == 1, result.log
    item = result.items[0]
    record = item["record"]
    assert item["body_source"] is not None  # extraction ran in the crawl

    # exactly the seed's keys, in the seed's order, with the seed's value types
    seed_record, _ = seed_parts()
    assert list(record) == list(seed_record)
    for key, value in seed_record.items():
        if key != "post_date":  # the seed's unquoted date reads back as a datetime
            assert type(record[key]) is type(value), key

    assert record["post_title"] == (
        "Exclusive: U.S., Mexican efforts to battle gun trafficking falter \u2013 GAO"
    )
    assert "&#" not in record["post_title"]
    assert record["original_title"] == [
        "Exclusive: U.S., Mexican efforts to battle gun trafficking falter - GAO"
    ]
    assert record["original_link"] == [server.url(REDIRECT_PATH)]
    assert record["canonical_url"] == [server.url(ARTICLE_PATH)]
    assert record["original_cats"][0] == "domesticNews"
    assert record["post_date"] == "2016-01-11 17:48:48"
    assert record["permalink"] == (
        "https://www.whenitson.com/exclusive-u-s-mexican-efforts-to-battle-gun-trafficking-falter-gao/"
    )
    assert record["published"] is True
    assert record["post_excerpt"].startswith("CULIACAN, Mexico/WASHINGTON (Reuters) - Efforts")

    # every paragraph of the article, and none of the old pipeline's debris
    clean_text = " ".join(lxml.html.fragment_fromstring(item["clean_html"], "div").itertext())
    clean_text = " ".join(clean_text.split())
    markdown = " ".join(item["markdown"].split())
    for paragraph in seed_paragraphs():
        if paragraph == "Source":
            continue
        assert paragraph in clean_text, paragraph
        assert paragraph in markdown.replace("\\", ""), paragraph
    for output in (item["clean_html"], item["markdown"]):
        assert "[ad_" not in output
        assert "<span" not in output
        assert "readability" not in output
        assert not re.search(r"\sid=", output)
        assert "<script" not in output and "googletag" not in output
        assert "Daily Briefing" not in output and "Trending Stories" not in output

    # provenance stays in the item's own fields; the raw page stays out of the JSON Lines
    assert item["status"] == 200
    assert item["url"].startswith(server.url(ARTICLE_PATH))
    assert item["fetched_at"].endswith("+00:00")
    assert "html" not in item and "body_html" not in item  # NEWSCRAWL_ITEMS_EXCLUDE_FIELDS

    # the Markdown post carries the same record
    posts = list((out / "posts").glob("*.md"))
    assert [p.name for p in posts] == [
        "2016-01-11-exclusive-u-s-mexican-efforts-to-battle-gun-trafficking-falter-gao.md"
    ]
    front, body = parse_post(posts[0].read_text(encoding="utf-8"))
    assert front == record
    assert body == item["markdown"]
    assert result.stat("newscrawl/frontmatter/posts_written") == 1
    assert result.stat("newscrawl/clean/cleaned") == 1


def test_second_crawl_gives_the_same_record_and_file(server, tmp_path: Path) -> None:
    feed_url = serve_seed(server)
    out = tmp_path / "archive"
    settings = {"NEWSCRAWL_FRONTMATTER_PRESET": "wordpress"}
    first = run_crawl(out, feeds=[feed_url], settings=settings)
    second = run_crawl(out, feeds=[feed_url], settings=settings)
    assert first.returncode == 0 and second.returncode == 0, second.log
    assert first.items[0]["record"] == second.items[-1]["record"]
    assert len(list((out / "posts").glob("*.md"))) == 1
