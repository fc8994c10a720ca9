"""Real crawls of the demo site: records in the JSON Lines, one Markdown post per article."""

from __future__ import annotations

from pathlib import Path

from newscrawl.demo.server import feed_urls
from newscrawl.frontmatter import PRESETS, parse_post
from tests.support.crawl import run_crawl


def test_demo_crawl_writes_records_and_one_post_per_article(demo_site, tmp_path: Path) -> None:
    out = tmp_path / "archive"
    result = run_crawl(
        out,
        feeds=feed_urls(demo_site),
        settings={
            "NEWSCRAWL_FRONTMATTER_PRESET": "hugo",
            "NEWSCRAWL_FRONTMATTER_KEYS": {"original_link": "source_link"},
            "NEWSCRAWL_ITEMS_EXCLUDE_FIELDS": "html,body_html",
        },
    )
    assert result.returncode == 0, result.log
    assert len(result.items) == 6
    posts = {
        p.name: parse_post(p.read_text(encoding="utf-8")) for p in (out / "posts").glob("*.md")
    }
    assert len(posts) == 6
    by_id = {front["id"]: (name, front, body) for name, (front, body) in posts.items()}
    for item in result.items:
        record = item["record"]
        assert "html" not in item and "body_html" not in item
        assert set(record) <= (set(PRESETS["hugo"]) - {"original_link"}) | {"source_link"}
        assert record["title"] == (item.get("title") or item["entry_title"])
        assert record["source_link"] == item["original_link"]
        assert record["draft"] is False
        name, front, _ = by_id[record["id"]]
        assert front == record
        assert name == f"{record['date'][:10]}-{record['slug']}.md"
    bridge = next(i for i in result.items if "harbour-bridge" in i["url"])
    assert bridge["record"]["title"].startswith("Harbour bridge reopens after two-year rebuild –")
    assert result.stat("newscrawl/frontmatter/records") == 6
    assert result.stat("newscrawl/frontmatter/posts_written") == 6


def test_recrawl_keeps_ids_and_files(demo_site, tmp_path: Path) -> None:
    out = tmp_path / "archive"
    first = run_crawl(
        out, feeds=feed_urls(demo_site), settings={"NEWSCRAWL_FRONTMATTER_PRESET": "wordpress"}
    )
    names = sorted(p.name for p in (out / "posts").glob("*.md"))
    second = run_crawl(
        out, feeds=feed_urls(demo_site), settings={"NEWSCRAWL_FRONTMATTER_PRESET": "wordpress"}
    )
    assert first.returncode == 0 and second.returncode == 0, second.log
    assert sorted(p.name for p in (out / "posts").glob("*.md")) == names
    first_ids = {i["record"]["ID"] for i in first.items}
    assert len(first_ids) == 6
    assert {i["record"]["ID"] for i in second.items} == first_ids
