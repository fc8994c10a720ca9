"""WARC files: naming, .open while written, rotation, locations under rotation, recovery."""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newscrawl.warc.exchange import Exchange, fix_response_head
from newscrawl.warc.files import OPEN_SUFFIX, WarcFileManager, lock_file, warc_name
from newscrawl.warc.index import cdxj_path
from newscrawl.warc.recovery import complete_prefix, recover_directory
from newscrawl.warc.writer import RotatingWarcWriter
from tests.support.warc import assert_warcio_check, read_at, read_records, warc_files

WARCINFO = {"software": "newscrawl-test", "format": "WARC File Format 1.0"}


def exchange(n: int, body: bytes | None = None, status: int = 200) -> Exchange:
    if body is None:
        body = f"<html><body>article {n} ".encode() + os.urandom(64).hex().encode()
    return Exchange(
        url=f"http://127.0.0.1:8000/a/{n}?x=1",
        method="GET",
        status=status,
        request_head=f"GET /a/{n}?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n".encode(),
        request_body=b"",
        response_lines=[f"HTTP/1.1 {status} OK".encode(), b"Content-Type: text/html", b""],
        response_body=body,
        date=datetime(2026, 11, 28, 9, 0, n % 60, tzinfo=timezone.utc),
        ip_address="127.0.0.1",
    )


def make_writer(directory: Path, **kwargs) -> RotatingWarcWriter:
    files = WarcFileManager(str(directory), "test", host="host.example")
    return RotatingWarcWriter(files, WARCINFO, **kwargs)


def test_warc_name_is_iipc_style():
    when = datetime(2026, 11, 28, 9, 5, 7, 123456, tzinfo=timezone.utc)
    assert warc_name("news", when, 7, "crawl-1.example") == (
        "news-20261128090507123-00007-crawl-1.example.warc.gz"
    )
    assert warc_name("news", when, 0, "h", gzip=False).endswith("-00000-h.warc")


def test_file_is_open_while_written_and_renamed_on_close(tmp_path):
    writer = make_writer(tmp_path)
    location = writer.write(exchange(1))
    assert [p.name for p in tmp_path.iterdir()] == [location.file + OPEN_SUFFIX]
    assert re.match(r"^test-\d{17}-00000-host\.example\.warc\.gz$", location.file)
    writer.close()
    assert [p.name for p in tmp_path.iterdir()] == [location.file]
    records = read_records(tmp_path / location.file)
    assert [r.rec_type for r in records] == ["warcinfo", "response", "request"]
    assert records[0].headers["WARC-Filename"] == location.file
    assert_warcio_check(tmp_path)


def test_rotation_by_size_keeps_locations_right(tmp_path):
    writer = make_writer(tmp_path, max_size=3000)
    locations = [writer.write(exchange(n, os.urandom(900))) for n in range(12)]
    writer.close()
    files = warc_files(tmp_path)
    assert len(files) >= 4
    assert len({loc.file for loc in locations}) == len(files)
    for path in files:
        records = read_records(path)
        assert records[0].rec_type == "warcinfo"
        assert records[0].headers["WARC-Filename"] == path.name
        assert all(r.headers.get("WARC-Warcinfo-ID") == records[0].record_id for r in records[1:])
    for n, loc in enumerate(locations):
        rec = read_at(tmp_path / loc.file, loc.offset)
        assert rec.record_id == loc.record_id
        assert rec.uri.endswith(f"/a/{n}?x=1")
    serials = [int(p.name.split("-")[2]) for p in files]
    assert serials == list(range(len(files)))
    assert writer.counts["files"] == len(files)
    assert_warcio_check(tmp_path)


def test_rotation_by_age(tmp_path):
    now = [0.0]
    files = WarcFileManager(str(tmp_path), "test", host="h", monotonic=lambda: now[0])
    writer = RotatingWarcWriter(files, WARCINFO, max_age=60, monotonic=lambda: now[0])
    first = writer.write(exchange(1))
    now[0] = 30
    assert writer.write(exchange(2)).file == first.file
    now[0] = 61
    writer.rotate_if_old()  # the writer thread calls this when idle
    assert (tmp_path / first.file).exists()
    third = writer.write(exchange(3))
    assert third.file != first.file
    writer.close()
    assert len(warc_files(tmp_path)) == 2


