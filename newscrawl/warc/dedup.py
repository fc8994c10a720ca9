"""The payload-digest index behind revisit records, kept on disk across runs."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from dataclasses import dataclass

from newscrawl.urls import url_key

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Capture:
    """Where an earlier copy of a payload was archived."""

    url: str
    digest: str
    record_id: str
    date: str  # WARC-Date of that record


class DedupIndex:
    """``(url, payload digest) -> first capture`` in a small SQLite file.

    URLs are compared by :func:`newscrawl.urls.url_key`, so two spellings of one
    URL (``%c3%9f`` and ``%C3%9F``, or a reordered query) share their captures.

    Used from one thread only (the writer process). Rows are added only after
    their record is written, and committed in batches: a crash can lose the
    last rows, which costs a full record next time instead of a revisit,
    never a revisit that points at nothing.
    """

    def __init__(self, path: str, commit_every: int = 200, commit_interval: float = 2.0) -> None:
        directory = os.path.dirname(path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        self.path = path
        self.set_aside: str | None = None  # where a damaged index was moved, if it was
        try:
            self._db = self._open(path)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise
            # A damaged index costs full records instead of revisits, never a revisit
            # that points at nothing: keep the file for inspection, start a new one.
            self.set_aside = f"{path}.damaged-{time.strftime('%Y%m%dT%H%M%S')}"
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.replace(path + suffix, self.set_aside + suffix)
            logger.warning(
                "Dedup index %s is damaged (%s): moved to %s and rebuilt empty; "
                "this run writes full records instead of revisits",
                path, exc, self.set_aside,
            )  # fmt: skip
            self._db = self._open(path)
        self._pending = 0
        self._last_commit = time.monotonic()
        self._commit_every = commit_every
        self._commit_interval = commit_interval

    @staticmethod
    def _open(path: str) -> sqlite3.Connection:
        db = sqlite3.connect(path)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS captures ("
                " url TEXT NOT NULL, digest TEXT NOT NULL, record_id TEXT NOT NULL,"
                " date TEXT NOT NULL, key TEXT, PRIMARY KEY (url, digest))"
            )
            _add_keys(db)
            db.execute("CREATE INDEX IF NOT EXISTS captures_by_key ON captures (key, digest)")
            db.execute("SELECT count(*) FROM captures").fetchone()
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def lookup(self, url: str, digest: str) -> Capture | None:
        """The first capture of this payload at ``url`` (or at another spelling of it)."""
        row = self._db.execute(
            "SELECT url, digest, record_id, date FROM captures WHERE key = ? AND digest = ?"
            " ORDER BY date LIMIT 1",
            (url_key(url), digest),
        ).fetchone()
        return Capture(*row) if row else None

    def latest(self, url: str) -> Capture | None:
        """The most recent full capture of ``url``, e.g. for a 304 revisit."""
        row = self._db.execute(
            "SELECT url, digest, record_id, date FROM captures WHERE key = ?"
            " ORDER BY date DESC LIMIT 1",
            (url_key(url),),
        ).fetchone()
        return Capture(*row) if row else None

    def add(self, capture: Capture) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO captures (url, digest, record_id, date, key)"
            " VALUES (?, ?, ?, ?, ?)",
            (capture.url, capture.digest, capture.record_id, capture.date, url_key(capture.url)),
        )
        self._pending += 1
        if (
            self._pending >= self._commit_every
            or time.monotonic() - self._last_commit >= self._commit_interval
        ):
            self.commit()

    def commit(self) -> None:
        self._db.commit()
        self._pending = 0
        self._last_commit = time.monotonic()

    def close(self) -> None:
        self.commit()
        self._db.close()


def _add_keys(db: sqlite3.Connection) -> None:
    """Give an index from before URL keys existed its ``key`` column."""
    columns = [row[1] for row in db.execute("PRAGMA table_info(captures)")]
    if "key" not in columns:
        db.execute("ALTER TABLE captures ADD COLUMN key TEXT")
    rows = db.execute("SELECT rowid, url FROM captures WHERE key IS NULL").fetchall()
    db.executemany(
        "UPDATE captures SET key = ? WHERE rowid = ?", [(url_key(u), r) for r, u in rows]
    )
