"""Which capture answers a URL: the latest, or the one closest to a given time."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone

import surt

REVISIT_MIME = "warc/revisit"


@dataclass(frozen=True, slots=True)
class Capture:
    """One index entry: a response, revisit or resource record of some source."""

    urlkey: str
    timestamp: str  # 14 digits, UTC
    url: str
    mime: str
    digest: str
    source: int  # position in the archive's source list
    offset: int
    length: int
    order: int  # load order; breaks ties between equal timestamps (later wins)

    @property
    def is_revisit(self) -> bool:
        return self.mime == REVISIT_MIME

    def when(self) -> datetime:
        return datetime.strptime(self.timestamp[:14].ljust(14, "0"), "%Y%m%d%H%M%S").replace(
            tzinfo=timezone.utc
        )


def url_key(url: str) -> str:
    """The SURT key CDXJ files are sorted by (what ``cdxj_indexer`` writes)."""
    try:
        return surt.surt(url)
    except Exception:  # surt raises on some malformed URLs; CDXJ then keys the URL itself
        return url


class CaptureIndex:
    """Captures by URL key and by payload digest, all in memory."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[Capture]] = defaultdict(list)
        self._by_digest: dict[str, list[Capture]] = defaultdict(list)
        self.count = 0

    def add(self, urlkey: str, timestamp: str, fields: dict, source: int) -> None:
        capture = Capture(
            urlkey=urlkey,
            timestamp=timestamp,
            url=fields.get("url") or "",
            mime=fields.get("mime") or "",
            digest=fields.get("digest") or "",
            source=source,
            offset=int(fields["offset"]),
            length=int(fields.get("length") or 0),
            order=self.count,
        )
        self.count += 1
        self._by_key[urlkey].append(capture)
        if capture.digest and not capture.is_revisit:
            self._by_digest[capture.digest].append(capture)

    def captures_of(self, url: str) -> list[Capture]:
        """Captures of exactly this URL, else of URLs with the same canonical key."""
        url = url.split("#", 1)[0]
        found = self._by_key.get(url_key(url), [])
        exact = [c for c in found if c.url == url]
        return exact or found

    def find(self, url: str, at: datetime | None = None) -> Capture | None:
        """The latest capture of ``url``, or the one closest to ``at``."""
        return pick(self.captures_of(url), at)

    def original_of(
        self, revisit: Capture, refers_url: str | None, refers_date: datetime | None
    ) -> Capture | None:
        """The full record a revisit points to: same payload digest, any file."""
        candidates = [
            c
            for c in self._by_digest.get(revisit.digest, [])
            if c.timestamp <= revisit.timestamp or refers_date is not None
        ]
        if not candidates and refers_url:
            candidates = [c for c in self.captures_of(refers_url) if not c.is_revisit]
        if not candidates:
            return None
        if refers_url:
            same_url = [c for c in candidates if c.url == refers_url]
            candidates = same_url or candidates
        return pick(candidates, refers_date or revisit.when())


def pick(captures: list[Capture], at: datetime | None) -> Capture | None:
    if not captures:
        return None
    if at is None:
        return max(captures, key=lambda c: (c.timestamp, c.order))
    return min(captures, key=lambda c: (abs((c.when() - at).total_seconds()), -c.order))
