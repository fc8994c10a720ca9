"""Cleaning on real pages: time per article and text kept, printed as figures.

Runs ``extract_article`` then ``clean_article`` on every annotated page of the
trafilatura evaluation set (``evaldata.json`` with ``cache/`` and ``eval/`` folders)
and reports:

- milliseconds per ``clean_article`` call (median, 95th percentile, max);
- of the "with" snippets the extractor kept, how many cleaning keeps (should be all);
- of the "without" snippets (boilerplate) the extractor let through, how many
  cleaning removes;
- bodies that cleaning empties (should be none).

Usage: python bench/clean_realpages.py [../shared/eval/trafilatura-990]
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import warnings
from pathlib import Path

import lxml.html

from newscrawl.clean import clean_article
from newscrawl.extract import extract_article

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "trafilatura-990"


def text_of(html: str | None) -> str:
    if not html:
        return ""
    doc = lxml.html.document_fromstring(html)
    for el in doc.iter():
        if isinstance(el.tag, str):
            el.tail = " " + (el.tail or "")
    return " ".join(doc.text_content().split())


def main(root: Path) -> int:
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    timings: list[float] = []
    kept = lost = boiler_in = boiler_removed = emptied = 0
    for url, entry in data.items():
        path = next((root / d / entry["file"] for d in ("cache", "eval")
                     if (root / d / entry["file"]).is_file()), None)  # fmt: skip
        if path is None:
            continue
        raw = path.read_bytes()
        article = extract_article(raw, url)
        page = raw.decode("utf-8", "replace")
        start = time.perf_counter()
        result = clean_article(article["body_html"], url, page_html=page)
        timings.append(time.perf_counter() - start)
        if article["body_html"] and not result.html:
            emptied += 1
        body, clean = text_of(article["body_html"]), text_of(result.html)
        for snippet in (" ".join(s.split()) for s in entry["with"]):
            if snippet in body:
                kept, lost = (kept + 1, lost) if snippet in clean else (kept, lost + 1)
        for snippet in (" ".join(s.split()) for s in entry["without"]):
            if snippet in body:
                boiler_in += 1
                boiler_removed += snippet not in clean
    if not timings:
        print(f"no pages found under {root}")
        return 1
    timings.sort()
    ms = [t * 1000 for t in timings]
    print(f"pages: {len(ms)}")
    print(
        f"clean_article ms: median {statistics.median(ms):.1f}, "
        f"p95 {ms[int(len(ms) * 0.95)]:.1f}, max {ms[-1]:.1f}"
    )
    print(f"'with' snippets in the extracted body kept by cleaning: {kept}/{kept + lost}")
    print(
        f"'without' snippets in the extracted body removed by cleaning: "
        f"{boiler_removed}/{boiler_in}"
    )
    print(f"bodies emptied by cleaning: {emptied}")
    return 0


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ROOT))
