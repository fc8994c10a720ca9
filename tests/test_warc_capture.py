"""A real ``scrapy crawl feeds`` archives every exchange as received; read back with warcio."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from pathlib import Path

import brotli
import pytest
from warcio.archiveiterator import ArchiveIterator

from newscrawl.demo.server import DemoServer
from tests.support.crawl import CrawlResult, run_crawl
from tests.support.site import article_html
from tests.support.warc import (
    Rec,
    assert_warcio_check,
    read_at,
    read_dir,
    read_records,
    rss,
    warc_files,
)

NAME_RE = re.compile(r"^newscrawl-\d{17}-\d{5}-[A-Za-z0-9.-]+\.warc\.gz$")
CHUNKS = [
    b"<!DOCTYPE html><html><head><title>Chunked</title></head><body>",
    b"<p>first</p>",
    b"<p>second part</p></body></html>",
]
HTML = "text/html; charset=utf-8"


def _chunked(handler) -> None:
    handler.send_response(200, "OK")
    handler.send_header("Content-Type", HTML)
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    for part in CHUNKS:
        handler.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
    handler.wfile.write(b"0\r\n\r\n")


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


@pytest.fixture(scope="module")
def site():
    with DemoServer(site_dir=None) as srv:
        srv.add("/robots.txt", "User-agent: *\nDisallow: /private/\n",
                headers=[("Content-Type", "text/plain")])  # fmt: skip
        srv.add("/reason", article_html("Reason"), reason="Totally Fine Thanks",
                headers=[("Content-Type", HTML)])  # fmt: skip
        srv.add(
            "/repeated",
            article_html("Repeated"),
            headers=[
                ("Content-Type", HTML),
                ("Set-Cookie", "a=1; Path=/"),
                ("Link", "</style.css>; rel=preload"),
                ("Set-Cookie", "b=2; Path=/"),
                ("Vary", "Accept-Encoding"),
                ("Link", "</app.js>; rel=preload"),
                ("Vary", "Cookie"),
                ("ETag", '"abc"'),
                ("X-MiXeD-CaSe", "kept"),
            ],
        )
        srv.add("/gzip", gzip.compress(article_html("Gzipped").encode()),
                headers=[("Content-Type", HTML), ("Content-Encoding", "gzip")])  # fmt: skip
        srv.add("/brotli", brotli.compress(article_html("Brotli").encode()),
                headers=[("Content-Type", HTML), ("Content-Encoding", "br")])  # fmt: skip
        srv.add("/chunked", handler=_chunked)
        srv.add("/search", article_html("Search"), headers=[("Content-Type", HTML)])
        srv.redirect("/r1", "/r2", status=301)
        srv.redirect("/r2", "/final", status=302)
        srv.add("/final", article_html("Final"), headers=[("Content-Type", HTML)])
        srv.add("/missing", b"nothing here", status=404, headers=[("Content-Type", "text/plain")])
        links = ["/reason", "/repeated", "/gzip", "/brotli", "/chunked",
                 "/search?q=news&page=2#frag", "/r1", "/missing"]  # fmt: skip
        srv.add("/feed.xml", rss(srv, links), headers=[("Content-Type", "application/rss+xml")])
        yield srv


@pytest.fixture(scope="module")
def crawl(site, tmp_path_factory) -> CrawlResult:
    out = tmp_path_factory.mktemp("capture")
    settings = {"NEWSCRAWL_WARC_OPERATOR": "Test Archive <archive@example.org>"}
    result = run_crawl(out, feeds=[site.url("/feed.xml")], settings=settings)
    assert result.returncode == 0, result.log[-3000:]
    return result


@pytest.fixture(scope="module")
def records(crawl) -> list[Rec]:
    return read_dir(crawl.output_dir / "warc")


def _path(url: str) -> str:
    return "/" + url.split("//", 1)[1].split("/", 1)[1]


def response_for(records: list[Rec], path: str) -> Rec:
    found = [r for r in records if r.rec_type == "response" and _path(r.uri) == path]
    assert len(found) == 1, [r.uri for r in records if r.rec_type == "response"]
    return found[0]


def request_for(records: list[Rec], response: Rec) -> Rec:
    found = [
        r
        for r in records
        if r.rec_type == "request" and r.headers.get("WARC-Concurrent-To") == response.record_id
    ]
    assert len(found) == 1
    return found[0]


def test_files_are_named_iipc_style_renamed_and_pass_warcio_check(crawl):
    warc_dir = crawl.output_dir / "warc"
    names = [p.name for p in warc_files(warc_dir)]
    assert names and all(NAME_RE.match(n) for n in names), names
    assert not list(warc_dir.glob("*.open"))
    assert_warcio_check(warc_dir)


def test_each_file_starts_with_warcinfo_naming_the_final_file(crawl):
    for path in warc_files(crawl.output_dir / "warc"):
        first = read_records(path)[0]
        assert first.rec_type == "warcinfo"
        assert first.headers["WARC-Filename"] == path.name
        fields = dict(
            line.split(": ", 1) for line in first.payload.decode().splitlines() if line.strip()
        )
        assert fields["software"].startswith("newscrawl/")
        assert "warcio/" in fields["software"] and "Scrapy/" in fields["software"]
        assert fields["hostname"]
        assert fields["operator"] == "Test Archive <archive@example.org>"
        assert fields["robots"] == "obey"
        assert fields["isPartOf"] == "feeds"
        assert fields["format"] == "WARC File Format 1.0"
        assert fields["conformsTo"].startswith("http")
        assert "newscrawl/" in fields["http-header-user-agent"]


def test_custom_reason_phrase_is_kept(records):
    rec = response_for(records, "/reason")
    assert rec.first_line == b"HTTP/1.1 200 Totally Fine Thanks"


def test_repeated_headers_kept_in_order_with_original_case(records):
    rec = response_for(records, "/repeated")
    lines = rec.header_lines()
    ours = [line for line in lines if not line.startswith((b"Server:", b"Date:"))]
    assert ours == [
        b"Content-Type: text/html; charset=utf-8",
        b"Set-Cookie: a=1; Path=/",
        b"Link: </style.css>; rel=preload",
        b"Set-Cookie: b=2; Path=/",
        b"Vary: Accept-Encoding",
        b"Link: </app.js>; rel=preload",
        b"Vary: Cookie",
        b'ETag: "abc"',
        b"X-MiXeD-CaSe: kept",
        b"Content-Length: " + str(len(rec.payload)).encode(),
    ]


@pytest.mark.parametrize(
    ("path", "encoding", "decode"),
    [("/gzip", b"gzip", gzip.decompress), ("/brotli", b"br", brotli.decompress)],
)
def test_encoded_body_is_stored_encoded_with_its_digest(records, path, encoding, decode):
    rec = response_for(records, path)
    assert rec.http_header("Content-Encoding") == [encoding]
    title = "Gzipped" if encoding == b"gzip" else "Brotli"
    assert decode(rec.payload) == article_html(title).encode()
    assert rec.headers["WARC-Payload-Digest"] == sha1_b32(rec.payload)
    assert rec.headers["WARC-Block-Digest"] == sha1_b32(rec.block)
    assert rec.http_header("Content-Length") == [str(len(rec.payload)).encode()]


def test_encoded_body_decodes_through_warcio(records, crawl):
    rec = response_for(records, "/brotli")
    with open(rec.file, "rb") as fh:
        fh.seek(rec.offset)
        record = next(iter(ArchiveIterator(fh)))
        assert record.content_stream().read() == article_html("Brotli").encode()


def test_dechunked_body_has_agreeing_headers(records):
    rec = response_for(records, "/chunked")
    body = b"".join(CHUNKS)
    assert rec.payload == body
    assert rec.http_header("Transfer-Encoding") == []
    assert rec.http_header("X-Archive-Orig-Transfer-Encoding") == [b"chunked"]
    assert rec.http_header("Content-Length") == [str(len(body)).encode()]
    assert rec.headers["WARC-Payload-Digest"] == sha1_b32(body)


def test_request_record_has_the_wire_request_line_and_headers(records, site):
    rec = response_for(records, "/search?q=news&page=2")
    assert rec.uri == site.url("/search?q=news&page=2")  # no fragment: it is never sent
    req = request_for(records, rec)
    assert req.first_line == b"GET /search?q=news&page=2 HTTP/1.1"
    lines = req.header_lines()
    host = site.base.split("//", 1)[1].encode()
    assert lines[-1] == b"Host: " + host  # Twisted adds Host last
    assert any(line.startswith(b"User-Agent: newscrawl/") for line in lines)
    assert any(line.startswith(b"Accept-Encoding: ") for line in lines)
    assert req.payload == b""
    assert req.headers["WARC-Date"] == rec.headers["WARC-Date"]


def test_redirect_chain_is_archived_hop_by_hop(records):
    r1, r2, final = (response_for(records, p) for p in ("/r1", "/r2", "/final"))
    assert r1.first_line.startswith(b"HTTP/1.1 301 ")
    assert r1.http_header("Location") == [b"/r2"]
    assert r2.first_line.startswith(b"HTTP/1.1 302 ")
    assert r2.http_header("Location") == [b"/final"]
    assert final.first_line == b"HTTP/1.1 200 OK"
    for rec in (r1, r2, final):
        assert request_for(records, rec).first_line.startswith(b"GET /")


def test_error_response_and_robots_txt_are_archived(records):
    missing = response_for(records, "/missing")
    assert missing.first_line == b"HTTP/1.1 404 Not Found"
    assert missing.payload == b"nothing here"
    robots = response_for(records, "/robots.txt")
    assert robots.payload.startswith(b"User-agent: *")
    feed = response_for(records, "/feed.xml")
    assert feed.payload.startswith(b"<?xml")


def test_every_response_has_a_linked_request_and_ip_address(records):
    responses = [r for r in records if r.rec_type == "response"]
    requests = {r.headers["WARC-Concurrent-To"]: r for r in records if r.rec_type == "request"}
    assert len(responses) == len(requests) == 12
    for rec in responses:
        assert rec.record_id in requests
        assert rec.headers["WARC-IP-Address"] == "127.0.0.1"
        assert requests[rec.record_id].uri == rec.uri


def test_items_point_at_their_response_record(crawl):
    items = [i for i in crawl.items if i.get("url")]
    assert len(items) == 7  # 8 links, the 404 yields no item
    warc_dir = crawl.output_dir / "warc"
    for item in items:
        assert NAME_RE.match(item["warc_file"])
        rec = read_at(warc_dir / item["warc_file"], item["warc_offset"])
        assert rec.rec_type == "response"
        assert rec.record_id == item["warc_record_id"]
        assert rec.uri == item["url"]


def test_cdxj_index_written_for_each_closed_file(crawl):
    for path in warc_files(crawl.output_dir / "warc"):
        index = path.with_name(path.name.removesuffix(".warc.gz") + ".cdxj")
        lines = index.read_text().splitlines()
        assert lines == sorted(lines)
        entries = [json.loads(line.split(" ", 2)[2]) for line in lines]
        assert {e["filename"] for e in entries} == {path.name}
        final = next(e for e in entries if e["url"].endswith("/final"))
        rec = read_at(path, int(final["offset"]))
        assert rec.uri.endswith("/final") and rec.rec_type == "response"


def test_stats_count_records_bytes_and_files(crawl):
    warc_dir = crawl.output_dir / "warc"
    assert crawl.stat("newscrawl/warc/records/response") == 12
    assert crawl.stat("newscrawl/warc/records/request") == 12
    assert crawl.stat("newscrawl/warc/records/warcinfo") == 1
    assert crawl.stat("newscrawl/warc/files") == 1
    assert crawl.stat("newscrawl/warc/bytes") == sum(p.stat().st_size for p in warc_files(warc_dir))
    assert crawl.stat("newscrawl/warc/cdxj_files") == 1


def test_warc_off_writes_nothing(site, tmp_path: Path):
    result = run_crawl(
        tmp_path, feeds=[site.url("/feed.xml")], settings={"NEWSCRAWL_WARC_ENABLED": "False"}
    )
    assert result.returncode == 0
    assert not (tmp_path / "warc").exists()
    assert result.items and all(i["warc_file"] is None for i in result.items)