def test_cdxj_written_on_close(tmp_path):
    from newscrawl.warc.index import write_cdxj

    files = WarcFileManager(str(tmp_path), "t", host="h", on_closed=write_cdxj)
    writer = RotatingWarcWriter(files, WARCINFO)
    loc = writer.write(exchange(5))
    writer.close()
    index = Path(cdxj_path(str(tmp_path / loc.file)))
    line = index.read_text().strip()
    assert line.startswith("1,0,0,127:8000)/a/5?x=1 20261128090005 ")
    assert f'"offset": "{loc.offset}"' in line and f'"filename": "{loc.file}"' in line


# -- headers that must agree with a de-chunked body ------------------------------


def test_fix_response_head_replaces_chunked_framing():
    head = fix_response_head(
        [b"HTTP/1.1 200 OK", b"Transfer-Encoding: chunked", b"Content-Type: text/html", b""], 42
    )
    assert head == (
        b"HTTP/1.1 200 OK\r\nX-Archive-Orig-Transfer-Encoding: chunked\r\n"
        b"Content-Type: text/html\r\nContent-Length: 42\r\n\r\n"
    )


def test_fix_response_head_keeps_wrong_length_under_orig_name():
    head = fix_response_head(
        [b"HTTP/1.1 200 OK", b"Content-Length: 7", b"transfer-encoding: gzip, chunked"], 3
    )
    assert b"X-Archive-Orig-Content-Length: 7\r\n" in head
    assert b"X-Archive-Orig-transfer-encoding: gzip, chunked\r\n" in head
    assert head.endswith(b"Content-Length: 3\r\n\r\n")


def test_fix_response_head_leaves_unchunked_heads_alone():
    lines = [b"HTTP/1.1 304 Not Modified", b"Content-Length: 500", b'ETag:  "x"']
    assert fix_response_head(lines, 0) == b"\r\n".join(lines) + b"\r\n\r\n"


# -- recovery --------------------------------------------------------------------


def _crashed_file(directory: Path, n_records: int) -> tuple[Path, list[int]]:
    """A .open file as a killed writer leaves it: complete records, no rename."""
    writer = make_writer(directory)
    ends = []
    for n in range(n_records):
        writer.write(exchange(n, os.urandom(2000)))
        ends.append(writer.current.fileobj.tell())
    path = Path(writer.current.open_path)
    writer.current.fileobj.close()  # no close(): the process "died"
    return path, ends


@pytest.mark.parametrize("cut", [1, 17, 500, 2100])
def test_recovery_cuts_back_to_last_complete_record(tmp_path, cut):
    path, _ = _crashed_file(tmp_path, 3)
    size = path.stat().st_size
    record_ends = [r.offset for r in read_records(path)][1:] + [size]
    with open(path, "r+b") as fh:
        fh.truncate(size - cut)  # the last record was being written
    keep = max(e for e in record_ends if e <= size - cut)
    results = recover_directory(str(tmp_path))
    assert len(results) == 1
    final = Path(results[0].final_path)
    assert final.name == path.name.removesuffix(OPEN_SUFFIX)
    assert final.stat().st_size == keep
    assert results[0].bytes_cut == size - cut - keep
    assert not list(tmp_path.glob("*.open"))
    types = [r.rec_type for r in read_records(final)]
    assert types[0] == "warcinfo" and len(types) == results[0].records
    assert_warcio_check(tmp_path)


def test_recovery_drops_trailing_garbage_and_keeps_every_complete_record(tmp_path):
    path, ends = _crashed_file(tmp_path, 4)
    with open(path, "ab") as fh:
        fh.write(b"\x1f\x8b\x08\x00garbage-from-a-torn-write")
    assert complete_prefix(str(path)) == (ends[-1], 1 + 2 * 4)
    (result,) = recover_directory(str(tmp_path))
    assert result.records == 9 and Path(result.final_path).stat().st_size == ends[-1]
    assert_warcio_check(tmp_path)


def test_recovery_removes_a_file_without_any_complete_record(tmp_path):
    path = tmp_path / ("t-20261128090000000-00000-h.warc.gz" + OPEN_SUFFIX)
    path.write_bytes(b"\x1f\x8b\x08\x00\x00")
    (result,) = recover_directory(str(tmp_path))
    assert result.final_path is None and result.records == 0
    assert list(tmp_path.iterdir()) == []


