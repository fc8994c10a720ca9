"""Package a crawl as WACZ, validate it with the wacz package, replay it in pywb and newscrawl."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from newscrawl.demo.server import DemoServer, feed_urls
from tests.conftest import require_or_skip
from tests.support.crawl import ROOT, crawl_env, run_crawl
from tests.support.pywbproc import fetch, pywb_python, running_pywb
from tests.support.warc import read_dir

ONE_AT_A_TIME = {"CONCURRENT_REQUESTS": 1}


@pytest.fixture(scope="module")
def packaged(tmp_path_factory):
    out = tmp_path_factory.mktemp("wacz")
    with DemoServer() as site:
        feeds = feed_urls(site)
        live = run_crawl(out / "live", feeds=feeds, settings=ONE_AT_A_TIME)
    assert live.returncode == 0, live.log[-3000:]
    wacz = out / "news.wacz"
    proc = subprocess.run(
        [sys.executable, "-m", "newscrawl.replay.wacz", str(out / "live"), "-o", str(wacz),
         "--title", "Demo news"],
        cwd=ROOT, env=crawl_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return live, wacz, feeds


def test_the_wacz_validates(packaged):
    _, wacz, _ = packaged
    proc = subprocess.run(
        [sys.executable, "-m", "wacz", "validate", "-f", str(wacz)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "Validation succeeded" in proc.stdout


def test_the_wacz_lists_the_articles_with_titles(packaged):
    live, wacz, _ = packaged
    with zipfile.ZipFile(wacz) as zf:
        names = zf.namelist()
        lines = zf.read("pages/pages.jsonl").decode().splitlines()
        stored = [i for i in zf.infolist() if i.filename.startswith("archive/")]
    assert "indexes/index.cdx.gz" in names and "datapackage.json" in names
    assert stored and all(i.compress_type == zipfile.ZIP_STORED for i in stored)
    pages = [json.loads(line) for line in lines[1:]]
    assert {p["url"] for p in pages} == {i["url"] for i in live.items}
    titles = {p["url"]: p["title"] for p in pages}
    for item in live.items:
        assert titles[item["url"]] == item["title"]


def test_pywb_replays_a_page_from_the_wacz(packaged, tmp_path):
    python = pywb_python()
    require_or_skip(python is not None, "pywb (set NEWSCRAWL_PYWB_VENV or create .venv-pywb)")
    live, wacz, _ = packaged
    manager = [str(python), "-c", "from pywb.manager.manager import main; main()"]
    for args in (["init", "news"], ["add", "--unpack-wacz", "news", str(wacz)]):
        subprocess.run(manager + args, cwd=tmp_path, check=True, capture_output=True, timeout=300)
    item = live.items[0]
    (stored,) = [
        r for r in read_dir(live.output_dir / "warc") if r.record_id == item["warc_record_id"]
    ]
    timestamp = stored.headers["WARC-Date"].replace("-", "").replace(":", "").replace("T", "")
    with running_pywb(tmp_path) as base:
        status, _, body = fetch(f"{base}/news/{timestamp[:14]}id_/{item['url']}")
    assert status == 200
    assert body == stored.payload


def test_newscrawl_replays_the_wacz_like_the_live_crawl(packaged, tmp_path):
    live, wacz, feeds = packaged
    replay = run_crawl(
        tmp_path, feeds=feeds, settings={**ONE_AT_A_TIME, "NEWSCRAWL_REPLAY_FROM": str(wacz)}
    )
    assert replay.returncode == 0, replay.log[-3000:]
    assert replay.stat("newscrawl/replay/not_archived") == 0
    assert sorted(i["url"] for i in replay.items) == sorted(i["url"] for i in live.items)
    for item in live.items:
        assert replay.item_for(item["url"]) == item
