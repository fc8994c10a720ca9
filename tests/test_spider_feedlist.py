"""Real crawls: feed lists with bad entries, scheme-less entries, remote and empty lists."""

from __future__ import annotations

from newscrawl.demo.server import feed_urls
from tests.support.crawl import run_crawl


def _lines_naming(log: str, text: str) -> list[str]:
    return [line for line in log.splitlines() if text in line]


def test_bad_feed_entries_cost_only_themselves(demo_site, tmp_path):
    good = feed_urls(demo_site, ["science.rdf", "culture.json"])
    bad = ["not-a-url", "javascript:alert(1)", "ftp://files.example/feed"]

    result = run_crawl(tmp_path / "out", feeds=[bad[0], good[0], *bad[1:], good[1]])

    assert result.returncode == 0, result.log
    assert "Traceback" not in result.log
    assert result.stat("finish_reason") == "finished"
    assert result.stat("newscrawl/feeds/parsed") == 2
    assert len(result.items) == 3
    assert result.stat("newscrawl/feeds/list_entry_unusable") == 3
    for text in bad:
        lines = _lines_naming(result.log, repr(text))
        assert len(lines) == 1, (text, lines)
        assert "WARNING" in lines[0] and "Feed list entry skipped" in lines[0]


def test_a_scheme_less_line_in_a_feeds_file_is_read_as_https(demo_site, tmp_path):
    port = demo_site.server_address[1]
    listing = tmp_path / "feeds.txt"
    listing.write_text(
        f"localhost:{port}/feeds/world.rss   # no scheme: https is assumed\n"
        "not a url at all\n"
        f"{demo_site.url('/feeds/business.atom')}\n"
    )

    result = run_crawl(
        tmp_path / "out", spider_args={"feeds_file": str(listing)}, settings={"RETRY_TIMES": 0}
    )

    assert "Traceback" not in result.log
    assert result.stat("newscrawl/feeds/parsed") == 1  # business.atom
    assert result.stat("newscrawl/feeds/list_entry_assumed_https") == 1
    assert result.stat("newscrawl/feeds/list_entry_unusable") == 1  # a line is one entry
    assumed = _lines_naming(result.log, "assumed https://")
    assert len(assumed) == 1 and "INFO" in assumed[0]
    # the loopback server speaks plain HTTP, so the https:// guess fails, and says so
    failed = _lines_naming(result.log, f"Feed failed https://localhost:{port}/feeds/world.rss")
    assert len(failed) == 1


def test_feeds_file_may_be_the_url_of_an_opml_list(demo_site, tmp_path):
    result = run_crawl(tmp_path / "out", spider_args={"feeds_file": demo_site.url("/feeds.opml")})

    assert result.returncode == 0, result.log
    assert result.stat("newscrawl/feeds/lists_read") == 1
    assert result.stat("newscrawl/feeds/parsed") == 5
    assert len(result.items) == 6
    assert demo_site.hits_for("/feeds.opml") == 1


def test_a_remote_list_that_fails_is_one_line(server, tmp_path):
    missing = server.add("/feeds.opml", "gone", status=404)

    result = run_crawl(tmp_path / "out", spider_args={"feeds_file": missing})

    assert "Traceback" not in result.log
    lines = _lines_naming(result.log, missing)
    assert len(lines) == 1 and "Feed list failed" in lines[0] and "HTTP 404" in lines[0]
    assert result.stat("newscrawl/feeds/parsed") == 0


def test_a_remote_list_that_is_an_html_page_is_one_line(server, tmp_path):
    page = server.add(
        "/login",
        "<!DOCTYPE html><html><body>\n<p>Please log in</p>\n<p>to see feeds</p>\n</body></html>",
        headers=[("Content-Type", "text/html")],
    )

    result = run_crawl(tmp_path / "out", spider_args={"feeds_file": page})

    assert len(_lines_naming(result.log, "Feed list")) == 1
    assert result.stat("newscrawl/feeds/list_not_a_list") == 1
    assert result.stat("newscrawl/feeds/list_entry_unusable") == 0


def test_an_opml_without_feeds_says_so(server, tmp_path):
    empty = tmp_path / "empty.opml"
    empty.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="x"/></body></opml>'
    )
    remote = server.add(
        "/folders.opml", empty.read_text(), headers=[("Content-Type", "text/x-opml")]
    )

    local = run_crawl(tmp_path / "local", spider_args={"feeds_file": str(empty)})
    fetched = run_crawl(tmp_path / "remote", spider_args={"feeds_file": remote})

    assert "Traceback" not in local.log + fetched.log
    assert len(_lines_naming(local.log, f"Feed list {empty} holds no feeds")) == 1
    assert local.stat("finish_reason") == "no_feeds"
    assert len(_lines_naming(fetched.log, f"Feed list {remote} holds no feeds")) == 1
    assert fetched.stat("newscrawl/feeds/list_empty") == 1