def test_recovery_skips_a_file_another_writer_holds(tmp_path):
    writer = make_writer(tmp_path)
    writer.write(exchange(1))
    with open(writer.current.open_path, "rb") as fh:
        assert not lock_file(fh)  # the live writer holds the lock
    assert recover_directory(str(tmp_path)) == []
    writer.close()


# -- the writer process -----------------------------------------------------------


def writer_options(directory: Path, **config) -> dict:
    from dataclasses import asdict

    from newscrawl.warc.config import WarcConfig

    cfg = WarcConfig(directory=str(directory), prefix="proc", **config)
    return {"config": asdict(cfg), "warcinfo": WARCINFO, "index": []}


def test_writer_process_writes_everything_and_reports_locations(tmp_path):
    from newscrawl.warc.writerproc import WarcWriterProcess

    proc = WarcWriterProcess(writer_options(tmp_path, max_size=20_000), queue_size=4)
    proc.start()
    results = []
    exchanges = [exchange(n, os.urandom(3000)) for n in range(40)]
    for ex in exchanges:
        proc.submit(ex, lambda loc, err: results.append((loc, err)))
    proc.close()
    assert proc.proc.returncode == 0
    assert len(results) == 40 and all(err is None for _, err in results)
    assert not list(tmp_path.glob("*.open"))
    assert len(warc_files(tmp_path)) > 1  # rotated by size
    assert {loc.record_id for loc, _ in results} == {ex.record_id for ex in exchanges}
    for loc, _ in results:
        rec = read_at(tmp_path / loc.file, loc.offset)
        assert rec.record_id == loc.record_id and rec.rec_type == "response"
    counts = proc.counts()
    assert counts["records/response"] == 40 and counts["files"] == len(warc_files(tmp_path))
    assert counts["cdxj_files"] == counts["files"]
    assert_warcio_check(tmp_path)


def test_writer_process_indexes_as_it_writes_the_index_of_the_closed_file(tmp_path):
    from newscrawl.warc.index import write_cdxj
    from newscrawl.warc.writerproc import WarcWriterProcess

    proc = WarcWriterProcess(writer_options(tmp_path, max_size=30_000), queue_size=4)
    proc.start()
    results = []
    same = os.urandom(2000)  # the same page again: revisit records
    exchanges = [
        exchange(0, same) if n % 5 == 0 else exchange(n, os.urandom(2500)) for n in range(40)
    ]
    exchanges.append(exchange(40, b"", status=304))
    for ex in exchanges:
        proc.submit(ex, lambda loc, err: results.append((loc, err)))
    proc.close()
    assert proc.proc.returncode == 0 and all(err is None for _, err in results)
    files = warc_files(tmp_path)
    assert len(files) > 1 and proc.counts()["cdxj_files"] == len(files)
    assert proc.counts()["records/revisit"] >= 7
    assert "cdxj_indexed_after_close" not in proc.counts()  # made while writing
    for path in files:
        index = Path(cdxj_path(str(path)))
        made_while_writing = index.read_bytes()
        index.unlink()
        write_cdxj(str(path))  # what indexing the closed file gives
        assert index.read_bytes() == made_while_writing
        assert made_while_writing.count(b"\n") == sum(
            1 for r in read_records(path) if r.rec_type in ("response", "revisit")
        )


def test_writer_process_that_cannot_start_says_why(tmp_path):
    from newscrawl.warc.writerproc import WarcWriterProcess

    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    failures = []
    options = writer_options(blocker / "warc", dedup=True)
    proc = WarcWriterProcess(options, on_failure=failures.append)
    proc.start()
    assert not proc.wait_ready(timeout=60)
    proc.close(timeout=60)
    assert failures == [proc.failure]
    assert proc.failure.startswith("the WARC writer process did not start: ")
    assert "not-a-dir" in proc.failure
    assert not proc.alive
    with pytest.raises(RuntimeError, match="not running"):
        proc.submit(exchange(1))


