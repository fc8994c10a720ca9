"""A worker job for tests (``NEWSCRAWL_EXTRACT_JOB``): the real one, in a module that
writes, for each worker process importing it (at the worker's start, the pool's first
preload), what the worker had loaded by then into ``<pid>.json`` in the folder
``NEWSCRAWL_TEST_WORKER_MARKS`` names. The crawl process imports it too (to check the
setting); it is no worker and writes nothing."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any

from newscrawl.workers import job as real_job

_MARKS = os.environ.get("NEWSCRAWL_TEST_WORKER_MARKS")
if _MARKS and multiprocessing.parent_process() is not None:
    facts = {
        "scrapy.cmdline": "scrapy.cmdline" in sys.modules,
        "main_name": sys.modules["__main__"].__name__,
        "main_file": getattr(sys.modules["__main__"], "__file__", None),
    }
    (Path(_MARKS) / f"{os.getpid()}.json").write_text(json.dumps(facts), encoding="utf-8")


def process_page(job: dict[str, Any]) -> dict[str, Any]:
    return real_job.process_page(job)
