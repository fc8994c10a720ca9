"""``SqliteStateStore``: the crawl state in one SQLite file on local disk."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import astuple, fields
from pathlib import Path

from newscrawl.state.store import ArticleState, FeedState, StateStore

SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_fetch REAL,
    last_full_fetch REAL,
    last_outcome TEXT,
    failures INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS articles (
    permalink TEXT PRIMARY KEY,
    canonical_url TEXT,
    first_fetch REAL,
    last_fetch REAL,
    payload_digest TEXT,
    content_digest TEXT,
    warc_file TEXT,
    warc_offset INTEGER,
    warc_record_id TEXT,
    record_id TEXT,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS articles_canonical ON articles (canonical_url);
"""

FEED_COLUMNS = [f.name for f in fields(FeedState)]
ARTICLE_COLUMNS = [f.name for f in fields(ArticleState)]


class SqliteStateStore(StateStore):
    """State in ``<directory>/state.sqlite3`` (WAL: a killed run loses no committed row)."""

    FILE_NAME = "state.sqlite3"

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.path = Path(directory) / self.FILE_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # one connection, used from the reactor thread only; autocommit per statement
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def get_feed(self, url: str) -> FeedState | None:
        row = self.db.execute(
            f"SELECT {', '.join(FEED_COLUMNS)} FROM feeds WHERE url = ?", (url,)
        ).fetchone()
        return FeedState(*row) if row else None

    def save_feed(self, feed: FeedState) -> None:
        marks = ", ".join("?" * len(FEED_COLUMNS))
        self.db.execute(
            f"INSERT OR REPLACE INTO feeds ({', '.join(FEED_COLUMNS)}) VALUES ({marks})",
            astuple(feed),
        )

    def find_article(self, *keys: str | None) -> ArticleState | None:
        wanted = [k for k in dict.fromkeys(keys) if k]
        if not wanted:
            return None
        marks = ", ".join("?" * len(wanted))
        row = self.db.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles "
            f"WHERE permalink IN ({marks}) OR canonical_url IN ({marks}) "
            "ORDER BY last_fetch DESC LIMIT 1",
            (*wanted, *wanted),
        ).fetchone()
        return ArticleState(*row) if row else None

    def save_article(self, article: ArticleState) -> None:
        marks = ", ".join("?" * len(ARTICLE_COLUMNS))
        self.db.execute(
            f"INSERT OR REPLACE INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({marks})",
            astuple(article),
        )

    def touch_article(self, article: ArticleState, when: float) -> None:
        self.db.execute(
            "UPDATE articles SET last_fetch = ? WHERE permalink = ?", (when, article.permalink)
        )

    def count_articles(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def close(self) -> None:
        self.db.close()
