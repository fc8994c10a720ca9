"""Serve the demo news site, or crawl it end to end, all on 127.0.0.1.

python -m newscrawl.demo serve [--port 8000]
python -m newscrawl.demo crawl [--output archive] [scrapy crawl options...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from newscrawl.demo.server import DemoServer, feed_urls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newscrawl.demo", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the demo site until Ctrl-C")
    serve.add_argument("--port", type=int, default=8000)
    crawl = sub.add_parser("crawl", help="start the demo site, crawl all its feeds, stop it")
    crawl.add_argument("--output", default="archive", help="output folder (default: archive)")
    args, extra = parser.parse_known_args(argv)

    if args.command == "serve":
        with DemoServer(port=args.port) as server:
            print(f"Demo news site on {server.base}/ — feeds:", flush=True)
            for url in feed_urls(server):
                print("  " + url, flush=True)
            print(f"  {server.url('/feeds.opml')} (OPML)\nCtrl-C to stop.", flush=True)
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                return 0

    project_root = _project_root()
    with DemoServer() as server:
        cmd = [
            sys.executable, "-m", "scrapy", "crawl", "feeds",
            "-a", "feeds=" + ",".join(feed_urls(server)),
            "-s", f"NEWSCRAWL_OUTPUT_DIR={Path(args.output).resolve()}",
            # a loopback demo needs no politeness delay
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
            # the demo site is on loopback, which crawls refuse by default
            "-s", "NEWSCRAWL_ALLOWED_NETWORKS=127.0.0.1/32",
            *extra,
        ]  # fmt: skip
        print(f"Demo site on {server.base}/; crawling its feeds into {args.output}/", flush=True)
        return subprocess.call(cmd, cwd=project_root, env=os.environ.copy())


def _project_root() -> Path:
    """The folder with scrapy.cfg: the working directory's, else the source tree's."""
    for folder in (Path.cwd(), *Path.cwd().parents, Path(__file__).resolve().parents[2]):
        if (folder / "scrapy.cfg").is_file():
            return folder
    raise SystemExit("scrapy.cfg not found: run this from the newscrawl project folder")


if __name__ == "__main__":
    sys.exit(main())
