"""WARC capture during a `scrapy shell` session, which exits without closing the spider."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.crawl import ROOT, crawl_env
from tests.support.warc import read_records


def test_scrapy_shell_fetch_is_archived_and_closed_without_traceback(demo_site, tmp_path):
    url = demo_site.url("/science/2026/11/lake-ice-cores.html")
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "shell", "--nolog", url,
         "-s", f"NEWSCRAWL_OUTPUT_DIR={tmp_path}",
         "-s", "NEWSCRAWL_ALLOWED_NETWORKS=127.0.0.1/32", "-c", "response.status"],
        cwd=ROOT, env=crawl_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "200"
    assert "Traceback" not in proc.stderr
    assert not list((tmp_path / "warc").glob("*.open"))
    (warc,) = (tmp_path / "warc").glob("*.warc.gz")
    assert url in [r.uri for r in read_records(warc) if r.rec_type == "response"]


@pytest.fixture
def cpu_load():
    """Two busy processes for the test's duration: the writer then answers late."""
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    yield
    for burner in burners:
        burner.kill()
        burner.wait()


@pytest.mark.parametrize("attempt", range(3))
def test_scrapy_shell_exit_while_the_writer_answers_is_quiet(server, tmp_path, cpu_load, attempt):
    # A page big enough that the writer's answer arrives while `scrapy shell` is
    # exiting: the answer is left unread and the connection is reset under the
    # writer (before the fix, a ConnectionResetError traceback nearly every time).
    body = b"<html><body><p>" + os.urandom(1 << 20).hex().encode() + b"</p></body></html>"
    url = server.add("/big.html", body, headers=[("Content-Type", "text/html")])
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "shell", "--nolog", url,
         "-s", f"NEWSCRAWL_OUTPUT_DIR={tmp_path}", "-c", "response.status"],
        cwd=ROOT, env=crawl_env(), capture_output=True, text=True, timeout=180,
    )  # fmt: skip

    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "200"
    assert "Traceback" not in proc.stderr, proc.stderr
    assert not list((tmp_path / "warc").glob("*.open"))
    (warc,) = (tmp_path / "warc").glob("*.warc.gz")
    assert url in [r.uri for r in read_records(warc) if r.rec_type == "response"]


# The crawl process can vanish at any moment (a `scrapy shell` exits without closing
# the spider, a crawl is killed). When it goes while an answer of the writer process
# sits unread in its socket, the kernel resets the connection: the child's next read
# or write fails with ECONNRESET instead of a plain end of input. This script makes
# that happen every time: it waits until the answer has arrived, then exits unread.
VANISHING_PARENT = r"""
import os, select, sys
from dataclasses import asdict
from datetime import datetime, timezone
from newscrawl.warc.config import WarcConfig
from newscrawl.warc.exchange import Exchange
from newscrawl.warc.writerproc import WarcWriterProcess

config = WarcConfig(directory=sys.argv[1], prefix="vanish", dedup=False)
writer = WarcWriterProcess({"config": asdict(config), "warcinfo": {}, "index": []})
writer.start()
assert writer.wait_ready(timeout=60)
writer.submit(Exchange(
    url="http://127.0.0.1:8000/a", method="GET", status=200,
    request_head=b"GET /a HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n", request_body=b"",
    response_lines=[b"HTTP/1.1 200 OK", b"Content-Type: text/html", b""],
    response_body=b"<p>article</p>", date=datetime.now(timezone.utc),
))
assert select.select([writer._sock], [], [], 60)[0], "no answer from the writer"
print(writer.proc.pid, flush=True)
os._exit(0)  # gone, with the answer unread
"""


def test_writer_finishes_quietly_when_the_crawl_process_vanishes_with_answers_unread(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-c", VANISHING_PARENT, str(tmp_path)],
        cwd=ROOT, env=crawl_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    # run() returns once the child, which shares stderr, has exited too
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert not list(tmp_path.glob("*.open"))
    (warc,) = tmp_path.glob("*.warc.gz")
    assert "http://127.0.0.1:8000/a" in [r.uri for r in read_records(warc)]
