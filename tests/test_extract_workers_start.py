"""When the extraction workers start: with the crawl, never in ``scrapy shell`` or ``parse``."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from tests.support.crawl import ROOT, crawl_env, run_crawl, run_reactor_script
from tests.support.warc import rss

MARKING_JOB = "tests.support.marking_job.process_page"
HTML = [("Content-Type", "text/html; charset=utf-8")]
PAGE = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Ferry fares</title>"
    "</head><body><article><h1>Ferry fares</h1>"
    + "<p>The harbour board met on Monday to discuss the winter timetable.</p>" * 8
    + "</article></body></html>"
)


def test_a_crawl_starts_its_workers_before_its_first_page_arrives(server, tmp_path):
    marks = tmp_path / "marks"
    marks.mkdir()
    started_before_page: list[bool] = []

    def page_once_workers_run(handler) -> None:
        # the page is held back until a worker has started and imported the job
        deadline = time.monotonic() + 90
        while not any(marks.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.05)
        started_before_page.append(any(marks.iterdir()))
        body = PAGE.encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    server.add("/news/ferry-fares.html", handler=page_once_workers_run)
    feed = server.add(
        "/feed.xml", rss(server, ["/news/ferry-fares.html"]), headers=[("Content-Type", "text/xml")]
    )

    result = run_crawl(
        tmp_path / "out",
        [feed],
        settings={"NEWSCRAWL_EXTRACT_JOB": MARKING_JOB, "NEWSCRAWL_EXTRACT_WORKERS": 2},
        env={"NEWSCRAWL_TEST_WORKER_MARKS": str(marks)},
        timeout=240,
    )

    assert result.returncode == 0, result.log
    assert started_before_page == [True]
    (item,) = result.items
    assert "harbour board met on Monday" in item["markdown"]  # extracted in a worker
    assert " WARNING: " not in result.log


def test_scrapy_parse_and_shell_extract_in_process_and_start_no_workers(server, tmp_path):
    url = server.add("/news/ferry-fares.html", PAGE, headers=HTML)
    marks = tmp_path / "marks"
    marks.mkdir()
    env = crawl_env({"NEWSCRAWL_TEST_WORKER_MARKS": str(marks)})
    settings = [
        "-s", f"NEWSCRAWL_OUTPUT_DIR={tmp_path / 'out'}",
        "-s", "NEWSCRAWL_ALLOWED_NETWORKS=127.0.0.1/32",
        "-s", f"NEWSCRAWL_EXTRACT_JOB={MARKING_JOB}",
        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
    ]  # fmt: skip

    parsed = subprocess.run(
        [sys.executable, "-m", "scrapy", "parse", "--spider=feeds", "--pipelines",
         "-c", "parse_article", *settings, url],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    shell = subprocess.run(
        [sys.executable, "-m", "scrapy", "shell", "--nolog", *settings, url,
         "-c", "response.status"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert parsed.returncode == 0, parsed.stderr
    assert "Traceback" not in parsed.stderr
    assert "'title': 'Ferry fares'" in parsed.stdout  # extracted, in the parse process
    assert "'markdown':" in parsed.stdout
    assert shell.returncode == 0, shell.stderr
    assert shell.stdout.strip() == "200"
    assert list(marks.iterdir()) == []


CLOSE_WHILE_STARTING = """
from twisted.internet import defer, reactor, task

from newscrawl.workers.pool import PagePool, PageFailed
from tests.support.faulty_job import process_page


@defer.inlineCallbacks
def main():
    for _ in range(6):
        pool = PagePool(process_page, 4, 60)
        pool.start()  # closed at once: most of the four workers are still being spawned
        yield pool.close()
    pool = PagePool(process_page, 2, 60)
    try:
        yield pool.submit({"url": "https://example.test/crash"})
    except PageFailed as exc:
        print("crash seen:", exc.reason, flush=True)
    yield pool.close()  # pebble is spawning the crashed worker's replacement
    print("closed", flush=True)

"""


def test_a_pool_closed_while_its_workers_start_prints_no_traceback(tmp_path):
    # pebble unlinks its semaphores before it stops its workers: a worker stopped while
    # still unpickling them printed a FileNotFoundError traceback into the crawl's log
    proc = run_reactor_script(tmp_path / "close_while_starting.py", CLOSE_WHILE_STARTING)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "crash seen: crashed" in proc.stdout and "closed" in proc.stdout, output
    assert "Traceback" not in output and "Error" not in output, output


PRELOAD_THEN_PAGE = """
import importlib, json, sys
from newscrawl.pipelines.extract import DEFAULT_JOB, WORKER_PRELOAD
for name in (DEFAULT_JOB.rpartition(".")[0], *WORKER_PRELOAD):
    importlib.import_module(name)
loaded = set(sys.modules)
from newscrawl.workers.job import process_page
result = process_page({"url": "https://news.example/ferry-fares", "html": sys.stdin.read()})
print(json.dumps({"new": sorted(set(sys.modules) - loaded), "title": result["fields"]["title"],
                  "markdown": bool(result["fields"]["markdown"])}))
"""


def test_default_workers_import_everything_a_page_needs_before_their_first_page():
    # a worker imports WORKER_PRELOAD as it starts, while the feeds download: its first
    # page then waits for no import (trafilatura, htmldate, markdownify: about 0.3 s of CPU)
    proc = subprocess.run(
        [sys.executable, "-c", PRELOAD_THEN_PAGE],
        input=PAGE,
        cwd=ROOT,
        env=crawl_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["title"] == "Ferry fares" and report["markdown"]
    assert report["new"] == []
