"""Time reading and checking a 100,000-entry feed list (text and OPML), as the spider does.

python bench/feedlist_speed.py [--entries 100000]

Per entry: read it from the file, check it (check_feed_entry) and build its scrapy
Request. Prints seconds and the peak memory traced while reading; exits 1 when a
list takes longer than --max-seconds or its peak passes --max-mb.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scrapy import Request  # noqa: E402

from newscrawl.feedlist import check_feed_entry, iter_feed_list  # noqa: E402


def write_lists(folder: Path, entries: int) -> dict[str, Path]:
    text, opml = folder / "feeds.txt", folder / "feeds.opml"
    with text.open("w", encoding="utf-8") as fh:
        for i in range(entries):
            fh.write(f"https://site{i}.example/feed.xml  # feed {i}\n")
    with opml.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0"?><opml version="2.0"><head/><body>\n')
        for i in range(entries):
            fh.write(
                f'<outline type="rss" text="Site {i}" xmlUrl="https://site{i}.example/feed"/>\n'
            )
        fh.write("</body></opml>\n")
    return {"text": text, "opml": opml}


def run(path: Path) -> tuple[int, float]:
    started = time.perf_counter()
    count = 0
    for text in iter_feed_list(path):
        entry = check_feed_entry(text)
        if entry.url:
            Request(entry.url)
            count += 1
    return count, time.perf_counter() - started


def peak_mb(path: Path) -> float:
    tracemalloc.start()
    for _ in iter_feed_list(path):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--max-seconds", type=float, default=30.0)
    parser.add_argument("--max-mb", type=float, default=4.0)
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for kind, path in write_lists(Path(tmp), args.entries).items():
            count, seconds = run(path)
            mb = peak_mb(path)
            size = path.stat().st_size / 2**20
            print(
                f"{kind:5} {count} feeds from {size:.1f} MB: {seconds:.2f} s "
                f"({seconds / max(count, 1) * 1e6:.0f} µs/entry), peak {mb:.2f} MB while reading"
            )
            failed |= seconds > args.max_seconds or mb > args.max_mb
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
