"""Replay archives written by other tools: Debian's wget, a pywb recording proxy, warcio.

Each archive is written on the spot against a loopback site; the site is then
stopped and newscrawl replays the archive, and must find the same articles a
live newscrawl crawl found. Damaged files give up their readable records.
"""

from __future__ import annotations

import gzip
import hashlib
import subprocess
from base64 import b32encode
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.demo.server import DemoServer
from newscrawl.replay.archive import Archive
from tests.conftest import require_executable, require_or_skip
from tests.support.crawl import run_crawl
from tests.support.pywbproc import fetch, pywb_python, running_pywb
from tests.support.warc import rss

ONE_AT_A_TIME = {"CONCURRENT_REQUESTS": 1}
ODD_PATH = "/news/odd%20nam%C3%A9.html"  # "odd namé.html": a space and UTF-8


def page(title: str, text: str) -> bytes:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{text}</p><p>More about {title.lower()} follows in this paragraph.</p>"
        "</article></body></html>"
    ).encode()


PAGES = {
    "/news/plain.html": page("Plain river report", "The river rose by a metre overnight"),
    "/news/chunked.html": page("Chunked school news", "The school choir won the regional cup"),
    "/news/gz.html": page("Gzip harbour news", "Three new cranes arrived at the harbour"),
    ODD_PATH: page("Odd name bakery", "The bakery on the corner sells rye bread again"),
}


def chunked(handler) -> None:
    body = PAGES["/news/chunked.html"]
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    for start in range(0, len(body), 100):
        part = body[start : start + 100]
        handler.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
    handler.wfile.write(b"0\r\n\r\n")


def serve(site: DemoServer) -> str:
    html = [("Content-Type", "text/html; charset=utf-8")]
    site.add("/robots.txt", "User-agent: *\n", headers=[("Content-Type", "text/plain")])
    site.add("/news/plain.html", PAGES["/news/plain.html"], headers=html)
    site.add("/news/chunked.html", handler=chunked)
    site.add(
        "/news/gz.html",
        gzip.compress(PAGES["/news/gz.html"]),
        headers=[*html, ("Content-Encoding", "gzip")],
    )
    site.add(ODD_PATH, PAGES[ODD_PATH], headers=html)
    links = ["/news/plain.html", "/news/chunked.html", "/news/gz.html", "/news/odd namé.html"]
    return site.add("/feed.xml", rss(site, links), headers=[("Content-Type", "text/xml")])


def record_with_pywb(root: Path, urls: list[str]) -> Path:
    (root / "collections" / "rec" / "archive").mkdir(parents=True)
    (root / "collections" / "rec" / "indexes").mkdir()
    (root / "config.yaml").write_text(
        "collections:\n  live: $live\nrecorder: live\n"
        "proxy:\n  coll: rec\n  recording: true\nenable_auto_fetch: false\n"
    )
    with running_pywb(root) as base:
        for url in urls:
            status, _, _ = fetch(url, proxy=base)
            assert status == 200, url
    return root / "collections" / "rec" / "archive"


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    """A live newscrawl crawl, then wget (gzip and plain) and pywb archives of the same URLs."""
    out = tmp_path_factory.mktemp("foreign")
    wget = require_executable("wget")
    with DemoServer(site_dir=None) as site:
        feed = serve(site)
        live = run_crawl(out / "live", feeds=[feed], settings=ONE_AT_A_TIME)
        assert live.returncode == 0, live.log[-3000:]
        assert len(live.items) == 4, live.log[-3000:]
        urls = [site.url("/robots.txt"), feed] + sorted(i["url"] for i in live.items)
        (out / "urls.txt").write_text("\n".join(urls) + "\n")
        for name, extra in (("wget-gz", []), ("wget-plain", ["--no-warc-compression"])):
            (out / name).mkdir()
            warc = f"--warc-file={out / name / 'site'}"
            subprocess.run(
                [wget, "--quiet", "--no-proxy", "--tries=1", warc, "--delete-after",
                 "-P", str(out / "download"), "-i", str(out / "urls.txt"), *extra],
                check=True, timeout=120,
            )  # fmt: skip
        pywb_dir = record_with_pywb(out / "pywb", urls) if pywb_python() else None
    return {
        "live": live,
        "feed": feed,
        "wget-gz": out / "wget-gz",
        "wget-plain": out / "wget-plain",
        "pywb": pywb_dir,
        "out": out,
    }


