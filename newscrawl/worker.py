"""The worker ID: what tells apart the outputs of processes sharing one output folder."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from newscrawl.warc.files import safe_host

if TYPE_CHECKING:  # the WARC writer process reads this too, without Scrapy
    from scrapy.settings import BaseSettings


def worker_id(settings: BaseSettings) -> str:
    """``NEWSCRAWL_WORKER_ID`` made safe for file names; ``auto`` is ``<host>-<pid>``.

    Empty (the default) means a single process writes the outputs: names stay as
    they are.
    """
    value = str(settings.get("NEWSCRAWL_WORKER_ID") or "").strip()
    if value.lower() == "auto":
        return f"{safe_host()}-{os.getpid()}"
    return re.sub(r"[^A-Za-z0-9.-]+", "-", value).strip(".-")
