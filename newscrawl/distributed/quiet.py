"""Keep scrapy-redis 0.9's deprecation warnings (old Scrapy APIs it calls) out of the log.

They are about scrapy-redis's code, not a user's settings, and say nothing an
operator can act on; the pinned version is known to work with this Scrapy.
"""

from __future__ import annotations

import warnings

from scrapy.exceptions import ScrapyDeprecationWarning


def silence_scrapy_redis_warnings() -> None:
    warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module=r"scrapy_redis\.")
    warnings.filterwarnings(
        "ignore", category=ScrapyDeprecationWarning, message=r".*scrapy_redis.*"
    )
