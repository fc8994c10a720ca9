"""A crawl killed mid-write loses no completed record; SIGTERM closes files cleanly."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from newscrawl.demo.server import DemoServer
from newscrawl.warc.files import OPEN_SUFFIX
from tests.support.crawl import finish_crawl, kill_crawl, run_crawl, start_crawl
from tests.support.site import serve_stories
from tests.support.warc import assert_warcio_check, read_records, rss, warc_files

ARTICLES = 400
PADDING = "<p>" + "News text that makes the page a realistic size. " * 200 + "</p>"


@pytest.fixture(scope="module")
def site():
    with DemoServer(site_dir=None) as srv:
        links = serve_stories(srv, ARTICLES, PADDING, delay=0.02, title="Article {n}")
        srv.add("/feed.xml", rss(srv, links), headers=[("Content-Type", "text/xml")])
        srv.add("/small.xml", rss(srv, ["/a/0"]), headers=[("Content-Type", "text/xml")])
        yield srv


def complete_record_ids(path: Path) -> list[str]:
    """IDs of the records a reader can read in full from a (possibly torn) file."""
    ids = []
    with open(path, "rb") as fh:
        try:
            for record in ArchiveIterator(fh, no_record_parse=True):
                if len(record.raw_stream.read()) == int(record.length):
                    ids.append(record.rec_headers.get_header("WARC-Record-ID"))
        except Exception:
            pass
    return ids


def wait_for_records(warc_dir: Path, minimum: int, timeout: float = 60) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        open_files = list(warc_dir.glob("*" + OPEN_SUFFIX))
        if open_files and len(complete_record_ids(open_files[0])) >= minimum:
            return open_files[0]
        time.sleep(0.05)
    raise AssertionError(f"no .open file with {minimum} records in {warc_dir}")


def test_sigkill_mid_crawl_then_restart_recovers_every_complete_record(site, tmp_path):
    proc = start_crawl(tmp_path, [site.url("/feed.xml")])
    try:
        open_file = wait_for_records(tmp_path / "warc", minimum=60)
        kill_crawl(proc, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            kill_crawl(proc, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    before = complete_record_ids(open_file)
    assert len(before) >= 60

    second = run_crawl(tmp_path, feeds=[site.url("/small.xml")])
    assert second.returncode == 0, second.log[-3000:]
    assert second.stat("newscrawl/warc/recovered_files") == 1
    assert second.stat("newscrawl/warc/recovered_records") == len(before)
    assert "Recovered WARC file" in second.log
    assert not list((tmp_path / "warc").glob("*" + OPEN_SUFFIX))

    recovered = tmp_path / "warc" / open_file.name.removesuffix(OPEN_SUFFIX)
    records = read_records(recovered)
    assert [r.record_id for r in records] == before
    assert records[0].rec_type == "warcinfo"
    assert records[0].headers["WARC-Filename"] == recovered.name
    assert recovered.with_name(recovered.name.removesuffix(".warc.gz") + ".cdxj").exists()
    assert len(warc_files(tmp_path / "warc")) == 2
    assert_warcio_check(tmp_path / "warc")


def test_sigterm_closes_and_indexes_the_current_file(site, tmp_path):
    proc = start_crawl(tmp_path, [site.url("/feed.xml")])
    try:
        wait_for_records(tmp_path / "warc", minimum=20)
        kill_crawl(proc, signal.SIGTERM)
        log = finish_crawl(proc, timeout=60)
    finally:
        if proc.poll() is None:
            kill_crawl(proc, signal.SIGKILL)
    assert proc.returncode == 5, log[-3000:]  # interrupted
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["finish_reason"] == "shutdown"
    warc_dir = tmp_path / "warc"
    assert not list(warc_dir.glob("*" + OPEN_SUFFIX))
    files = warc_files(warc_dir)
    assert len(files) == 1
    records = read_records(files[0])
    written = sum(v for k, v in stats.items() if k.startswith("newscrawl/warc/records/"))
    assert len(records) == written
    assert stats["newscrawl/warc/records/response"] == stats["downloader/response_count"]
    assert files[0].with_name(files[0].name.removesuffix(".warc.gz") + ".cdxj").exists()
    assert_warcio_check(warc_dir)


def writer_child(pid: int) -> int:
    """The pid of the crawl's WARC writer process."""
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"newscrawl.warc.writerproc" in cmdline:
                return int(child)
    raise AssertionError("no writer process")


def test_crawl_stops_when_the_writer_process_dies(site, tmp_path):
    proc = start_crawl(tmp_path, [site.url("/feed.xml")])
    try:
        wait_for_records(tmp_path / "warc", minimum=20)
        os.kill(writer_child(proc.pid), signal.SIGKILL)
        log = finish_crawl(proc, timeout=60)
    finally:
        if proc.poll() is None:
            kill_crawl(proc, signal.SIGKILL)
    assert proc.returncode == 3, log[-3000:]  # some outputs not stored
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["finish_reason"] == "warc_failed"
    assert stats["newscrawl/warc/writer_failed"] == 1
    assert stats["newscrawl/outputs/not_stored"] >= 1
    assert "the WARC writer process exited unexpectedly" in log
    assert stats["downloader/response_count"] < ARTICLES  # it stopped early
    # what the dead writer left is repaired by the next run
    second = run_crawl(tmp_path, feeds=[site.url("/small.xml")])
    assert second.stat("newscrawl/warc/recovered_files") == 1
    assert_warcio_check(tmp_path / "warc")


def test_crawl_stops_when_the_warc_folder_cannot_be_written(site, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    result = run_crawl(
        tmp_path / "out",
        feeds=[site.url("/small.xml")],
        settings={"NEWSCRAWL_WARC_DIR": str(blocker / "warc")},
    )
    # checked with the other settings, before anything is crawled
    assert result.returncode == 1
    (line,) = result.log.strip().splitlines()
    assert line.startswith("newscrawl: bad setting: NEWSCRAWL_WARC_DIR=")
    assert "is not a writable folder" in line
    assert not result.stats


def test_writer_that_cannot_start_stops_the_crawl_with_one_line(site, tmp_path):
    # the dedup index cannot be created: the writer process fails as it starts
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    result = run_crawl(
        tmp_path / "out",
        feeds=[site.url("/small.xml")],
        settings={"NEWSCRAWL_WARC_DEDUP_DB": str(blocker / "dedup.sqlite3")},
    )
    assert result.returncode == 3
    assert result.stat("finish_reason", None) == "warc_failed"
    assert result.stat("newscrawl/warc/writer_failed") == 1
    errors = [line for line in result.log.splitlines() if "Cannot write WARC files to" in line]
    assert len(errors) == 1 and "did not start" in errors[0]
    assert "Traceback" not in result.log
