"""Archive-only crawls (NEWSCRAWL_EXTRACT = False): WARC and minimal items, no extraction."""

from __future__ import annotations

from newscrawl.items import ArchivedPage
from tests.support.crawl import run_crawl
from tests.support.warc import read_at, read_dir

MINIMAL = {
    "feed_url", "entry_id", "original_link", "permalink", "url", "status", "fetched_at",
    "entry_title", "entry_author", "entry_published", "entry_categories", "entry_summary",
    "entry_content", "warc_file", "warc_record_id", "warc_offset",
    "warc_payload_digest", "warc_truncated",
}  # fmt: skip


def test_archive_only_archives_pages_and_writes_minimal_items(demo_site, tmp_path):
    out = tmp_path / "out"
    feed = demo_site.url("/feeds/feedburner.xml")
    result = run_crawl(out, feeds=[feed], settings={"NEWSCRAWL_EXTRACT": False})

    assert result.returncode == 0, result.log
    assert [line for line in result.log.splitlines() if " WARNING: " in line] == []
    assert len(result.items) == 3
    assert set(ArchivedPage.__dataclass_fields__) == MINIMAL
    for item in result.items:
        assert set(item) <= MINIMAL  # nothing extracted: no title, body, markdown, record
        assert item["status"] == 200 and item["feed_url"] == feed and item["entry_title"]
        # the item says where its response is, and that record is the page
        record = read_at(out / "warc" / item["warc_file"], item["warc_offset"])
        assert record.headers["WARC-Record-ID"] == item["warc_record_id"]
        assert record.headers["WARC-Target-URI"] == item["url"]
        assert b"<html" in record.payload.lower()
    # feeds are archived too; no posts, no extraction or cleaning
    uris = {r.headers.get("WARC-Target-URI") for r in read_dir(out / "warc")}
    assert feed in uris
    assert not list(out.glob("posts/*.md"))
    assert not [k for k in result.stats if k.startswith(("newscrawl/extract", "newscrawl/clean"))]
    assert result.stat("newscrawl/articles/fetched") == 3


def test_archive_only_with_crawl_state_records_pages_and_skips_them_next_run(demo_site, tmp_path):
    out = tmp_path / "archive"
    feeds = [demo_site.url("/feeds/science.rdf")]
    settings = {
        "NEWSCRAWL_EXTRACT": False,
        "NEWSCRAWL_STATE_ENABLED": True,
        "NEWSCRAWL_FEED_MIN_INTERVAL": 0,
        "NEWSCRAWL_FEED_CONDITIONAL": False,
    }
    first = run_crawl(out, feeds=feeds, settings=settings)
    assert first.returncode == 0, first.log[-3000:]
    assert " ERROR: " not in first.log, first.log[-3000:]
    assert len(first.items) == first.stat("newscrawl/articles/fetched") >= 2
    again = run_crawl(out, feeds=feeds, settings=settings)
    assert again.returncode == 0, again.log[-3000:]
    assert again.stat("newscrawl/articles/known") == len(first.items)
    assert again.stat("newscrawl/articles/fetched") == 0
