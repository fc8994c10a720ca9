"""Capture over TLS keeps the same WARC fidelity as plain HTTP (see test_warc_capture)."""

from __future__ import annotations

import gzip

import brotli
import pytest

from tests.support.crawl import run_crawl
from tests.support.site import article_html
from tests.support.tls import TLSDemoServer, make_certificate
from tests.support.warc import assert_warcio_check, read_dir, rss
from tests.test_warc_capture import CHUNKS, HTML, _chunked, request_for, response_for, sha1_b32

REPEATED = [
    ("Content-Type", HTML),
    ("Set-Cookie", "a=1; Path=/"),
    ("Link", "</style.css>; rel=preload"),
    ("Set-Cookie", "b=2; Path=/"),
    ("ETag", '"abc"'),
    ("X-MiXeD-CaSe", "kept"),
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    cert, key = make_certificate(tmp_path_factory.mktemp("tls"))
    with TLSDemoServer(cert, key, site_dir=None) as site:
        site.add(
            "/robots.txt", "User-agent: *\nDisallow:\n", headers=[("Content-Type", "text/plain")]
        )
        site.add("/reason", article_html("Reason"), reason="Totally Fine Thanks",
                 headers=[("Content-Type", HTML)])  # fmt: skip
        site.add("/repeated", article_html("Repeated"), headers=REPEATED)
        site.add("/gzip", gzip.compress(article_html("Gzipped").encode()),
                 headers=[("Content-Type", HTML), ("Content-Encoding", "gzip")])  # fmt: skip
        site.add("/brotli", brotli.compress(article_html("Brotli").encode()),
                 headers=[("Content-Type", HTML), ("Content-Encoding", "br")])  # fmt: skip
        site.add("/chunked", handler=_chunked)
        site.add("/search", article_html("Search"), headers=[("Content-Type", HTML)])
        links = ["/reason", "/repeated", "/gzip", "/brotli", "/chunked", "/search?q=news&page=2"]
        feed = site.add("/feed.xml", rss(site, links),
                        headers=[("Content-Type", "application/rss+xml")])  # fmt: skip
        result = run_crawl(tmp_path_factory.mktemp("https"), [feed])
        result.base = site.base
    assert result.returncode == 0, result.log[-3000:]
    return result


@pytest.fixture(scope="module")
def records(crawled):
    return read_dir(crawled.output_dir / "warc")


def test_https_pages_are_crawled_and_archived_under_their_https_uri(crawled, records):
    assert crawled.base.startswith("https://127.0.0.1:")
    assert len(crawled.items) == 6
    uris = {r.uri for r in records if r.rec_type == "response"}
    assert f"{crawled.base}/feed.xml" in uris and f"{crawled.base}/gzip" in uris
    assert_warcio_check(crawled.output_dir / "warc")


def test_reason_phrase_and_repeated_headers_survive_tls(records):
    assert response_for(records, "/reason").first_line == b"HTTP/1.1 200 Totally Fine Thanks"
    lines = response_for(records, "/repeated").header_lines()
    ours = [line for line in lines if not line.startswith((b"Server:", b"Date:"))]
    assert ours[: len(REPEATED)] == [f"{k}: {v}".encode() for k, v in REPEATED]


@pytest.mark.parametrize(
    ("path", "title", "decode"),
    [("/gzip", "Gzipped", gzip.decompress), ("/brotli", "Brotli", brotli.decompress)],
)
def test_encoded_bodies_are_stored_as_sent_with_digests(records, path, title, decode):
    rec = response_for(records, path)
    assert decode(rec.payload) == article_html(title).encode()
    assert rec.headers["WARC-Payload-Digest"] == sha1_b32(rec.payload)
    assert rec.headers["WARC-Block-Digest"] == sha1_b32(rec.block)


def test_chunked_body_and_request_line_with_query_over_tls(records):
    assert response_for(records, "/chunked").payload == b"".join(CHUNKS)
    search = response_for(records, "/search?q=news&page=2")
    request = request_for(records, search)
    assert request.first_line == b"GET /search?q=news&page=2 HTTP/1.1"
    assert search.headers["WARC-IP-Address"] == "127.0.0.1"
