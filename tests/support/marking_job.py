"""A worker job for tests (``NEWSCRAWL_EXTRACT_JOB``): the real one, in a module that marks
each worker process importing it with a file ``<pid>`` in the folder
``NEWSCRAWL_TEST_WORKER_MARKS`` names, so a test sees whether extraction workers started.
The crawl process imports it too (to check the setting); it is no worker and leaves no mark."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

from newscrawl.workers import job as real_job

_MARKS = os.environ.get("NEWSCRAWL_TEST_WORKER_MARKS")
if _MARKS and multiprocessing.parent_process() is not None:
    (Path(_MARKS) / str(os.getpid())).write_text("started\n", encoding="utf-8")


def process_page(job: dict[str, Any]) -> dict[str, Any]:
    return real_job.process_page(job)