def replay(archives, source: Path, tmp_path: Path):
    result = run_crawl(
        tmp_path,
        feeds=[archives["feed"]],
        settings={**ONE_AT_A_TIME, "NEWSCRAWL_REPLAY_FROM": str(source)},
    )
    assert result.returncode == 0, result.log[-3000:]
    assert "Traceback" not in result.log
    return result


def same_articles(live, replayed) -> None:
    assert sorted(i["url"] for i in replayed.items) == sorted(i["url"] for i in live.items)
    for item in live.items:
        again = replayed.item_for(item["url"])
        for name in ("title", "markdown", "canonical_url", "permalink", "status", "word_count"):
            assert again[name] == item[name], f"{item['url']}: {name}"
    assert replayed.stat("newscrawl/replay/not_archived") <= 1  # wget has no robots.txt check


@pytest.mark.parametrize("kind", ["wget-gz", "wget-plain"])
def test_wget_warc_replays_the_same_articles(archives, kind, tmp_path):
    files = [p.name for p in archives[kind].iterdir()]
    assert files == ["site.warc.gz" if kind == "wget-gz" else "site.warc"]
    result = replay(archives, archives[kind], tmp_path)
    same_articles(archives["live"], result)
    assert result.stat("newscrawl/replay/indexed_files") == 1  # wget writes no CDXJ
    assert "rye bread" in result.item_for("odd%20nam")["markdown"]


def test_pywb_recording_replays_the_same_articles(archives, tmp_path):
    require_or_skip(archives["pywb"] is not None, "pywb (set NEWSCRAWL_PYWB_VENV)")
    assert list(archives["pywb"].glob("*.warc.gz"))
    result = replay(archives, archives["pywb"], tmp_path)
    same_articles(archives["live"], result)


def test_the_index_is_cached_for_the_next_replay(archives, tmp_path):
    first = replay(archives, archives["wget-gz"], tmp_path / "a")
    cache = tmp_path / "a" / "replay-index"
    assert first.stat("newscrawl/replay/indexed_files") == 1 and list(cache.glob("*.cdxj"))
    second = run_crawl(
        tmp_path / "b",
        feeds=[archives["feed"]],
        settings={
            "NEWSCRAWL_REPLAY_FROM": str(archives["wget-gz"]),
            "NEWSCRAWL_REPLAY_INDEX_DIR": str(cache),
        },
    )
    assert second.stat("newscrawl/replay/indexed_files") == 0
    assert len(second.items) == 4


def test_a_truncated_warc_gives_up_its_readable_records(archives, tmp_path):
    source = archives["wget-gz"] / "site.warc.gz"
    data = source.read_bytes()
    damaged_dir = tmp_path / "damaged"
    damaged_dir.mkdir()
    (damaged_dir / "site.warc.gz").write_bytes(data[: int(len(data) * 0.8)])
    result = replay(archives, damaged_dir, tmp_path / "out")
    assert result.stat("newscrawl/replay/damaged_files") == 1
    damage_lines = [line for line in result.log.splitlines() if "is damaged" in line]
    assert len(damage_lines) == 1
    assert 1 <= len(result.items) < 4  # the articles before the damage


# ------------------------------------------------- crafted WARC/1.1: revisits across files


def digest(payload: bytes) -> str:
    return "sha1:" + b32encode(hashlib.sha1(payload).digest()).decode()


def write_warc(path: Path, records) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.1")
        for make in records:
            writer.write_record(make(writer))


def response(url: str, body: bytes, date: str, served: str):
    def make(writer: WARCWriter):
        http = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("X-Served", served)],
            protocol="HTTP/1.1",
        )
        return writer.create_warc_record(
            url, "response", payload=BytesIO(body), http_headers=http,
            warc_headers_dict={"WARC-Date": date},
        )  # fmt: skip

    return make


