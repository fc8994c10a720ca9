"""Throughput of distributed workers: pages/s with 1 and with 2 workers on this machine.

    python bench/distributed.py [--articles 400] [--workers 1 2]

Starts a redis-server (Debian package) and a loopback site of small articles, pushes
its feeds, runs the workers (SCRAPY_PROJECT=distributed, AutoThrottle off, no delay)
until all are idle, and prints articles archived per second of wall time (from the
first worker's start to the last worker's exit, less the idle wait). Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newscrawl.demo.server import DemoServer  # noqa: E402

PER_FEED = 50


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_site(server: DemoServer, articles: int) -> list[str]:
    paths = [f"/news/{n:05d}.html" for n in range(articles)]
    words = " ".join(f"word{n}" for n in range(300))
    for n, path in enumerate(paths):
        html = (
            f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Story {n}"
            f"</title></head><body><article><h1>Story {n}</h1><p>{words}</p></article>"
            "</body></html>"
        )
        server.add(path, html, headers=[("Content-Type", "text/html; charset=utf-8")])
    feeds = []
    for f in range(0, articles, PER_FEED):
        items = "".join(
            f"<item><title>Story {n}</title><link>{escape(server.url(p))}</link></item>"
            for n, p in enumerate(paths[f : f + PER_FEED], start=f)
        )
        body = (
            "<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>"
            f"<link>{server.base}/</link><description>d</description>{items}</channel></rss>"
        )
        feeds.append(
            server.add(f"/feeds/{f}.xml", body, headers=[("Content-Type", "application/rss+xml")])
        )
    return feeds


def run(workers: int, articles: int, redis_bin: str, work: Path) -> float:
    port = free_port()
    redis_dir = work / f"redis-{workers}"
    redis_dir.mkdir(parents=True)
    redis_proc = subprocess.Popen(
        [redis_bin, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(redis_dir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    env = {**os.environ, "SCRAPY_PROJECT": "distributed", "PYTHONPATH": str(ROOT)}
    out = work / f"out-{workers}"
    try:
        with DemoServer(site_dir=None) as server:
            server.add("/robots.txt", "User-agent: *\nDisallow:\n")
            feeds = build_site(server, articles)
            time.sleep(0.5)
            subprocess.run(
                [sys.executable, "-m", "scrapy", "pushfeeds", "-s", f"REDIS_URL={url}", *feeds],
                cwd=ROOT, env=env, check=True, capture_output=True,
            )  # fmt: skip
            settings = {
                "REDIS_URL": url,
                "NEWSCRAWL_OUTPUT_DIR": str(out),
                "AUTOTHROTTLE_ENABLED": "False",
                "DOWNLOAD_DELAY": "0",
                "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
                "MAX_IDLE_TIME_BEFORE_CLOSE": "2",
                "LOG_LEVEL": "WARNING",
                "NEWSCRAWL_PROGRESS": "off",
                "NEWSCRAWL_ALLOWED_NETWORKS": "127.0.0.1/32",  # the loopback site only
            }
            start = time.monotonic()
            procs = []
            for n in range(workers):
                args = [sys.executable, "-m", "scrapy", "crawl", "feeds"]
                for key, value in {
                    **settings,
                    "NEWSCRAWL_STATS_FILE": str(out / f"stats-{n}.json"),
                }.items():
                    args += ["-s", f"{key}={value}"]
                procs.append(
                    subprocess.Popen(
                        args,
                        cwd=ROOT,
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )  # fmt: skip
                )
            for proc in procs:
                proc.wait(timeout=1800)
            stats = [json.loads((out / f"stats-{n}.json").read_text()) for n in range(workers)]
            marked = sum(s.get("newscrawl/state/articles_marked", 0) for s in stats)
            # wall time less the idle wait each worker ends with
            elapsed = time.monotonic() - start - float(settings["MAX_IDLE_TIME_BEFORE_CLOSE"])
            if marked != articles:
                print(f"  warning: {marked} of {articles} archived", file=sys.stderr)
            return marked / elapsed
    finally:
        redis_proc.terminate()
        redis_proc.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    opts = parser.parse_args()
    redis_bin = shutil.which("redis-server")
    if not redis_bin:
        sys.exit("redis-server not found (apt install redis-server)")
    with tempfile.TemporaryDirectory(prefix="newscrawl-bench-") as tmp:
        print(f"{opts.articles} articles, {os.cpu_count()} CPUs")
        for workers in opts.workers:
            rate = run(workers, opts.articles, redis_bin, Path(tmp))
            print(f"{workers} worker{'s' if workers > 1 else ' '}  {rate:7.1f} pages/s")


if __name__ == "__main__":
    main()
