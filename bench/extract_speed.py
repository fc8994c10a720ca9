"""Print how fast extract_article runs on the in-repo news set (and the 990 set if present).

python bench/extract_speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newscrawl.extract import extract_article  # noqa: E402


def pages() -> dict[str, list[tuple[str, bytes]]]:
    sets = {
        "news": [(p.stem, p.read_bytes()) for p in sorted((REPO / "quality/news").glob("*.html"))]
    }
    dev = REPO.parent / "shared" / "eval" / "trafilatura-990"
    if dev.is_dir():
        sets["990"] = [(p.name, p.read_bytes()) for p in sorted(dev.glob("*/*.html"))]
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    for name, items in pages().items():
        per_page = []
        for _ in range(args.repeat):
            for stem, raw in items:
                started = time.perf_counter()
                extract_article(raw, f"https://bench.example/{stem}")
                per_page.append(time.perf_counter() - started)
        per_page.sort()
        print(
            f"{name}: {len(items)} pages x {args.repeat}: "
            f"median {statistics.median(per_page) * 1000:.1f} ms, "
            f"p95 {per_page[int(len(per_page) * 0.95)] * 1000:.1f} ms, "
            f"max {per_page[-1] * 1000:.1f} ms, "
            f"{len(per_page) / sum(per_page):.1f} pages/s"
        )


if __name__ == "__main__":
    main()
