"""Package a crawl as WACZ for ReplayWeb.page and pywb: ``python -m newscrawl.replay.wacz``.

The WACZ holds the crawl's closed WARC files, the indexes and a pages list
whose titles come from the crawl's records (``items/*.jsonl``); the ``wacz``
package builds and checks it. Usage::

    python -m newscrawl.replay.wacz archive -o archive/news.wacz [--title "Daily news"]
    wacz validate -f archive/news.wacz
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from newscrawl.replay.sources import WARC_SUFFIXES

logger = logging.getLogger(__name__)

PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "Articles"}


def warc_files(output_dir: Path) -> list[Path]:
    """The closed WARC files of a crawl (``.open`` ones are still being written)."""
    folder = output_dir / "warc"
    return sorted(p for p in folder.iterdir() if p.name.endswith(WARC_SUFFIXES))


def pages(output_dir: Path) -> Iterator[dict]:
    """One page per archived article record: URL, capture time, title."""
    seen: set[tuple[str, str]] = set()
    for path in sorted((output_dir / "items").glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    item = json.loads(line)
                except ValueError:
                    continue
                url, ts = item.get("url"), item.get("fetched_at")
                if not url or not ts or (url, ts) in seen:
                    continue
                try:
                    ts = _warc_ts(ts)
                except ValueError:
                    continue
                seen.add((url, ts))
                page = {"url": url, "ts": ts}
                title = item.get("title") or item.get("entry_title")
                if title:
                    page["title"] = title
                yield page


def _warc_ts(iso: str) -> str:
    """``2026-11-01T12:00:00+00:00`` -> ``2026-11-01T12:00:00Z`` (what warcio parses)."""
    parsed = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed.isoformat(timespec="seconds") + "Z"


def package(output_dir: Path, wacz_path: Path, title: str | None = None) -> int:
    """Write ``wacz_path`` from the crawl in ``output_dir``; returns an exit status."""
    try:
        from wacz.main import main as wacz_main
    except ImportError:
        logger.error("newscrawl: the wacz package is not installed: pip install wacz")
        return 1
    try:
        warcs = warc_files(output_dir)
    except OSError as exc:
        logger.error("newscrawl: no WARC folder in %s (%s)", output_dir, exc.strerror or exc)
        return 1
    if not warcs:
        logger.error("newscrawl: no closed WARC files in %s", output_dir / "warc")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        pages_file = Path(tmp) / "pages.jsonl"
        header = {**PAGES_HEADER, **({"title": title} if title else {})}
        with open(pages_file, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(header) + "\n")
            fh.writelines(json.dumps(page) + "\n" for page in pages(output_dir))
        args = ["create", "-o", str(wacz_path), "-p", str(pages_file)]
        if title:
            args += ["--title", title]
        os.makedirs(wacz_path.parent, exist_ok=True)
        return int(wacz_main(args + [str(p) for p in warcs]) or 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newscrawl.replay.wacz",
        description="Package a newscrawl output folder (warc/, items/) as a WACZ file.",
    )
    parser.add_argument("output_dir", type=Path, help="the crawl's NEWSCRAWL_OUTPUT_DIR")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the .wacz to write")
    parser.add_argument("--title", help="collection title shown by viewers")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    return package(args.output_dir, args.output, args.title)


if __name__ == "__main__":
    sys.exit(main())
