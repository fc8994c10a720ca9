"""A damaged or locked crawl-state SQLite file: a clear line and a defined outcome."""

from __future__ import annotations

import sqlite3

from newscrawl.demo.server import DemoServer, feed_urls
from newscrawl.state.sqlite import SqliteStateStore
from tests.support.crawl import run_crawl

STATE = {"NEWSCRAWL_STATE_ENABLED": True}


def test_a_damaged_state_file_is_set_aside_and_the_crawl_starts_afresh(tmp_path):
    with DemoServer() as site:
        first = run_crawl(tmp_path, feed_urls(site)[:1], settings=STATE)
        assert first.returncode == 0 and first.items
        state = tmp_path / "state"
        for old in state.glob("state.sqlite3*"):
            old.unlink()
        (state / "state.sqlite3").write_bytes(b"not a database at all " * 300)

        second = run_crawl(tmp_path, feed_urls(site)[:1], settings=STATE)

    lines = [line for line in second.log.splitlines() if "is damaged" in line]
    assert len(lines) == 1, lines
    assert "state.sqlite3" in lines[0] and "started afresh" in lines[0]
    assert "Traceback" not in second.log
    assert second.returncode == 0
    assert second.stat("newscrawl/state/rebuilt") == 1
    fetched = first.stat("newscrawl/articles/fetched")
    assert fetched and second.stat("newscrawl/articles/fetched") == fetched  # all again
    (aside,) = state.glob("state.sqlite3.damaged-*")
    assert aside.read_bytes().startswith(b"not a database")
    # the new file is a working store that remembers this run
    assert SqliteStateStore(state).count_articles() == fetched


def test_a_state_file_another_process_locks_stops_the_run_with_status_4(tmp_path):
    state = tmp_path / "state"
    SqliteStateStore(state).close()
    holder = sqlite3.connect(state / "state.sqlite3")
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with DemoServer() as site:
            result = run_crawl(tmp_path, feed_urls(site)[:1], settings=STATE)
    finally:
        holder.rollback()
        holder.close()

    assert result.returncode == 4, result.log[-2000:]
    errors = [line for line in result.log.splitlines() if " ERROR: " in line]
    assert len(errors) == 1, errors
    assert "another process holds a lock on the crawl state" in errors[0]
    assert "this run does nothing" in errors[0]
    assert "Traceback" not in result.log
    assert not result.items
    assert not list(state.glob("*.damaged-*"))  # a lock is not damage
