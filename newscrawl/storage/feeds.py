"""``SpooledFeedStorage``: Scrapy feed exports to the destination, through the spool.

Scrapy's own ``S3FeedStorage`` uploads a batch when it closes and loses it if
that upload fails. This one (``FEED_STORAGES["s3"]``) writes the batch in the
spool's work folder and, when Scrapy stores it, links it into the outbox,
where the uploader takes it like every other output. URIs outside
``NEWSCRAWL_OUTPUT_DIR`` go to Scrapy's storage for their scheme unchanged.
"""

from __future__ import annotations

import os
import tempfile
from typing import IO, Any

from scrapy.extensions.feedexport import S3FeedStorage
from scrapy.utils.misc import build_from_crawler

from newscrawl.storage.base import safe_key
from newscrawl.storage.layout import OutputLayout


class SpooledFeedStorage:
    """A feed batch under the output destination: complete in the spool, then handed over."""

    def __init__(self, key: str, layout: OutputLayout) -> None:
        self.key = safe_key(key)
        self.layout = layout

    @classmethod
    def from_crawler(
        cls, crawler: Any, uri: str, *, feed_options: dict[str, Any] | None = None
    ) -> Any:
        layout = OutputLayout.from_settings(crawler.settings)
        key = layout.key_for(uri) if layout.remote else None
        if key is None:
            return build_from_crawler(S3FeedStorage, crawler, uri, feed_options=feed_options)
        return cls(key, layout)

    def _area_dirs(self) -> tuple[str, str]:
        area, _, rest = self.key.partition("/")
        sub = os.path.dirname(rest)
        return (
            os.path.join(self.layout.work_dir(area), sub),
            os.path.join(self.layout.done_dir(area), sub),
        )

    def open(self, spider: Any) -> IO[bytes]:
        work, _ = self._area_dirs()
        os.makedirs(work, exist_ok=True)
        # deleted when closed: a batch that is never stored leaves nothing behind
        return tempfile.NamedTemporaryFile(prefix=".feed-", suffix=".part", dir=work)

    def store(self, file: IO[bytes]) -> None:
        file.flush()
        os.fsync(file.fileno())
        _, done = self._area_dirs()
        os.makedirs(done, exist_ok=True)
        target = os.path.join(done, os.path.basename(self.key))
        tmp = os.path.join(done, "." + os.path.basename(self.key) + ".part")
        if os.path.exists(tmp):
            os.unlink(tmp)
        os.link(file.name, tmp)
        os.replace(tmp, target)
        file.close()