@pytest.mark.parametrize(("engine", "level"), [("zlib", 6), ("zlib", 1), ("isal", 6), ("isal", 1)])
def test_gzip_engines_write_one_standard_member_per_record(tmp_path, engine, level):
    import zlib

    writer = make_writer(tmp_path, gzip_engine=engine, gzip_level=level)
    locations = [writer.write(exchange(n)) for n in range(3)]
    writer.close()
    path = tmp_path / locations[0].file
    data = path.read_bytes()
    members = 0
    while data:  # every record is a complete gzip member of its own
        d = zlib.decompressobj(zlib.MAX_WBITS | 16)
        d.decompress(data)
        assert d.eof
        data = d.unused_data
        members += 1
    assert members == 1 + 2 * 3
    assert [read_at(path, loc.offset).record_id for loc in locations] == [
        loc.record_id for loc in locations
    ]
    assert_warcio_check(tmp_path)


def test_unknown_gzip_engine_is_a_configuration_error():
    from newscrawl.warc.config import WarcConfig, WarcConfigError

    with pytest.raises(WarcConfigError, match="NEWSCRAWL_WARC_GZIP_ENGINE='pigz'"):
        WarcConfig(gzip_engine="pigz")


@pytest.mark.parametrize("sort_buffer", [None, 1000], ids=["in-memory", "spilled"])
def test_live_index_made_in_runs_is_the_index_of_the_closed_file(
    tmp_path, monkeypatch, sort_buffer
):
    from newscrawl.warc.index import write_cdxj
    from newscrawl.warc.liveindex import LiveIndex

    if sort_buffer:  # a few lines per sorted temporary file, merged at close
        monkeypatch.setattr(LiveIndex, "SORT_BUFFER", sort_buffer)
    made: dict[str, LiveIndex] = {}

    def on_written(wf, offset):
        made.setdefault(wf.path, LiveIndex(wf.path, wf.open_path)).add(wf.fileobj, offset)

    files = WarcFileManager(str(tmp_path), "t", host="h")
    writer = RotatingWarcWriter(files, WARCINFO, on_written=on_written)
    for n in range(20):
        writer.write(exchange(n))
        if n % 3 == 2:  # runs of three exchanges, the last run at close
            made[writer.current.path].catch_up()
    writer.close()
    (index,) = made.values()
    assert index.failed is None
    assert bool(index.lines.tmp_files) == bool(sort_buffer)
    # the spilled runs have no name anywhere: nothing is left behind if the writer dies
    assert all(os.fstat(run.fileno()).st_nlink == 0 for run in index.lines.tmp_files)
    runs = list(index.lines.tmp_files)
    path = Path(index.write())
    assert all(run.closed for run in runs) and not index.lines.tmp_files
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([Path(index.path).name, path.name])
    live = path.read_bytes()
    path.unlink()
    write_cdxj(index.path)
    assert path.read_bytes() == live and live.count(b"\n") == 20


def test_a_live_index_given_up_lets_go_of_its_spilled_runs(tmp_path, monkeypatch):
    from newscrawl.warc.liveindex import LiveIndex

    monkeypatch.setattr(LiveIndex, "SORT_BUFFER", 1000)
    made: dict[str, LiveIndex] = {}

    def on_written(wf, offset):
        made.setdefault(wf.path, LiveIndex(wf.path, wf.open_path)).add(wf.fileobj, offset)
        made[wf.path].catch_up()

    files = WarcFileManager(str(tmp_path), "t", host="h")
    writer = RotatingWarcWriter(files, WARCINFO, on_written=on_written)
    for n in range(10):
        writer.write(exchange(n))
    writer.close()
    (index,) = made.values()
    runs = list(index.lines.tmp_files)
    assert runs
    index.failed = OSError("a write failed: the index may miss records")  # as the writer marks it
    assert index.write() is None
    assert all(run.closed for run in runs) and not index.lines.tmp_files
    assert [p.name for p in tmp_path.iterdir()] == [Path(index.path).name]


def test_a_live_index_that_cannot_read_its_file_leaves_it_to_the_closed_file(tmp_path):
    from newscrawl.warc.liveindex import LiveIndex

    made: dict[str, LiveIndex] = {}

    def on_written(wf, offset):
        made.setdefault(wf.path, LiveIndex(wf.path, wf.open_path + ".gone")).add(wf.fileobj, offset)

    files = WarcFileManager(str(tmp_path), "t", host="h")
    writer = RotatingWarcWriter(files, WARCINFO, on_written=on_written)
    location = writer.write(exchange(1))
    writer.close()
    (index,) = made.values()
    assert isinstance(index.failed, FileNotFoundError)
    assert index.write() is None  # the writer process then indexes the closed file
    assert not Path(cdxj_path(str(tmp_path / location.file))).exists()
