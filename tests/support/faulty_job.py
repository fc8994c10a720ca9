"""A worker job for tests (``NEWSCRAWL_EXTRACT_JOB``): the real one, but some pages misbehave.

A URL containing ``crash`` ends the worker process at once, ``hang`` never returns,
``slow`` takes half a second first. Everything else is ``process_page`` unchanged.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from newscrawl.workers.job import process_page as real_process_page

logger = logging.getLogger("tests.faulty_job")


def process_page(job: dict[str, Any]) -> dict[str, Any]:
    url = job.get("url") or ""
    if "crash" in url:
        os._exit(70)  # as a segfault in a C extension would: no exception, no cleanup
    if "hang" in url:
        time.sleep(3600)
    if "slow" in url:
        time.sleep(0.5)
    result = real_process_page(job)
    result["logs"].append(("tests.faulty_job", logging.INFO, f"page done {url}"))
    return result
