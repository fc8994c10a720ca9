"""WARC capture during a `scrapy shell` session, which exits without closing the spider."""

from __future__ import annotations

import subprocess
import sys

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
