"""Quality gate for article extraction: exits non-zero when a score drops below its floor.

1. The in-repo news set (``quality/news/``: 46 CMS pages with hand-checked ground truth):
   body text scored by 4-token shingle precision/recall/F1 (lowercased word tokens,
   punctuation and whitespace ignored), mean over pages; metadata accuracy for title,
   published date and authors.
2. The trafilatura 990-page dev set, when present (``--eval-990 PATH``, default
   ``../shared/eval/trafilatura-990`` from the repository root): snippet P/R/F1 as its
   authors compute it, for newscrawl and for plain trafilatura on the same run.

Only the body newscrawl stores is scored (``body_html`` converted to text).

    python quality/gate.py                 # both sets (the 990 set if found)
    python quality/gate.py --no-990        # in-repo set only (what the test suite runs)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from eval990 import (  # noqa: E402
    STRONGEST,
    TRAFILATURA_CONFIGS,
    SnippetScore,
    load_pages,
    score,
    trafilatura_text,
)
from meta990 import FIELDS, MetaScore, load_truth, newscrawl_meta, trafilatura_meta  # noqa: E402

from newscrawl.extract import extract_article  # noqa: E402
from newscrawl.extract.fragments import fragment_text  # noqa: E402

# Pinned slightly below the measured figures (see docs/quality.md);
# raise them when extraction improves, never lower them to make a change pass.
FLOORS = {
    "news_f1": 0.99,  # measured 0.998 (trafilatura, benchmark configuration: 0.935)
    "news_precision": 0.985,  # measured 0.997
    "news_recall": 0.99,  # measured 0.999
    "title": 0.975,  # measured 1.000 (one miss in 46 allowed)
    "published": 0.975,  # measured 1.000
    "authors": 0.975,  # measured 1.000
    # 990 dev set, snippets: above trafilatura's strongest configuration (benchmark settings
    # P 0.907 R 0.946 F1 0.926; favor_precision 0.922; favor_recall 0.920), so only
    # newscrawl's own gains clear it
    # measured 0.9526 (P 0.942 R 0.963; TP 2842 FP 174 FN 109); before the standfirst rule
    # and the decoding fixes 0.9414 (P 0.941 R 0.942), before the boilerplate rules 0.930
    "990_f1": 0.952,
    "990_f1_margin": 0.0,  # newscrawl F1 minus the strongest trafilatura F1 in the same run
    # 990 dev set, metadata accuracy (trafilatura's extract_metadata on the same pages:
    # title 0.607, date 0.865, author 0.535); first pinned at title 0.757 (640/845),
    # date 0.855 (623/728), author 0.572 (308/538); then title 0.822 (695), date 0.864
    # (629), author 0.604 (325); then author 0.623 (335), 0.639 (344); then title 0.857
    # (724), date 0.870 (633); then title 0.893 (755), date 0.880 (641), author 0.710 (382)
    "990_title": 0.897,  # measured 758/845 = 0.8970
    "990_date": 0.888,  # measured 647/728 = 0.8887
    "990_author": 0.715,  # measured 385/538 = 0.7156
}
SHINGLE = 4
_TOKEN = re.compile(r"\w+")
_WS = re.compile(r"\s+")


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass
class BodyScore:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def body_score(output: str, truth: str) -> BodyScore:
    got, want = shingles(output), shingles(truth)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    return BodyScore(precision, recall)


def _norm(value: str | None) -> str:
    return _WS.sub(" ", value or "").strip().casefold()


def metadata_hits(article: dict, truth: dict) -> dict[str, bool]:
    return {
        "title": _norm(article["title"]) == _norm(truth["title"]),
        "published": (article["published"] or "")[:10] == truth["published"][:10],
        "authors": sorted(map(_norm, article["authors"])) == sorted(map(_norm, truth["authors"])),
    }


def default_990() -> Path:
    """``$NEWSCRAWL_EVAL_990``, else ``../shared/eval/trafilatura-990`` from the repository root."""
    override = os.environ.get("NEWSCRAWL_EVAL_990")
    return Path(override) if override else REPO.parent / "shared" / "eval" / "trafilatura-990"


def run_news(folder: Path, worst: int) -> dict[str, float]:
    """Score the in-repo set; print the means, the worst pages and metadata misses."""
    rows = []
    hits: dict[str, list[bool]] = {"title": [], "published": [], "authors": []}
    misses = []
    plain_inputs: list[tuple[str, str, str]] = []
    # a fixed fetch time after every page's date, so reruns give the same result
    fetched_at = "2026-01-01T00:00:00+00:00"
    for truth_path in sorted(folder.glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        page = truth_path.with_suffix(".html").read_text(encoding="utf-8")
        article = extract_article(page, truth["url"], fetched_at=fetched_at)
        plain_inputs.append((truth["url"], page, truth["body"]))
        result = body_score(fragment_text(article["body_html"]), truth["body"])
        rows.append((truth_path.stem, truth["layout"], article["body_source"], result))
        for field, ok in metadata_hits(article, truth).items():
            hits[field].append(ok)
            if not ok:
                key = "authors" if field == "authors" else field
                misses.append((truth_path.stem, field, article[key], truth[key]))
    n = len(rows)
    plain = [
        body_score(trafilatura_text(page.encode("utf-8"), url), truth)
        for url, page, truth in plain_inputs
    ]
    figures = {
        "news_precision": sum(r[3].precision for r in rows) / n,
        "news_recall": sum(r[3].recall for r in rows) / n,
        "news_f1": sum(r[3].f1 for r in rows) / n,
    }
    figures.update({field: sum(v) / len(v) for field, v in hits.items()})
    print(f"In-repo news set: {n} pages ({folder})")
    print(
        f"  body (4-token shingles, mean): P={figures['news_precision']:.3f} "
        f"R={figures['news_recall']:.3f} F1={figures['news_f1']:.3f}"
    )
    print(
        "  plain trafilatura, same pages:  "
        f"P={sum(r.precision for r in plain) / n:.3f} R={sum(r.recall for r in plain) / n:.3f} "
        f"F1={sum(r.f1 for r in plain) / n:.3f}"
    )
    by_layout: dict[str, list[float]] = {}
    for _, layout, _, result in rows:
        by_layout.setdefault(layout, []).append(result.f1)
    print(
        "  F1 by layout: "
        + ", ".join(f"{k} {sum(v) / len(v):.3f}" for k, v in sorted(by_layout.items()))
    )
    print(
        "  metadata accuracy: "
        + ", ".join(f"{field} {figures[field]:.3f}" for field in ("title", "published", "authors"))
    )
    print(f"  worst {worst} pages by body F1:")
    for name, layout, source, result in sorted(rows, key=lambda r: r[3].f1)[:worst]:
        print(
            f"    {result.f1:.3f} (P={result.precision:.3f} R={result.recall:.3f}) "
            f"{name} [{layout}, {source}]"
        )
    for name, field, got, want in misses:
        print(f"  metadata miss: {name} {field}: got {got!r}, want {want!r}")
    return figures


def run_990(root: Path, peers: str = "strongest", misses: int = 0) -> dict[str, float]:
    """Score newscrawl (one extraction per page: body and metadata) and trafilatura.

    ``peers``: "strongest" runs trafilatura's strongest configuration beside newscrawl,
    "all" every configuration, "none" newscrawl only (the floors still hold).
    """
    pages = load_pages(root)
    truth = load_truth(root)
    print(f"trafilatura 990 dev set: {len(pages)} pages ({root})")
    ours, ours_meta = SnippetScore(), MetaScore()
    started = time.monotonic()
    for url, page, with_, without in pages:
        try:
            article = extract_article(page, url)
        except Exception:  # a crash counts as empty output
            article = {"body_html": None}
        ours.add(fragment_text(article["body_html"] or ""), with_, without)
        if url in truth:
            ours_meta.add(url, newscrawl_meta(article), truth[url])
    print(
        f"  body (snippets)  newscrawl           P={ours.precision:.3f} R={ours.recall:.3f}"
        f" F1={ours.f1:.3f}  ({time.monotonic() - started:.0f} s, body and metadata)"
    )
    figures = {"990_f1": ours.f1}
    configs = {"all": tuple(TRAFILATURA_CONFIGS), "strongest": (STRONGEST,)}.get(peers, ())
    strongest = 0.0
    for config in configs:
        started = time.monotonic()
        peer = score(pages, partial(trafilatura_text, config=config))
        strongest = max(strongest, peer.f1)
        print(
            f"                   trafilatura {config:<15} P={peer.precision:.3f}"
            f" R={peer.recall:.3f} F1={peer.f1:.3f}  ({time.monotonic() - started:.0f} s)"
        )
    if configs:
        figures["990_f1_margin"] = ours.f1 - strongest
    started = time.monotonic()
    peer_meta = MetaScore()
    for url, page, _, _ in pages:
        if configs and url in truth:
            try:
                got = trafilatura_meta(page, url)
            except Exception:  # a crash counts as nothing found
                got = {}
            peer_meta.add(url, got, truth[url])
    elapsed = time.monotonic() - started
    print(
        f"  metadata accuracy  (pages)  newscrawl  trafilatura extract_metadata ({elapsed:.0f} s)"
    )
    for name in FIELDS:
        print(
            f"    {name:<8} ({ours_meta.totals[name]:>3})       {ours_meta.accuracy(name):.3f}"
            f"      {peer_meta.accuracy(name):.3f}"
        )
    for name in FIELDS:
        for url, _, got, want in [m for m in ours_meta.misses if m[1] == name][:misses]:
            print(f"  990 {name} miss: {url}: got {got!r}, want {want!r}")
    figures.update({f"990_{name}": ours_meta.accuracy(name) for name in FIELDS})
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--news", type=Path, default=HERE / "news", help="in-repo set folder")
    parser.add_argument(
        "--eval-990",
        type=Path,
        default=default_990(),
        help="the trafilatura 990-page dev set (skipped with a notice when missing)",
    )
    parser.add_argument("--no-990", action="store_true", help="score the in-repo set only")
    parser.add_argument("--worst", type=int, default=5, help="how many worst pages to print")
    parser.add_argument(
        "--peers",
        choices=("strongest", "all", "none"),
        default="strongest",
        help="trafilatura configurations to run beside newscrawl on the 990 set",
    )
    parser.add_argument(
        "--misses", type=int, default=0, help="print up to N 990 metadata misses per field"
    )
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")  # dateutil and trafilatura warn about odd pages

    figures = run_news(args.news, args.worst)
    if args.no_990:
        print("990 dev set: skipped (--no-990)")
    elif (args.eval_990 / "evaldata.json").is_file():
        figures.update(run_990(args.eval_990, args.peers, args.misses))
    else:
        print(f"990 dev set: skipped, not found at {args.eval_990}")

    failures = [
        f"{name} {figures[name]:.3f} < floor {floor:.3f}"
        for name, floor in FLOORS.items()
        if name in figures and figures[name] < floor
    ]
    for failure in failures:
        print(f"FAIL: {failure}")
    print("quality gate: " + ("FAILED" if failures else "passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
