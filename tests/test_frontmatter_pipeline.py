"""FrontMatterPipeline and the Markdown post exporter: files, collisions, re-runs, bad input."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from newscrawl.frontmatter import FrontMatterConfig, parse_post
from newscrawl.items import Article
from newscrawl.pipelines.clean import CleanMarkupPipeline
from newscrawl.pipelines.frontmatter import FrontMatterPipeline


def article(url: str, title: str, published: str = "2016-01-11T17:48:48Z", **kw: object) -> Article:
    return Article(
        url=url,
        canonical_url=url,
        title=title,
        published=published,
        markdown=f"Body of {url}\n",
        **kw,
    )


def run(tmp_path: Path, items: list[Article], **config: object) -> FrontMatterPipeline:
    crawler = get_crawler(
        settings_dict={
            "NEWSCRAWL_OUTPUT_DIR": str(tmp_path / "archive"),
            **{f"NEWSCRAWL_FRONTMATTER_{k.upper()}": v for k, v in config.items()},
        }
    )
    pipeline = FrontMatterPipeline.from_crawler(crawler)
    pipeline.open_spider()
    for item in items:
        pipeline.process_item(item)
    return pipeline


def posts(tmp_path: Path) -> dict[str, tuple[dict, str]]:
    folder = tmp_path / "archive" / "posts"
    return {p.name: parse_post(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.md"))}


def test_one_post_per_article_with_front_matter_and_body(tmp_path: Path) -> None:
    item = article("https://example.com/news/1", "Gun trafficking: efforts falter")
    pipeline = run(tmp_path, [item], preset="wordpress")
    files = posts(tmp_path)
    assert list(files) == ["2016-01-11-gun-trafficking-efforts-falter.md"]
    record, body = files["2016-01-11-gun-trafficking-efforts-falter.md"]
    assert record == item.record
    assert body == "Body of https://example.com/news/1\n"
    assert pipeline.stats.get_value("newscrawl/frontmatter/posts_written") == 1


def test_same_slug_different_article_gets_a_suffix(tmp_path: Path) -> None:
    first = article("https://example.com/news/1", "Storm hits coast")
    second = article("https://example.com/news/2", "Storm hits coast")
    pipeline = run(tmp_path, [first, second], preset="jekyll")
    names = list(posts(tmp_path))
    assert len(names) == 2
    assert "2016-01-11-storm-hits-coast.md" in names
    suffixed = next(n for n in names if n != "2016-01-11-storm-hits-coast.md")
    assert re.fullmatch(r"2016-01-11-storm-hits-coast-[0-9a-f]{6}\.md", suffixed)
    assert first.record["permalink"] == "/storm-hits-coast/"
    assert second.record["permalink"] == "/" + suffixed[11:-3] + "/"
    assert pipeline.stats.get_value("newscrawl/frontmatter/slug_collisions") == 1


def test_same_slug_on_another_day_still_collides_on_the_permalink(tmp_path: Path) -> None:
    first = article("https://example.com/news/1", "Weather", "2016-01-11T10:00:00Z")
    second = article("https://example.com/news/2", "Weather", "2016-01-12T10:00:00Z")
    run(tmp_path, [first, second])
    assert first.record["permalink"] != second.record["permalink"]


def test_rerun_overwrites_the_same_file_in_any_order(tmp_path: Path) -> None:
    first = article("https://example.com/news/1", "Storm hits coast")
    second = article("https://example.com/news/2", "Storm hits coast")
    run(tmp_path, [first, second])
    before = posts(tmp_path)
    again_second = article("https://example.com/news/2", "Storm hits coast")
    again_first = article("https://example.com/news/1", "Storm hits coast")
    again_first.markdown = "Updated body\n"
    run(tmp_path, [again_second, again_first])  # another run, other order
    after = posts(tmp_path)
    assert list(after) == list(before)
    assert again_first.record == first.record and again_second.record == second.record
    assert after["2016-01-11-storm-hits-coast.md"][1] == "Updated body\n"


def test_rerun_with_a_changed_date_keeps_the_same_file(tmp_path: Path) -> None:
    run(tmp_path, [article("https://example.com/news/1", "Storm", "2016-01-11T10:00:00Z")])
    run(tmp_path, [article("https://example.com/news/1", "Storm", "2016-01-13T10:00:00Z")])
    assert list(posts(tmp_path)) == ["2016-01-11-storm.md"]


def test_same_article_twice_in_one_run_writes_one_file(tmp_path: Path) -> None:
    run(
        tmp_path, [article("https://example.com/n/1", "A"), article("https://example.com/n/1", "A")]
    )
    assert list(posts(tmp_path)) == ["2016-01-11-a.md"]


def test_foreign_file_with_the_slug_is_never_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "archive" / "posts"
    folder.mkdir(parents=True)
    (folder / "2016-01-11-storm.md").write_text("---\ntitle: mine\n---\nhand written\n")
    run(tmp_path, [article("https://example.com/news/1", "Storm")])
    files = posts(tmp_path)
    assert files["2016-01-11-storm.md"] == ({"title": "mine"}, "hand written\n")
    assert len(files) == 2


def test_writes_are_atomic_and_leave_no_temporary_files(tmp_path: Path) -> None:
    run(tmp_path, [article(f"https://example.com/n/{i}", f"Story {i}") for i in range(20)])
    names = os.listdir(tmp_path / "archive" / "posts")
    assert len(names) == 20
    assert all(n.endswith(".md") and not n.startswith(".") for n in names)


def test_leftover_temporary_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "archive" / "posts"
    folder.mkdir(parents=True)
    (folder / ".tmp-newscrawl-abc123.md").write_text("---\ntitle: half")
    (folder / ".hidden-user-file.md").write_text("kept")
    run(tmp_path, [article("https://example.com/n/1", "Storm")])
    assert sorted(os.listdir(folder)) == [".hidden-user-file.md", "2016-01-11-storm.md"]


def test_posts_can_be_switched_off(tmp_path: Path) -> None:
    item = article("https://example.com/news/1", "Storm")
    run(tmp_path, [item], posts=False)
    assert item.record["title"] == "Storm"
    assert not (tmp_path / "archive" / "posts").exists()


def test_remote_output_dir_writes_posts_into_the_spool(tmp_path: Path, caplog) -> None:
    spool = tmp_path / "spool"
    crawler = get_crawler(
        settings_dict={"NEWSCRAWL_OUTPUT_DIR": "s3://bucket/archive", "NEWSCRAWL_SPOOL_DIR": spool}
    )
    with caplog.at_level(logging.WARNING):
        pipeline = FrontMatterPipeline.from_crawler(crawler)
    pipeline.open_spider()
    item = article("https://example.com/news/1", "Storm")
    pipeline.process_item(item)
    assert item.record["title"] == "Storm"
    assert [p.name for p in (spool / "outgoing" / "posts").iterdir()] == [
        f"{item.record['date'][:10]}-storm.md"
    ]
    assert not caplog.text


def test_bad_configuration_stops_at_start_up(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_FRONTMATTER_PRESET": "blogger"})
    with pytest.raises(ValueError, match="jekyll"):
        FrontMatterPipeline.from_crawler(crawler)


def test_bad_item_is_logged_and_counted_not_raised(tmp_path: Path, caplog) -> None:
    crawler = get_crawler()
    pipeline = FrontMatterPipeline(FrontMatterConfig(), tmp_path / "posts", crawler.stats)
    pipeline.open_spider()
    with caplog.at_level(logging.WARNING):
        assert pipeline.process_item(["not", "an", "item"]) == ["not", "an", "item"]
        # the folder disappears mid-run: the write fails, the item goes on with its record
        (tmp_path / "posts").rmdir()
        (tmp_path / "posts").write_text("a file now")
        item = article("https://example.com/news/1", "Storm")
        assert pipeline.process_item(item) is item
    assert item.record["title"] == "Storm"
    assert crawler.stats.get_value("newscrawl/frontmatter/failed") == 2
    assert "Could not write the post of https://example.com/news/1" in caplog.text
    assert "Traceback" not in caplog.text


def test_clean_then_front_matter_on_one_item(tmp_path: Path) -> None:
    item = Article(
        url="https://example.com/news/1",
        title="Storm &#8211; live",
        published="2016-01-11T17:48:48Z",
        body_html="[ad_1]<div><span readability='3'><p id='x'>Winds rose.</p></span></div>",
    )
    CleanMarkupPipeline().process_item(item)
    run(tmp_path, [item], preset="wordpress")
    record, body = posts(tmp_path)["2016-01-11-storm-live.md"]
    assert record["post_title"] == "Storm – live"
    assert record["post_excerpt"] == "Winds rose."
    assert body == "Winds rose.\n"


def test_remote_posts_keep_their_names_after_the_spool_sent_them(tmp_path: Path) -> None:
    settings = {"NEWSCRAWL_OUTPUT_DIR": "s3://bucket/archive", "NEWSCRAWL_SPOOL_DIR": tmp_path}
    outgoing = tmp_path / "outgoing" / "posts"
    first = FrontMatterPipeline.from_crawler(get_crawler(settings_dict=settings))
    first.open_spider()
    storm = article("https://example.com/news/1", "Storm")
    first.process_item(storm)
    (sent,) = outgoing.iterdir()
    sent.unlink()  # the uploader stored it and emptied the spool

    second = FrontMatterPipeline.from_crawler(get_crawler(settings_dict=settings))
    second.open_spider()
    other = article("https://example.com/news/2", "Storm")  # another article, same slug
    again = article("https://example.com/news/1", "Storm")  # the same article, re-crawled
    second.process_item(other)
    second.process_item(again)
    names = sorted(p.name for p in outgoing.iterdir())
    assert sent.name in names  # the same article overwrites its own key
    assert len(names) == 2 and all(n.endswith(".md") for n in names)
    (other_name,) = [n for n in names if n != sent.name]
    assert other_name.startswith(sent.name[:-3] + "-")  # never the first article's key