def revisit(url: str, body: bytes, date: str, refers_date: str):
    def make(writer: WARCWriter):
        http = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("X-Served", "again")],
            protocol="HTTP/1.1",
        )
        return _revisit(writer, url, body, date, refers_date, http)

    return make


def _revisit(writer, url, body, date, refers_date, http):
    record = writer.create_revisit_record(url, digest(body), url, refers_date, http_headers=http)
    record.rec_headers.replace_header("WARC-Date", date)
    return record


def test_warc_1_1_revisits_resolve_across_files(tmp_path):
    body = page("Revisited harbour", "The harbour is still open")
    url = "http://news.example/harbour.html"
    write_warc(tmp_path / "a.warc.gz", [response(url, body, "2026-11-01T10:00:00.123456Z", "1")])
    write_warc(
        tmp_path / "b.warc.gz",
        [revisit(url, body, "2026-11-02T10:00:00Z", "2026-11-01T10:00:00.123456Z")],
    )
    archive, report = Archive.load(str(tmp_path), str(tmp_path / "cache"))
    assert report.files == 2 and report.captures == 2 and report.indexed_now == 2
    latest = archive.answer(url)
    assert latest is not None and latest.body == body and latest.revisit_of
    assert (b"X-Served", b"again") in latest.headers
    assert latest.file == "b.warc.gz"
    from newscrawl.replay.config import parse_at

    first = archive.answer(url, parse_at("2026-11-01T09:00:00Z"))
    assert first is not None and first.file == "a.warc.gz" and first.revisit_of is None
    assert (b"X-Served", b"1") in first.headers
    assert archive.answer("http://news.example/other.html") is None


def test_wget_archive_keeps_no_request_dependency(archives, tmp_path):
    """Responses are read alone: a copy of the wget WARC without request records still replays."""
    from warcio.archiveiterator import ArchiveIterator

    source = archives["wget-gz"] / "site.warc.gz"
    target = tmp_path / "responses-only.warc.gz"
    with open(source, "rb") as fh, open(target, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for record in ArchiveIterator(fh):
            if record.rec_type == "response":
                writer.write_record(record)
    archive, _ = Archive.load(str(target), str(tmp_path / "cache"))
    answered = archive.answer(archives["feed"].rsplit("/", 1)[0] + "/news/chunked.html")
    assert answered is not None and answered.status == 200
    assert answered.body == PAGES["/news/chunked.html"]  # de-chunked as Scrapy would
    assert not any(name.lower() == b"transfer-encoding" for name, _ in answered.headers)


def test_no_files_found_is_a_config_error(tmp_path):
    from newscrawl.replay.config import ReplayConfigError

    (tmp_path / "notes.txt").write_text("nothing here")
    with pytest.raises(ReplayConfigError, match="NEWSCRAWL_REPLAY_FROM"):
        Archive.load(str(tmp_path), str(tmp_path / "cache"))


@pytest.mark.parametrize("compress", [False, True], ids=["arc", "arc.gz"])
def test_arc_files_replay_as_far_as_warcio_reads_them(tmp_path, compress):
    body = page("Old archive page", "Written by a crawler from another decade")
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s" % (
        len(body),
        body,
    )
    version = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"

    def arc_record(line: bytes, data: bytes) -> bytes:
        record = line + b"\n" + data + b"\n"
        return gzip.compress(record) if compress else record

    url = "http://old.example/page.html"
    name = "old.arc.gz" if compress else "old.arc"
    (tmp_path / name).write_bytes(
        arc_record(b"filedesc://old.arc 0.0.0.0 20061101120000 text/plain %d" % len(version),
                   version)
        + arc_record(b"%s 127.0.0.1 20061101120000 text/html %d" % (url.encode(), len(http)),
                     http)
    )  # fmt: skip
    archive, report = Archive.load(str(tmp_path / name), str(tmp_path / "cache"))
    assert report.captures == 1 and not report.damaged
    answered = archive.answer(url)
    assert answered is not None and answered.status == 200 and answered.body == body
    assert answered.date.year == 2006
    assert answered.record_id == f"<urn:arc:{name}:{answered.offset}>"  # the same every replay
