"""What the crawl state holds, and the interface a state backend implements."""

from __future__ import annotations

import abc
from dataclasses import dataclass


@dataclass
class FeedState:
    """One feed as the last runs saw it. Times are Unix seconds."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_fetch: float | None = None  # last attempt, whatever came of it
    last_full_fetch: float | None = None  # last unconditional request
    last_outcome: str | None = None  # "ok", "not_modified", "http_503", "timeout", ...
    failures: int = 0  # consecutive failed fetches


@dataclass
class ArticleState:
    """One archived article: where its latest version is, and what it said."""

    permalink: str  # normalised (see ``keys.article_key``)
    canonical_url: str | None = None  # normalised
    first_fetch: float | None = None
    last_fetch: float | None = None
    payload_digest: str | None = None  # of the raw page, as in the WARC
    content_digest: str | None = None  # of the extracted title, text and dates
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_record_id: str | None = None
    record_id: str | None = None  # the article's stable ID in the records
    version: int = 1


class StateStore(abc.ABC):
    """A backend of the crawl state (SQLite here; a shared one for distributed crawls).

    All methods are cheap, local calls made from the reactor thread.
    """

    @abc.abstractmethod
    def get_feed(self, url: str) -> FeedState | None:
        """The saved state of feed ``url``, or None if it was never fetched."""

    @abc.abstractmethod
    def save_feed(self, feed: FeedState) -> None:
        """Insert or replace the state of one feed."""

    @abc.abstractmethod
    def find_article(self, *keys: str | None) -> ArticleState | None:
        """The archived article known under any of these normalised URLs."""

    @abc.abstractmethod
    def save_article(self, article: ArticleState) -> None:
        """Mark an article archived (insert, or replace its latest version)."""

    @abc.abstractmethod
    def touch_article(self, article: ArticleState, when: float) -> None:
        """Note that a known article was fetched again and found unchanged."""

    @abc.abstractmethod
    def count_articles(self) -> int:
        """How many articles are archived."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the backend; the object is not used afterwards."""
