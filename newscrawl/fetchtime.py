"""When a response was fetched: the capture time, so live and replayed records agree.

The WARC capture middleware (live) and the replay download handler put the
exchange's time in ``request.meta[FETCHED_AT_META]``: the time that is also
the record's ``WARC-Date``. Records use it for ``fetched_at``, so a replay of
the archive yields the same value as the crawl that wrote it.
"""

from __future__ import annotations

from datetime import datetime, timezone

from scrapy.http import Response

FETCHED_AT_META = "newscrawl_fetched_at"


def fetched_at(response: Response) -> str:
    """ISO 8601 UTC time (seconds) the response was fetched; now when nobody recorded it."""
    when = None
    if response.request is not None:
        when = response.meta.get(FETCHED_AT_META)
    if not isinstance(when, datetime):
        when = datetime.now(timezone.utc)
    return when.astimezone(timezone.utc).isoformat(timespec="seconds")
