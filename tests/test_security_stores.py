"""Damaged stores: a corrupt dedup index is set aside and rebuilt; no revisit points at nothing."""

from __future__ import annotations

import sqlite3

import pytest

from newscrawl.demo.server import DemoServer, feed_urls
from newscrawl.warc.dedup import Capture, DedupIndex
from tests.support.crawl import run_crawl
from tests.support.warc import assert_warcio_check, read_dir


def test_a_corrupt_index_file_is_moved_aside_and_a_new_one_works(tmp_path):
    path = tmp_path / "dedup.sqlite3"
    path.write_bytes(b"this is not a database" * 200)

    index = DedupIndex(str(path))
    index.add(Capture("http://e.com/", "sha1:X", "<urn:uuid:1>", "2026-01-01T00:00:00Z"))
    index.close()

    assert index.set_aside and index.set_aside.startswith(str(path) + ".damaged-")
    assert (tmp_path / index.set_aside.rsplit("/", 1)[1]).read_bytes().startswith(b"this is not")
    assert DedupIndex(str(path)).lookup("http://e.com/", "sha1:X").record_id == "<urn:uuid:1>"


def test_a_locked_index_is_not_mistaken_for_a_damaged_one(tmp_path):
    path = str(tmp_path / "dedup.sqlite3")
    DedupIndex(path).close()
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            DedupIndex(path)  # waits sqlite's 5 s busy timeout, then gives up
    finally:
        holder.rollback()
        holder.close()
    assert not list(tmp_path.glob("*.damaged-*"))


def test_a_crawl_over_a_corrupt_index_archives_full_records_and_says_so_once(tmp_path):
    with DemoServer() as site:
        first = run_crawl(tmp_path, feed_urls(site)[:1])
        assert first.returncode == 0
        for old in (tmp_path / "warc").glob("dedup.sqlite3*"):
            old.unlink()
        (tmp_path / "warc" / "dedup.sqlite3").write_bytes(b"garbage" * 500)

        second = run_crawl(tmp_path, feed_urls(site)[:1])

    lines = [line for line in second.log.splitlines() if "is damaged" in line]
    assert len(lines) == 1 and "rebuilt empty" in lines[0]
    assert second.stat("newscrawl/warc/dedup_rebuilt") == 1
    assert not second.stat("newscrawl/warc/writer_failed")
    assert all(item.get("warc_record_id") for item in second.items)
    records = read_dir(tmp_path / "warc")
    ids = {r.record_id for r in records}
    for revisit in (r for r in records if r.rec_type == "revisit"):
        assert revisit.headers["WARC-Refers-To"] in ids  # never a revisit to nothing
    assert_warcio_check(tmp_path / "warc")
