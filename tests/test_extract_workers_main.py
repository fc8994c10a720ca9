"""What a spawned extraction worker runs as its main module: not the ``scrapy`` console
script again (which imports all of Scrapy), but still a user's script that defines its job."""

from __future__ import annotations

import json
import subprocess
import sysconfig
import types
from pathlib import Path

import pytest

from newscrawl.workers.launcher import is_launcher
from tests.support.crawl import ROOT, collect, crawl_command, crawl_env, run_reactor_script
from tests.support.warc import rss

PROBE_JOB = "tests.support.main_probe_job.process_page"
PAGE = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Ferry fares</title>"
    "</head><body><article><h1>Ferry fares</h1>"
    + "<p>The harbour board met on Monday to discuss the winter timetable.</p>" * 8
    + "</article></body></html>"
)


def test_workers_of_a_crawl_started_as_the_scrapy_console_script_do_not_import_scrapy(
    server, tmp_path
):
    # the launcher pip wrote for Scrapy's console_scripts entry point, as an operator runs it
    launcher = Path(sysconfig.get_path("scripts")) / "scrapy"
    assert launcher.is_file(), f"no scrapy console script at {launcher}"
    server.add("/news/ferry-fares.html", PAGE, headers=[("Content-Type", "text/html")])
    feed = server.add(
        "/feed.xml", rss(server, ["/news/ferry-fares.html"]), headers=[("Content-Type", "text/xml")]
    )
    marks = tmp_path / "marks"
    marks.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    settings = {"NEWSCRAWL_EXTRACT_JOB": PROBE_JOB, "NEWSCRAWL_EXTRACT_WORKERS": 2}
    command = crawl_command(out, [feed], settings=settings)
    assert command[1:3] == ["-m", "scrapy"]
    proc = subprocess.run(
        [str(launcher), *command[3:]],
        cwd=ROOT,
        env=crawl_env({"NEWSCRAWL_TEST_WORKER_MARKS": str(marks)}),
        capture_output=True,
        text=True,
        timeout=240,
    )
    result = collect(out, proc.returncode, proc.stderr + proc.stdout)

    assert result.returncode == 0, result.log
    (item,) = result.items
    assert "harbour board met on Monday" in item["markdown"]  # extracted in a worker
    workers = [json.loads(path.read_text()) for path in marks.glob("*.json")]
    assert len(workers) == 2
    for facts in workers:
        assert facts == {"scrapy.cmdline": False, "main_name": "__main__", "main_file": None}
    assert " WARNING: " not in result.log


SCRIPT_WITH_ITS_OWN_JOB = """
import sys

from twisted.internet import defer, reactor

from newscrawl.workers.pool import PagePool


def page_job(job):
    # found in the worker only if the worker ran this script again (as __mp_main__)
    return {"ran_as": __name__, "scrapy.cmdline": "scrapy.cmdline" in sys.modules}


@defer.inlineCallbacks
def main():
    pool = PagePool(page_job, 2, 60)
    result = yield pool.submit({"url": "https://example.test/a"})
    print("result:", result, flush=True)
    yield pool.close()

"""


@pytest.mark.parametrize("name", ["page_job_script.py", "scrapy"])
def test_a_script_that_defines_its_page_job_runs_it_in_the_workers(tmp_path, name):
    # "scrapy": named like a console script, but it defines what its workers need
    proc = run_reactor_script(tmp_path / name, SCRIPT_WITH_ITS_OWN_JOB)

    assert proc.returncode == 0, proc.stderr
    assert "result: {'ran_as': '__mp_main__', 'scrapy.cmdline': False}" in proc.stdout, (
        proc.stdout + proc.stderr
    )
    assert "Traceback" not in proc.stdout + proc.stderr


def _main_module(file: str | None, spec: object = None, **names: object) -> types.ModuleType:
    module = types.ModuleType("__main__")
    module.__file__ = file
    module.__spec__ = spec
    vars(module).update(names)
    return module


def test_only_a_console_script_launcher_that_defines_nothing_counts_as_one():
    from scrapy.cmdline import execute

    class Own:
        pass

    Own.__module__ = "__main__"
    launcher = "/venv/bin/scrapy"
    assert is_launcher(_main_module(launcher, execute=execute, sys=__import__("sys")))
    assert not is_launcher(_main_module(launcher, execute=execute, job=Own))  # its own class
    assert not is_launcher(_main_module(launcher, execute=execute, settings=Own()))  # instance
    assert not is_launcher(_main_module("/home/me/crawl.py", execute=execute))  # no console script
    assert not is_launcher(_main_module(launcher, spec=object(), execute=execute))  # python -m
    assert not is_launcher(_main_module(None))  # python -c, or interactive
