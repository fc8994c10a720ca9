"""Revisit records across runs: identical payloads, 304 answers; dedup off; sha256 digests."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest

from newscrawl.demo.server import DemoServer
from newscrawl.warc.exchange import PROFILE_IDENTICAL, PROFILE_NOT_MODIFIED
from tests.support.crawl import CrawlResult, run_crawl
from tests.support.site import article_html
from tests.support.warc import Rec, assert_warcio_check, read_at, read_dir, rss

HTML = "text/html; charset=utf-8"
ETAG = '"v1"'


def _etag(handler) -> None:
    if handler.headers.get("If-None-Match") == ETAG:
        handler.send_response(304)
        handler.send_header("ETag", ETAG)
        handler.end_headers()
        return
    body = article_html("Conditional").encode()
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.send_header("ETag", ETAG)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture(scope="module")
def site():
    with DemoServer(site_dir=None) as srv:
        srv.add("/robots.txt", "User-agent: *\n", headers=[("Content-Type", "text/plain")])
        srv.add("/same", article_html("Same every time"), headers=[("Content-Type", HTML)])
        srv.add("/etag", handler=_etag)
        srv.add("/feed.xml", rss(srv, ["/same", "/etag"]), headers=[("Content-Type", "text/xml")])
        yield srv


CONDITIONAL = {"DEFAULT_REQUEST_HEADERS": {"If-None-Match": ETAG, "Accept-Language": "en"}}


@pytest.fixture(scope="module")
def two_runs(site, tmp_path_factory) -> tuple[CrawlResult, CrawlResult]:
    out = tmp_path_factory.mktemp("dedup")
    first = run_crawl(out / "run", feeds=[site.url("/feed.xml")])
    assert first.returncode == 0, first.log[-3000:]
    second = run_crawl(out / "run", feeds=[site.url("/feed.xml")], settings=CONDITIONAL)
    assert second.returncode == 0, second.log[-3000:]
    return first, second


def _by_run(records: list[Rec], first_files: set[str]) -> tuple[list[Rec], list[Rec]]:
    first = [r for r in records if r.file.name in first_files]
    return first, [r for r in records if r.file.name not in first_files]


def _one(records: list[Rec], rec_type: str, path: str) -> Rec:
    found = [r for r in records if r.rec_type == rec_type and r.uri.endswith(path)]
    assert len(found) == 1, [(r.rec_type, r.uri) for r in records]
    return found[0]


@pytest.fixture(scope="module")
def records(two_runs):
    first, _ = two_runs
    all_records = read_dir(first.output_dir / "warc")
    first_files = {i["warc_file"] for i in first.items}
    return _by_run(all_records, first_files)


def test_identical_payload_in_a_later_run_is_a_revisit(records, two_runs):
    run1, run2 = records
    original = _one(run1, "response", "/same")
    revisit = _one(run2, "revisit", "/same")
    assert revisit.headers["WARC-Profile"] == PROFILE_IDENTICAL
    assert revisit.headers["WARC-Refers-To-Target-URI"] == original.uri
    assert revisit.headers["WARC-Refers-To-Date"] == original.headers["WARC-Date"]
    assert revisit.headers["WARC-Refers-To"] == original.record_id
    assert revisit.headers["WARC-Payload-Digest"] == original.headers["WARC-Payload-Digest"]
    assert revisit.first_line == b"HTTP/1.1 200 OK"
    assert revisit.payload == b""  # headers only
    assert not [r for r in run2 if r.rec_type == "response" and r.uri.endswith("/same")]
    # the item of the second run points at the revisit record
    first_files = {r.file.name for r in run1}
    (item,) = [
        i
        for i in two_runs[1].items
        if i["url"].endswith("/same") and i["warc_file"] not in first_files
    ]
    assert item["warc_record_id"] == revisit.record_id
    rec = read_at(revisit.file, item["warc_offset"])
    assert rec.rec_type == "revisit" and rec.record_id == revisit.record_id


def test_not_modified_answer_is_a_server_not_modified_revisit(records):
    run1, run2 = records
    original = _one(run1, "response", "/etag")
    revisit = _one(run2, "revisit", "/etag")
    assert revisit.headers["WARC-Profile"] == PROFILE_NOT_MODIFIED
    assert revisit.first_line == b"HTTP/1.1 304 Not Modified"
    assert revisit.http_header("ETag") == [ETAG.encode()]
    assert revisit.headers["WARC-Refers-To-Target-URI"] == original.uri
    assert revisit.headers["WARC-Refers-To-Date"] == original.headers["WARC-Date"]
    assert revisit.headers["WARC-Refers-To"] == original.record_id
    request = next(r for r in run2 if r.headers.get("WARC-Concurrent-To") == revisit.record_id)
    assert b"If-None-Match: " + ETAG.encode() in request.head


def test_revisit_stats_and_files_are_valid(two_runs):
    first, second = two_runs
    assert first.stat("newscrawl/warc/dedup/hits") == 0
    assert first.stat("newscrawl/warc/records/revisit") == 0
    # robots.txt, the feed and /same repeat byte for byte; /etag answers 304
    assert second.stat("newscrawl/warc/dedup/hits") == 3
    assert second.stat("newscrawl/warc/dedup/not_modified") == 1
    assert second.stat("newscrawl/warc/records/revisit") == 4
    assert second.stat("newscrawl/warc/records/response") == 0
    assert (first.output_dir / "warc" / "dedup.sqlite3").exists()
    assert_warcio_check(first.output_dir / "warc")


def test_cdxj_lists_revisits_for_pywb(two_runs):
    warc_dir = two_runs[1].output_dir / "warc"
    entries = [
        json.loads(line.split(" ", 2)[2])
        for path in warc_dir.glob("*.cdxj")
        for line in path.read_text().splitlines()
    ]
    same = [e for e in entries if e["url"].endswith("/same")]
    assert sorted(e["mime"] for e in same) == ["text/html", "warc/revisit"]
    assert len({e["digest"] for e in same}) == 1


def test_dedup_off_writes_full_responses(site, tmp_path):
    settings = {"NEWSCRAWL_WARC_DEDUP": "False"}
    run_crawl(tmp_path, feeds=[site.url("/feed.xml")], settings=settings)
    second = run_crawl(tmp_path, feeds=[site.url("/feed.xml")], settings=settings)
    assert second.stat("newscrawl/warc/records/revisit") == 0
    assert second.stat("newscrawl/warc/records/response") == 4
    assert not (tmp_path / "warc" / "dedup.sqlite3").exists()


def test_sha256_digests_by_setting(site, tmp_path):
    result = run_crawl(
        tmp_path, feeds=[site.url("/feed.xml")], settings={"NEWSCRAWL_WARC_DIGEST": "sha256"}
    )
    assert result.returncode == 0
    records = read_dir(tmp_path / "warc")
    same = _one(records, "response", "/same")
    expected = base64.b32encode(hashlib.sha256(same.payload).digest()).decode()
    assert same.headers["WARC-Payload-Digest"] == "sha256:" + expected
    block = base64.b32encode(hashlib.sha256(same.block).digest()).decode()
    assert same.headers["WARC-Block-Digest"] == "sha256:" + block
    assert all(r.headers["WARC-Block-Digest"].startswith("sha256:") for r in records)
    assert_warcio_check(tmp_path / "warc")


def test_bad_digest_setting_stops_the_crawl_with_a_clear_message(site, tmp_path):
    result = run_crawl(
        tmp_path, feeds=[site.url("/feed.xml")], settings={"NEWSCRAWL_WARC_DIGEST": "md5"}
    )
    assert "NEWSCRAWL_WARC_DIGEST='md5' is not supported; use one of sha1, sha256" in result.log
    assert not (tmp_path / "warc").exists()
