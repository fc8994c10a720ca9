"""How long replay takes to read one archived response: index lookup plus record read.

    python -m bench.replay_read                 # crawls the demo site into a temp folder
    python -m bench.replay_read --site 300      # crawls 300 pages of the bench site (nginx)
    python -m bench.replay_read archive/warc    # any folder of WARC files with CDXJ indexes

Loads the folder the way a replay does (``newscrawl.replay.archive.Archive.load``), then
answers every captured URL ``--rounds`` times and prints the mean and 95th percentile
per record, beside warcio reading the same response records straight through (the
floor: no lookup, no seek). Target: under 1 ms per record.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from newscrawl.replay.archive import Archive

ROOT = Path(__file__).resolve().parents[1]


def captured_urls(warc_dir: Path) -> list[str]:
    """The URLs of the response and revisit records, from the CDXJ indexes."""
    urls = []
    for index in sorted(warc_dir.glob("*.cdxj")):
        for line in index.read_text(encoding="utf-8").splitlines():
            fields = json.loads(line.split(" ", 2)[2])
            if fields.get("mime") != "request" and fields.get("url"):
                urls.append(fields["url"])
    return urls


def warcio_floor(warc_dir: Path) -> tuple[int, float]:
    """Response records read (payload included) and seconds, in one pass per file."""
    count, started = 0, time.perf_counter()
    for path in sorted(warc_dir.glob("*.warc.gz")):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response":
                    record.content_stream().read()
                    count += 1
    return count, time.perf_counter() - started


def demo_archive(work: Path) -> Path:
    out = work / "demo"
    subprocess.run(
        [sys.executable, "-m", "newscrawl.demo", "crawl", "--output", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out / "warc"


def bench_archive(work: Path, articles: int) -> Path:
    """The bench's own site (44 KB pages on average, nginx) crawled by newscrawl full."""
    from bench.nginx import Nginx
    from bench.run import prepare, run_variant
    from bench.variants import VARIANTS

    work.chmod(0o755)  # nginx's worker process may run as another user
    with Nginx(work / "nginx") as server:
        ctx = prepare(work, articles, 21, server)
        run_variant(VARIANTS["4"], ctx, 0)
    return ctx.outputs["4"] / "archive" / "warc"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("warc_dir", nargs="?", help="WARC folder (default: a demo crawl)")
    parser.add_argument("--site", type=int, help="crawl this many pages of the bench site")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newscrawl-replay-read-") as tmp:
        if args.warc_dir:
            warc_dir = Path(args.warc_dir)
        elif args.site:
            warc_dir = bench_archive(Path(tmp), args.site)
        else:
            warc_dir = demo_archive(Path(tmp))
        archive, report = Archive.load(str(warc_dir), str(Path(tmp) / "cache"))
        urls = captured_urls(warc_dir)
        if not urls:
            sys.exit(f"no captures indexed in {warc_dir}")
        times = []
        for _ in range(args.rounds):
            for url in urls:
                started = time.perf_counter()
                archive.answer(url)
                times.append(time.perf_counter() - started)
        count, floor = warcio_floor(warc_dir)
    ms = sorted(t * 1000 for t in times)
    print(f"{report.files} files, {report.captures} captures, index loaded in "
          f"{report.seconds * 1000:.1f} ms")  # fmt: skip
    print(f"replay answer: {statistics.mean(ms):.3f} ms mean, "
          f"{ms[int(len(ms) * 0.95)]:.3f} ms p95 per record ({len(ms)} answers)")  # fmt: skip
    if count:
        print(f"warcio straight read: {floor * 1000 / count:.3f} ms per response record")
    print("target: under 1 ms per record")


if __name__ == "__main__":
    main()
