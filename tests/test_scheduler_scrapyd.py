"""Deploy to a real scrapyd on loopback with scrapyd-deploy, schedule a crawl, find its outputs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import require_or_skip
from tests.support.crawl import ROOT
from tests.support.procs import free_port, stop_process
from tests.support.site import serve_article
from tests.support.warc import rss

BIN = Path(sys.executable).parent


def project_copy(target: Path) -> Path:
    """The project's tracked files, as a user's checkout would have them."""
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / name.decode()
        if source.is_file():  # a file another branch deleted is still listed until commit
            dest = target / name.decode()
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)
    return target


def api(base: str, path: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(base + path, data=body, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture
def scrapyd(tmp_path):
    exe = BIN / "scrapyd"
    require_or_skip(exe.exists(), "scrapyd")
    port = free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        f"bind_address = 127.0.0.1\nhttp_port = {port}\n"
        "eggs_dir = eggs\nlogs_dir = logs\nitems_dir =\ndbs_dir = dbs\n"
        "max_proc = 1\npoll_interval = 0.5\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SCRAPY_SETTINGS_MODULE")}
    proc = subprocess.Popen(
        [str(exe)], cwd=home, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if api(base, "/daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                pass
            assert proc.poll() is None, proc.stdout.read().decode()[-2000:]
            assert time.monotonic() < deadline, "scrapyd did not start"
            time.sleep(0.3)
        yield base, home
    finally:
        stop_process(proc, timeout=30)


def test_deploy_schedule_and_find_outputs(scrapyd, server, tmp_path):
    base, home = scrapyd
    project = project_copy(tmp_path / "project")
    deploy = str(BIN / "scrapyd-deploy")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    # as shipped, the default target is a local scrapyd (no "Unknown target")
    listed = subprocess.run(
        [str(BIN / "scrapyd-client"), "targets"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split() == ["default", "http://localhost:6800/"]

    # the test's scrapyd listens on a free port: add it as a second target
    with open(project / "scrapy.cfg", "a") as cfg:
        cfg.write(f"\n[deploy:loopback]\nurl = {base}/\nproject = newscrawl\n")
    before = sorted(str(p.relative_to(project)) for p in project.rglob("*"))
    deployed = subprocess.run(
        [deploy, "loopback", "--version", "r1"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    assert '"status": "ok"' in deployed.stdout + deployed.stderr
    after = sorted(str(p.relative_to(project)) for p in project.rglob("*"))
    assert after == before  # no setup.py, build/ or *.egg-info left behind
    assert api(base, "/listspiders.json?project=newscrawl")["spiders"] == ["feeds"]

    serve_article(server, "/a", title="Scheduled story")
    serve_article(server, "/b", title="Another scheduled story")
    feed = server.add(
        "/feed.xml", rss(server, ["/a", "/b"]), headers=[("Content-Type", "text/xml")]
    )
    out = tmp_path / "archive"
    job = api(
        base,
        "/schedule.json",
        [
            ("project", "newscrawl"),
            ("spider", "feeds"),
            ("feeds", feed),
            ("setting", f"NEWSCRAWL_OUTPUT_DIR={out}"),
            ("setting", "AUTOTHROTTLE_ENABLED=False"),
            ("setting", "DOWNLOAD_DELAY=0"),
            ("setting", "NEWSCRAWL_ALLOWED_NETWORKS=127.0.0.1/32"),
        ],
    )
    assert job["status"] == "ok", job
    deadline = time.monotonic() + 180
    while True:
        jobs = api(base, "/listjobs.json?project=newscrawl")
        if any(j["id"] == job["jobid"] for j in jobs["finished"]):
            break
        assert time.monotonic() < deadline, jobs
        time.sleep(0.5)

    log = next((home / "logs" / "newscrawl" / "feeds").glob(f"{job['jobid']}.log")).read_text()
    assert "Spider closed (finished)" in log, log[-3000:]
    assert " WARNING: " not in log and " ERROR: " not in log, log[-3000:]
    [items] = (out / "items").glob("*.jsonl")
    urls = sorted(json.loads(line)["url"] for line in items.read_text().splitlines())
    assert urls == [server.url("/a"), server.url("/b")]
    assert len(list((out / "posts").glob("*.md"))) == 2
    assert list((out / "warc").glob("*.warc.gz"))
    assert (out / "state" / "state.sqlite3").is_file()
    [report] = (out / "reports").glob("*.json")
    assert json.loads(report.read_text())["articles"]["new"] == 2
