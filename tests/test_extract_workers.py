"""Extraction and cleaning in worker processes, in real crawls against a loopback site."""

from __future__ import annotations

import json
import os
import queue
import signal
import threading
import time

from newscrawl.extract import extract_article
from tests.support.crawl import kill_crawl, run_crawl, start_crawl
from tests.support.warc import read_dir, rss

HTML = [("Content-Type", "text/html; charset=utf-8")]
FAULTY_JOB = {"NEWSCRAWL_EXTRACT_JOB": "tests.support.faulty_job.process_page"}
KEEP_BODY = {"NEWSCRAWL_ITEMS_EXCLUDE_FIELDS": ["html"]}


def article(title: str, paragraphs: int = 6) -> str:
    body = "".join(
        f"<p>Paragraph {i} of {title}: the harbour board met on Monday to discuss the winter "
        "timetable for the island ferries and the price of a single crossing.</p>"
        for i in range(paragraphs)
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta name='author' content='Ana Ruiz'></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Contact</footer></body></html>"
    )


def serve(server, paths: list[str]) -> str:
    for path in paths:
        server.add(path, article(f"Story {path.strip('/')}"), headers=HTML)
    return server.add("/feed.xml", rss(server, paths), headers=[("Content-Type", "text/xml")])


def warnings_in(log: str) -> list[str]:
    return [line for line in log.splitlines() if " WARNING: " in line or " ERROR: " in line]


def test_workers_extract_and_clean_every_item_before_the_later_pipelines(demo_site, tmp_path):
    result = run_crawl(
        tmp_path / "out",
        feeds=[demo_site.url("/feeds/feedburner.xml")],
        settings={**KEEP_BODY, "NEWSCRAWL_EXTRACT_WORKERS": 2},
    )

    assert result.returncode == 0, result.log
    assert warnings_in(result.log) == []
    assert result.stat("newscrawl/extract/workers") == 2
    assert result.stat("newscrawl/extract/pages") == len(result.items) == 3
    assert result.stat("newscrawl/clean/cleaned") == 3
    for item in result.items:
        # the worker filled what the spider used to fill, and cleaning ran there too
        assert item["body_source"] == "trafilatura" and item["word_count"] > 50
        assert item["title"] and item["authors"] and item["published"]
        assert item["clean_html"].startswith("<") and "<script" not in item["clean_html"]
        assert item["markdown"] and item["excerpt"]
        # the front-matter pipeline ran after the worker, on its fields
        assert item["record"]["title"] == item["title"]
        assert item["warc_file"] and item["warc_record_id"]
    assert len(list((tmp_path / "out" / "posts").glob("*.md"))) == 3


def test_workers_give_the_same_fields_as_extraction_in_the_spider(demo_site, tmp_path):
    result = run_crawl(
        tmp_path / "out", feeds=[demo_site.url("/feeds/feedburner.xml")], settings=KEEP_BODY
    )
    assert result.returncode == 0, result.log
    item = result.item_for("harbour-bridge-reopens")
    page = next(
        r
        for r in read_dir(tmp_path / "out" / "warc")
        if r.rec_type == "response" and r.headers["WARC-Target-URI"] == item["url"]
    )
    direct = extract_article(page.payload, item["url"], None, item["fetched_at"])
    assert item["body_html"] == direct["body_html"]
    assert item["word_count"] == direct["word_count"]


def test_a_crashing_or_hanging_extraction_costs_only_its_page(server, tmp_path):
    feed = serve(server, ["/fine-1", "/crash", "/hang", "/fine-2"])

    started = time.monotonic()
    result = run_crawl(
        tmp_path / "out",
        feeds=[feed],
        settings={**FAULTY_JOB, "NEWSCRAWL_EXTRACT_WORKERS": 2, "NEWSCRAWL_EXTRACT_TIMEOUT": 8},
        timeout=300,
    )

    assert result.returncode == 0, result.log
    assert time.monotonic() - started < 250  # the hanging page did not hold the crawl
    assert len(result.items) == 4  # every page keeps its item
    for path in ("/fine-1", "/fine-2"):
        item = result.item_for(path)
        assert item["body_source"] == "trafilatura" and item["clean_html"]
    for path, reason in (("/crash", "crashed"), ("/hang", "timeout")):
        item = result.item_for(path)
        assert item["body_source"] is None and item["word_count"] == 0
        assert item["warc_record_id"]  # archived all the same
        assert result.stat(f"newscrawl/extract/{reason}") == 1
        lines = [line for line in warnings_in(result.log) if server.url(path) in line]
        assert len(lines) == 1 and f"Extraction {reason} on" in lines[0], result.log
    assert result.stat("newscrawl/extract/body_source/trafilatura") == 2


def read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def wait_for_line(lines: queue.Queue, text: str, timeout: float) -> str:
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            break
        seen.append(line)
        if text in line:
            return "".join(seen)
    raise AssertionError(f"no line with {text!r}:\n" + "".join(seen)[-3000:])


def crawl_until_stopped(server, tmp_path, sig: int, whole_group: bool):
    paths = [f"/slow-{n}" for n in range(60)]
    feed = serve(server, paths)
    out = tmp_path / "out"
    # a small scraper slot (Scrapy counts each response as at least 1 KiB): the backpressure
    # that holds downloads back while the workers are busy
    settings = {**FAULTY_JOB, "NEWSCRAWL_EXTRACT_WORKERS": 2, "SCRAPER_SLOT_MAX_ACTIVE_SIZE": 20000}
    proc = start_crawl(out, [feed], settings=settings)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(proc.stdout, lines), daemon=True).start()
    try:
        done_before = wait_for_line(lines, "page done", timeout=120).count("page done")
        if whole_group:
            kill_crawl(proc, sig)  # Ctrl-C in a terminal, systemd's stop
        else:
            os.kill(proc.pid, sig)  # kill PID
        proc.wait(timeout=180)
    finally:
        if proc.poll() is None:
            kill_crawl(proc, signal.SIGKILL)
    stats = json.loads((out / "stats.json").read_text())
    items = [
        json.loads(line)
        for path in (out / "items").glob("*.jsonl")
        for line in path.read_text().splitlines()
    ]
    return stats, items, len(paths), done_before


def check_nothing_lost(stats: dict, items: list[dict], total: int, done_before: int) -> None:
    assert stats["finish_reason"] == "shutdown"
    fetched = stats["newscrawl/articles/fetched"]
    # stopped mid-crawl, with pages fetched but not yet extracted
    assert fetched < total and done_before < fetched
    # every page fetched became a complete item: extracted, cleaned, exported
    assert len(items) == fetched == stats["newscrawl/extract/pages"]
    assert all(i["body_source"] == "trafilatura" and i["clean_html"] for i in items)
    assert len({i["url"] for i in items}) == fetched
    for reason in ("timeout", "crashed", "failed"):
        assert f"newscrawl/extract/{reason}" not in stats


def test_sigterm_mid_crawl_loses_no_item(server, tmp_path):
    check_nothing_lost(*crawl_until_stopped(server, tmp_path, signal.SIGTERM, False))


def test_ctrl_c_to_the_process_group_mid_crawl_loses_no_item(server, tmp_path):
    check_nothing_lost(*crawl_until_stopped(server, tmp_path, signal.SIGINT, True))
