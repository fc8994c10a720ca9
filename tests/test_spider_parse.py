"""``scrapy parse URL`` (no -c): a feed is read as a feed, a page as an article."""

from __future__ import annotations

import subprocess
import sys

from tests.support.crawl import ROOT, crawl_env


def scrapy_parse(url: str, *args: str, tmp_path) -> subprocess.CompletedProcess:
    cmd = [
        sys.executable, "-m", "scrapy", "parse", "--spider=feeds", *args,
        "-s", f"NEWSCRAWL_OUTPUT_DIR={tmp_path / 'out'}",
        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
        "-s", "NEWSCRAWL_ALLOWED_NETWORKS=127.0.0.1/32",
        url,
    ]  # fmt: skip
    return subprocess.run(
        cmd, cwd=ROOT, env=crawl_env(), capture_output=True, text=True, timeout=120
    )


def test_scrapy_parse_reads_a_feed_as_a_feed(demo_site, tmp_path):
    result = scrapy_parse(demo_site.url("/feeds/science.rdf"), tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "NotImplementedError" not in result.stderr
    assert "Traceback" not in result.stderr
    requests = result.stdout.split("# Requests", 1)[1]
    assert demo_site.url("/science/2026/11/lake-ice-cores.html") in requests
    assert demo_site.url("/business/2026/11/night-trains-return.html") in requests
    assert "'newscrawl/feeds/parsed': 1" in result.stderr
    assert " WARNING: " not in result.stderr  # not even Scrapy's own parse deprecation


def test_scrapy_parse_reads_a_page_as_an_article_with_cleaned_fields(demo_site, tmp_path):
    result = scrapy_parse(
        demo_site.url("/science/2026/11/lake-ice-cores.html"), "--pipelines", tmp_path=tmp_path
    )

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    items = result.stdout.split("# Scraped Items", 1)[1].split("# Requests", 1)[0]
    assert "'title': 'Ice cores from Lake Varen push the regional climate record back" in items
    assert "'markdown':" in items  # the cleaning pipeline ran
    assert "'record':" in items  # and the front-matter one
    assert "'body_source': 'trafilatura'" in items


def test_scrapy_parse_depth_two_follows_a_feed_to_its_articles(demo_site, tmp_path):
    result = scrapy_parse(demo_site.url("/feeds/culture.json"), "--depth", "2", tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    level2 = result.stdout.split("DEPTH LEVEL 2", 1)[1]
    assert "'title': 'Festival screens films rescued from a flooded municipal archive'" in level2
