"""The WARC dedup index compares URLs in one normal form (real SQLite files)."""

from __future__ import annotations

import sqlite3

from newscrawl.warc.dedup import Capture, DedupIndex

SHARP_S = "https://news.example/stra%C3%9Fe?b=2&a=1"


def test_two_spellings_of_one_url_share_their_captures(tmp_path):
    index = DedupIndex(str(tmp_path / "dedup.sqlite3"))
    index.add(Capture(SHARP_S, "sha1:AAA", "<urn:uuid:1>", "2026-12-01T00:00:00Z"))
    index.close()

    reopened = DedupIndex(str(tmp_path / "dedup.sqlite3"))
    for spelling in (
        "https://news.example/straße?b=2&a=1",
        "https://news.example/stra%c3%9fe?a=1&b=2",
        SHARP_S + "#comments",
    ):
        found = reopened.lookup(spelling, "sha1:AAA")
        assert found is not None, spelling
        assert found.url == SHARP_S  # revisits refer to the URL as it was captured
        assert reopened.latest(spelling).record_id == "<urn:uuid:1>"
    assert reopened.lookup("https://news.example/strasse", "sha1:AAA") is None
    reopened.close()


def test_an_index_written_before_url_keys_is_upgraded_in_place(tmp_path):
    path = tmp_path / "dedup.sqlite3"
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE captures (url TEXT NOT NULL, digest TEXT NOT NULL, record_id TEXT NOT NULL,"
        " date TEXT NOT NULL, PRIMARY KEY (url, digest))"
    )
    db.execute(
        "INSERT INTO captures VALUES (?, ?, ?, ?)",
        ("https://news.example/stra%C3%9Fe", "sha1:BBB", "<urn:uuid:old>", "2026-11-01T00:00:00Z"),
    )
    db.commit()
    db.close()

    index = DedupIndex(str(path))
    found = index.lookup("https://news.example/straße", "sha1:BBB")
    index.close()

    assert found is not None and found.record_id == "<urn:uuid:old>"
